// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/core/container.h"

#include <charconv>
#include <limits>

namespace vz {

namespace {

Result<uint32_t> ParseU32(const std::string& text, const char* key) {
  uint32_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return KindError(ErrorKind::kBadConfig, std::string(key) + "=\"" + text + "\" is not a number");
  return value;
}

}  // namespace

Result<unsigned int> ParseVeid(std::string_view text) {
  unsigned long value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > kMaxVeid)
    return KindError(ErrorKind::kInvalidArgument, "invalid CTID '" + std::string(text) +
                                                      "': must be a number 1.." +
                                                      std::to_string(kMaxVeid));
  if (value == 0)
    return KindError(ErrorKind::kInvalidArgument, "CTID 0 is the host, not a container");
  return static_cast<unsigned int>(value);
}

Result<Container> Container::Open(const Paths& paths, unsigned int veid) {
  auto global = ConfigFile::Load(paths.vz_conf());
  if (!global)
    return KindError(ErrorKind::kNoConfig, "global configuration: " + global.error().message());
  return Open(paths, veid, *global);
}

Result<Container> Container::Open(const Paths& paths, unsigned int veid, const ConfigFile& global) {
  auto own = ConfigFile::Load(paths.ct_conf(veid));
  bool has_config = own.has_value();
  if (!own && own.error().err_no() != ENOENT) return std::unexpected(own.error());
  ConfigStack stack(global, has_config ? std::move(*own) : ConfigFile());
  return Container(paths, veid, std::move(stack), has_config);
}

Result<std::filesystem::path> Container::PathSetting(const char* key) const {
  auto value = config_.Get(key);
  if (!value || value->empty())
    return KindError(ErrorKind::kBadConfig, std::string(key) + " is not set in " +
                                                paths_.vz_conf().string() + " or " +
                                                paths_.ct_conf(veid_).string());
  std::filesystem::path path(ExpandVeid(*value, veid_));
  // A relative path would mean something else in each vzctl's cwd.
  if (!path.is_absolute())
    return KindError(ErrorKind::kBadConfig,
                     std::string(key) + "=\"" + *value + "\" is not an absolute path");
  return path;
}

Result<std::filesystem::path> Container::root() const { return PathSetting("VE_ROOT"); }

Result<std::filesystem::path> Container::private_dir() const { return PathSetting("VE_PRIVATE"); }

std::filesystem::path Container::lock_dir() const {
  auto dir = config_.Get("LOCKDIR");
  return dir && !dir->empty() ? std::filesystem::path(*dir) : paths_.Under("/vz/lock");
}

std::filesystem::path Container::template_dir() const {
  auto dir = config_.Get("TEMPLATE");
  return dir && !dir->empty() ? std::filesystem::path(*dir) : paths_.Under("/vz/template");
}

// LOCAL_UID/LOCAL_GID set the host id of container root. Unset, each
// container gets a range of its own: 65536 ids starting at 65536 * CTID.
// "0" maps the container's ids to the same ids on the host (identity).
Result<IdMap> Container::id_map() const {
  IdMap map;
  auto uid = config_.Get("LOCAL_UID");
  auto gid = config_.Get("LOCAL_GID");
  if (!uid || uid->empty()) {
    if (veid_ >= 65535)
      return KindError(ErrorKind::kBadConfig, "CTID " + std::to_string(veid_) +
                                                  " is too large for an automatic uid range: "
                                                  "set LOCAL_UID and LOCAL_GID");
    map.uid_base = map.gid_base = 65536u * veid_;
    return map;
  }
  auto u = ParseU32(*uid, "LOCAL_UID");
  if (!u) return std::unexpected(u.error());
  auto g = ParseU32(gid && !gid->empty() ? *gid : *uid, "LOCAL_GID");
  if (!g) return std::unexpected(g.error());
  map.uid_base = *u;
  map.gid_base = *g;
  if (*u == 0 && *g == 0) map.count = std::numeric_limits<uint32_t>::max();
  return map;
}

std::chrono::seconds Container::stop_timeout() const {
  auto value = config_.Get("STOP_TIMEOUT");
  if (value) {
    auto n = ParseU32(*value, "STOP_TIMEOUT");
    if (n) return std::chrono::seconds(*n);
  }
  return std::chrono::seconds(120);
}

std::string Container::hostname() const { return config_.Get("HOSTNAME").value_or(""); }

Status Container::SaveConfig() {
  auto saved = config_.container().Save(paths_.ct_conf(veid_));
  if (saved) has_config_ = true;
  return saved;
}

}  // namespace vz
