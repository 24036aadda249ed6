// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/fs/destroy.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string_view>
#include <vector>

#include "core/remove_tree.h"
#include "dev/facet.h"
#include "quota/apply.h"
#include "quota/config.h"
#include "vz/launch/status.h"

namespace vz {

namespace {

namespace fs = std::filesystem;

// Whether `name` is `stem` followed by the six characters that mkstemp and
// mkdtemp put in place of "XXXXXX".
bool IsTempOf(std::string_view name, std::string_view stem) {
  return name.size() == stem.size() + 6 && name.starts_with(stem);
}

// What a killed create or destroy may leave next to the private area
// <base>: <base>.tmp-create, <base>.destroyed (older vzctl) and
// <base>.destroyed.XXXXXX.
bool IsPrivateLeftover(std::string_view name, const std::string& base) {
  return name == base + ".tmp-create" || name == base + ".destroyed" ||
         IsTempOf(name, base + ".destroyed.");
}

// Removes every entry of `dir` that `leftover` accepts; a missing `dir` has
// none.
template <typename Pred>
Status RemoveLeftovers(const fs::path& dir, Pred leftover) {
  std::error_code ec;
  std::vector<fs::path> found;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (leftover(it->path().filename().string())) found.push_back(it->path());
  }
  if (ec && ec != std::errc::no_such_file_or_directory)
    return MakeError(ec.value(), "readdir(" + dir.string() + ")");
  for (const auto& path : found) {
    if (auto removed = internal::RemoveTree(path); !removed) return removed;
  }
  return {};
}

// "/vz/private/101/" and "/vz/private/./101" as "/vz/private/101".
fs::path Normalized(const fs::path& path) {
  fs::path normal = path.lexically_normal();
  return normal.has_filename() ? normal : normal.parent_path();
}

// Moves the private area aside to a name of its own and deletes it there;
// nothing when there is none (a container that has only its config, whose
// private area's parent may not exist either).
Status RemoveAside(const fs::path& priv) {
  struct stat st;
  if (::lstat(priv.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};
    return ErrnoError("lstat(" + priv.string() + ")");
  }
  // A private area that is no directory at all (a symlink) is unlinked
  // where it is.
  if (!S_ISDIR(st.st_mode)) return internal::RemoveTree(priv);
  std::string aside = priv.string() + ".destroyed.XXXXXX";
  if (::mkdtemp(aside.data()) == nullptr) return ErrnoError("mkdtemp(" + aside + ")");
  // rename() replaces the empty directory just made.
  if (::rename(priv.c_str(), aside.c_str()) != 0) {
    const int err = errno;
    ::rmdir(aside.c_str());
    if (err != ENOENT) return MakeError(err, "rename(" + priv.string() + ", " + aside + ")");
    return {};
  }
  return internal::RemoveTree(aside);
}

// Deletes the private area and what earlier creates and destroys that were
// killed left next to it.
Status RemovePrivate(const fs::path& given) {
  const fs::path priv = Normalized(given);
  if (auto removed = RemoveAside(priv); !removed) return removed;
  const std::string base = priv.filename().string();
  return RemoveLeftovers(priv.parent_path(),
                         [&](std::string_view name) { return IsPrivateLeftover(name, base); });
}

// CTID.conf.tmpXXXXXX files of a config save that was killed.
Status RemoveConfigLeftovers(const Paths& paths, unsigned int veid) {
  const std::string stem = paths.ct_conf(veid).filename().string() + ".tmp";
  return RemoveLeftovers(paths.conf_dir(),
                         [&](std::string_view name) { return IsTempOf(name, stem); });
}

}  // namespace

Status DestroyContainer(Container& ct) {
  auto st = GetStatus(ct);
  if (!st) return std::unexpected(st.error());
  if (st->running) return KindError(ErrorKind::kRunning, "container is running: stop it first");
  if (st->mounted) return KindError(ErrorKind::kMounted, "container is mounted: unmount it first");
  if (!ct.has_config() && !st->exists)
    return KindError(ErrorKind::kNoVeConfig,
                     "container " + std::to_string(ct.veid()) + " does not exist");
  auto priv = ct.private_dir();
  if (priv) {
    if (auto removed = RemovePrivate(*priv); !removed) return removed;
    // A later container with this CTID starts from no limits.
    auto quota = internal::ReadQuotaConfig(ct.config());
    if (quota && quota->active())
      internal::DropDiskQuota(Normalized(*priv).parent_path(), ct.veid());
  }
  auto root = ct.root();
  if (root) ::rmdir(root->c_str());
  // What a stop that failed may have left of the copies of its DEVNODES.
  (void)internal::RemoveDevNodeCopies(ct);
  // The config goes last, so that a destroy that failed before can be run
  // again.
  if (auto removed = RemoveConfigLeftovers(ct.paths(), ct.veid()); !removed) return removed;
  const fs::path conf = ct.paths().ct_conf(ct.veid());
  if (::rename(conf.c_str(), (conf.string() + ".destroyed").c_str()) != 0 && errno != ENOENT)
    return ErrnoError("rename(" + conf.string() + ")");
  return {};
}

}  // namespace vz
