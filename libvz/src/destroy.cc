// SPDX-License-Identifier: LGPL-2.1-or-later
#include <unistd.h>

#include "vz/create.h"
#include "vz/start.h"

namespace vz {

namespace {

namespace fs = std::filesystem;

// Renames `path` aside and deletes it; leftovers of a destroy that was
// killed are deleted too.
Status RemoveAside(const fs::path& path) {
  const fs::path aside = path.string() + ".destroyed";
  std::error_code ec;
  fs::remove_all(aside, ec);
  if (!fs::exists(path, ec)) return {};
  if (::rename(path.c_str(), aside.c_str()) != 0)
    return ErrnoError("rename(" + path.string() + ", " + aside.string() + ")");
  fs::remove_all(aside, ec);
  if (ec) return MakeError(ec.value(), "remove(" + aside.string() + ")");
  return {};
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
    if (auto removed = RemoveAside(*priv); !removed) return removed;
  }
  auto root = ct.root();
  if (root) ::rmdir(root->c_str());
  const fs::path conf = ct.paths().ct_conf(ct.veid());
  if (::rename(conf.c_str(), (conf.string() + ".destroyed").c_str()) != 0 && errno != ENOENT)
    return ErrnoError("rename(" + conf.string() + ")");
  return {};
}

}  // namespace vz
