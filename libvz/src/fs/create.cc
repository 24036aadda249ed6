// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/fs/create.h"

#include <sys/stat.h>
#include <unistd.h>

#include <functional>

#include "core/file.h"
#include "core/id_check.h"
#include "core/remove_tree.h"
#include "fs/overlay.h"
#include "fs/template.h"
#include "fs/template_tree.h"
#include "quota/apply.h"
#include "quota/assign.h"
#include "quota/config.h"
#include "uts/valid_hostname.h"
#include "vz/fs/layout.h"
#include "vz/net/ip_address.h"

namespace vz {

namespace {

namespace fs = std::filesystem;

std::string Setting(const Container& ct, const std::string& given, const char* key) {
  return given.empty() ? ct.config().Get(key).value_or("") : given;
}

// The addresses of --ipadd, as IP_ADDRESS keeps them.
Result<std::string> IpAddressValue(const CreateOptions& opts) {
  IpChange change;
  change.add = opts.ipadd;
  for (const auto& ip : change.add)
    if (IsUnspecified(ip))
      return KindError(ErrorKind::kBadIp,
                       "cannot add the unspecified address '" + ip.address() + "'");
  return FormatIpList(ApplyIpChange({}, change));
}

// The options that set checks too, checked the same way, and the paths.
Status ValidateOptions(const CreateOptions& opts) {
  if (!opts.hostname.empty() && !internal::ValidHostname(opts.hostname))
    return KindError(ErrorKind::kInvalidArgument, "invalid hostname '" + opts.hostname + "'");
  for (const auto& [option, value] :
       {std::pair{"--private", opts.private_dir}, std::pair{"--root", opts.root}}) {
    if (value && !fs::path(*value).is_absolute())
      return KindError(ErrorKind::kInvalidArgument,
                       std::string(option) + " '" + *value + "' must be an absolute path");
  }
  return {};
}

// CTID.conf for a new container: the sample config plus the options.
Status PrepareConfig(Container& ct, const CreateOptions& opts, const std::string& ostemplate,
                     const std::string& ips, Layout layout) {
  if (!ct.has_config()) {
    const std::string sample = Setting(ct, opts.config, "CONFIGFILE");
    if (!sample.empty()) {
      auto loaded = ConfigFile::Load(ct.paths().sample_conf(sample));
      if (loaded)
        ct.config().container() = std::move(*loaded);
      else if (!opts.config.empty())
        return KindError(ErrorKind::kBadConfig, "sample config: " + loaded.error().message());
    }
  } else if (!opts.config.empty()) {
    return KindError(
        ErrorKind::kBadConfig,
        "--config cannot be used: " + ct.paths().ct_conf(ct.veid()).string() + " exists already");
  }
  ConfigFile& conf = ct.config().container();
  Status set = conf.Set("OSTEMPLATE", ostemplate);
  if (set) set = conf.Set("VE_LAYOUT", std::string(LayoutName(layout)));
  if (set && opts.private_dir) set = conf.Set("VE_PRIVATE", *opts.private_dir);
  if (set && opts.root) set = conf.Set("VE_ROOT", *opts.root);
  if (set && !opts.hostname.empty()) set = conf.Set("HOSTNAME", opts.hostname);
  if (set && opts.local_uid) set = conf.Set("LOCAL_UID", std::to_string(*opts.local_uid));
  if (set && opts.local_gid) set = conf.Set("LOCAL_GID", std::to_string(*opts.local_gid));
  if (set && opts.allow_host_root_map) set = conf.Set(kAllowHostRootMapKey, "yes");
  if (set && !ips.empty()) set = conf.Set("IP_ADDRESS", ips);
  if (set && opts.diskspace) set = conf.Set("DISKSPACE", FormatDiskLimit(*opts.diskspace));
  if (set && opts.diskinodes) set = conf.Set("DISKINODES", FormatDiskLimit(*opts.diskinodes));
  return set;
}

// The private area must not exist yet; an empty directory is accepted.
Status CheckPrivateFree(const fs::path& priv) {
  std::error_code ec;
  if (!fs::exists(priv, ec)) return {};
  if (fs::is_directory(priv, ec) && fs::is_empty(priv, ec) && ::rmdir(priv.c_str()) == 0) return {};
  return KindError(ErrorKind::kPrivateExists, "private area " + priv.string() + " already exists",
                   EEXIST);
}

// The private area's root is 0755 and the container root's, whatever the
// archive's "." entry said (07777 made it drwsrwsrwt).
Status NormalizeRoot(const fs::path& dir, const IdMap& map) {
  if (::lchown(dir.c_str(), map.uid_base, map.gid_base) != 0)
    return ErrnoError("chown(" + dir.string() + ")");
  if (::chmod(dir.c_str(), 0755) != 0) return ErrnoError("chmod(" + dir.string() + ")");
  return {};
}

// Makes the private area in "<priv>.tmp-create" with `fill` and renames it
// into place once complete; on failure nothing is left. With a `project`
// (disk quota), the filesystem must have project quota.
Status BuildPrivate(const fs::path& priv, uint32_t project,
                    const std::function<Status(const fs::path&)>& fill) {
  const fs::path tmp = priv.string() + ".tmp-create";
  // Left by a create that was killed.
  if (auto removed = internal::RemoveTree(tmp); !removed) return removed;
  // Only host root needs the private areas' directory (/vz/private): the
  // container reaches its files through the mount on VE_ROOT.
  if (auto made = internal::MakePrivateParents(priv.parent_path(), 0700); !made) return made;
  if (project)
    if (auto ok = internal::CheckDiskQuota(priv.parent_path()); !ok) return ok;
  if (auto filled = fill(tmp); !filled) return filled;
  if (::rename(tmp.c_str(), priv.c_str()) != 0) {
    auto err = ErrnoError("rename(" + tmp.string() + ", " + priv.string() + ")");
    (void)internal::RemoveTree(tmp);
    return err;
  }
  return {};
}

// simfs: the whole template, unpacked with the container's ids; with a
// `project`, into a directory that passes it on to every entry.
Status Unpack(const CreateOptions& opts, const fs::path& archive, const IdMap& map,
              uint32_t project, const fs::path& tmp) {
  UnpackOptions unpack{.uid_shift = map.uid_base,
                       .gid_shift = map.gid_base,
                       .id_count = map.count,
                       .progress = opts.progress,
                       .cancel = opts.cancel,
                       .prepare = nullptr};
  if (project)
    unpack.prepare = [project](const fs::path& dest) {
      return internal::AssignProject(dest, project);
    };
  if (auto done = UnpackTemplate(archive, tmp, unpack); !done) return done;
  auto normal = NormalizeRoot(tmp, map);
  // The files' data on disk before the area is in place: a power loss
  // after create must not leave a container of empty files. (An overlay
  // area holds no file data; its tree was synced when it was unpacked.)
  if (normal) normal = internal::SyncFilesystem(tmp);
  if (!normal) (void)internal::RemoveTree(tmp);
  return normal;
}

Status MakePrivate(const Container& ct, const CreateOptions& opts, const std::string& ostemplate,
                   const fs::path& archive, const fs::path& priv, uint32_t project) {
  auto map = ct.id_map();
  if (!map) return std::unexpected(map.error());
  auto layout = ContainerLayout(ct);
  if (!layout) return std::unexpected(layout.error());
  if (*layout == Layout::kSimfs)
    return BuildPrivate(priv, project, [&](const fs::path& tmp) {
      return Unpack(opts, archive, *map, project, tmp);
    });
  UnpackOptions unpack{.progress = opts.progress, .cancel = opts.cancel, .prepare = nullptr};
  auto tree = internal::SharedTemplateTree(ct.template_dir(), ostemplate, archive, unpack);
  if (!tree) return std::unexpected(tree.error());
  return BuildPrivate(priv, project, [&](const fs::path& tmp) {
    auto made = internal::MakeOverlayPrivate(tmp, *tree, *map);
    if (made && project) made = internal::AssignProject(tmp, project);
    if (!made) (void)internal::RemoveTree(tmp);
    return made;
  });
}

// The private area's limits, once it is in place.
Status ApplyQuota(const Container& ct, const fs::path& priv, const internal::QuotaConfig& quota,
                  std::vector<std::string>* warnings) {
  if (!quota.active()) return {};
  auto applied = internal::ApplyDiskQuota(priv, ct.veid(), quota, warnings);
  if (!applied) (void)internal::RemoveTree(priv);
  return applied;
}

}  // namespace

Status CreateContainer(Container& ct, const CreateOptions& opts,
                       std::vector<std::string>* warnings) {
  if (auto valid = ValidateOptions(opts); !valid) return valid;
  auto ips = IpAddressValue(opts);
  if (!ips) return std::unexpected(ips.error());
  const std::string ostemplate = Setting(ct, opts.ostemplate, "DEF_OSTEMPLATE");
  if (ostemplate.empty())
    return KindError(ErrorKind::kTemplateMissing,
                     "no OS template: give --ostemplate or set DEF_OSTEMPLATE in vz.conf");
  auto archive = FindTemplateCache(ct.template_dir(), ostemplate);
  if (!archive) return std::unexpected(archive.error());
  auto layout = opts.layout ? Result<Layout>(*opts.layout) : CreateLayout(ct);
  if (!layout) return std::unexpected(layout.error());
  const bool had_config = ct.has_config();
  if (auto prepared = PrepareConfig(ct, opts, ostemplate, *ips, *layout); !prepared)
    return prepared;
  auto quota = internal::ReadQuotaConfig(ct.config());
  if (!quota) return std::unexpected(quota.error());
  // Another create must not check its range between our check and our
  // CTID.conf: both would take the same ids.
  auto id_lock = LockIdRanges(ct);
  if (!id_lock) return std::unexpected(id_lock.error());
  if (auto checked = CheckIdMap(ct, warnings); !checked) return checked;
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  if (auto free = CheckPrivateFree(*priv); !free) return free;
  if (auto saved = ct.SaveConfig(); !saved) return saved;
  id_lock->Release();
  const uint32_t project = quota->active() ? ct.veid() : 0;
  auto unpacked = MakePrivate(ct, opts, ostemplate, *archive, *priv, project);
  if (unpacked) unpacked = ApplyQuota(ct, *priv, *quota, warnings);
  if (!unpacked && !had_config) ::unlink(ct.paths().ct_conf(ct.veid()).c_str());
  return unpacked;
}

}  // namespace vz
