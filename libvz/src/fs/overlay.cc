// SPDX-License-Identifier: LGPL-2.1-or-later
#include "fs/overlay.h"

#include <fcntl.h>
#include <limits.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

#include "core/remove_tree.h"
#include "core/unique_fd.h"
#include "identity/id_maps.h"

namespace vz::internal {

namespace fs = std::filesystem;

namespace {

Status MakeDir(const fs::path& dir, mode_t mode, uid_t uid, gid_t gid) {
  if (::mkdir(dir.c_str(), mode) != 0) return ErrnoError("mkdir(" + dir.string() + ")");
  if (::chmod(dir.c_str(), mode) != 0) return ErrnoError("chmod(" + dir.string() + ")");
  if (::lchown(dir.c_str(), uid, gid) != 0) return ErrnoError("chown(" + dir.string() + ")");
  return {};
}

Status FillPrivate(const fs::path& dir, const fs::path& tree, const IdMap& map) {
  if (auto made = MakeDir(dir, 0700, 0, 0); !made) return made;
  if (auto made = MakeDir(dir / "upper", 0755, map.uid_base, map.gid_base); !made) return made;
  if (auto made = MakeDir(dir / "work", 0700, 0, 0); !made) return made;
  if (auto made = MakeDir(dir / "lower", 0700, 0, 0); !made) return made;
  if (::symlink(tree.c_str(), (dir / "template").c_str()) != 0)
    return ErrnoError("symlink(" + (dir / "template").string() + ")");
  return {};
}

// The template tree the private area names, opened without following a
// symlink in its last component.
Result<UniqueFd> OpenTree(int priv_fd, const fs::path& priv, fs::path* tree) {
  char target[PATH_MAX];
  const ssize_t n = ::readlinkat(priv_fd, "template", target, sizeof(target) - 1);
  if (n < 0) return ErrnoError("readlink(" + (priv / "template").string() + ")");
  *tree = std::string(target, static_cast<size_t>(n));
  if (!tree->is_absolute() || !OverlayPathOk(*tree))
    return KindError(ErrorKind::kBadTemplate,
                     priv.string() + "/template does not name a template tree: " + tree->string(),
                     EINVAL);
  UniqueFd fd(::open(tree->c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() >= 0) return fd;
  if (errno == ENOENT)
    return KindError(ErrorKind::kTemplateMissing,
                     "template tree " + tree->string() + " of " + priv.string() + " is gone",
                     ENOENT);
  return ErrnoError("open(" + tree->string() + ")");
}

// A detached copy of the tree's mount, read-only and nodev, its ids
// shifted by `map` as the container's user namespace shifts them.
Result<UniqueFd> IdmappedTree(int tree_fd, const fs::path& tree, const IdMap& map) {
  UniqueFd mnt(::open_tree(tree_fd, "", AT_EMPTY_PATH | OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC));
  if (mnt.get() < 0) return ErrnoError("open_tree(" + tree.string() + ")");
  auto ns = UserNsWithMap(map);
  if (!ns) return std::unexpected(ns.error());
  mount_attr attr{};
  attr.attr_set = MOUNT_ATTR_IDMAP | MOUNT_ATTR_RDONLY | MOUNT_ATTR_NODEV;
  attr.userns_fd = static_cast<uint64_t>(ns->get());
  if (::mount_setattr(mnt.get(), "", AT_EMPTY_PATH, &attr, sizeof(attr)) == 0) return mnt;
  const int err = errno;
  return MakeError(err, "mount_setattr(" + tree.string() + ", idmap)" +
                            (err == EINVAL ? " (its filesystem has no idmapped mounts)" : ""));
}

// overlayfs writes to the upper layer, and copies files up, with the
// credentials of whoever mounted it, less CAP_SYS_RESOURCE (overlayfs
// drops that itself): the container's disk quota holds for its layer.
Status MountLayers(const fs::path& priv, const fs::path& root) {
  const std::string options = "lowerdir=" + (priv / "lower").string() +
                              ",upperdir=" + (priv / "upper").string() +
                              ",workdir=" + (priv / "work").string();
  if (::mount("overlay", root.c_str(), "overlay", MS_NODEV, options.c_str()) == 0) return {};
  const int err = errno;
  return MakeError(err, "mount(overlay " + priv.string() + " on " + root.string() + ")" +
                            (err == ENODEV ? " (this kernel has no overlayfs)" : ""));
}

}  // namespace

bool OverlayPathOk(const fs::path& path) {
  return path.string().find_first_of(",:\\") == std::string::npos;
}

Status MakeOverlayPrivate(const fs::path& dir, const fs::path& tree, const IdMap& map) {
  if (!OverlayPathOk(dir) || !OverlayPathOk(tree))
    return KindError(ErrorKind::kInvalidArgument,
                     "the overlay layout cannot use a path with ',', ':' or '\\': " + dir.string(),
                     EINVAL);
  auto filled = FillPrivate(dir, tree, map);
  if (!filled) (void)RemoveTree(dir);
  return filled;
}

Status MountOverlay(int priv_fd, const fs::path& priv, const fs::path& root, const IdMap& map) {
  if (!OverlayPathOk(priv))
    return KindError(ErrorKind::kBadConfig,
                     "the overlay layout cannot use a path with ',', ':' or '\\': " + priv.string(),
                     EINVAL);
  fs::path tree;
  auto tree_fd = OpenTree(priv_fd, priv, &tree);
  if (!tree_fd) return std::unexpected(tree_fd.error());
  auto lower = IdmappedTree(tree_fd->get(), tree, map);
  if (!lower) return std::unexpected(lower.error());
  // overlayfs takes layers by path, from this mount namespace: the tree is
  // attached on lower/ for as long as the mount takes (overlayfs keeps a
  // private clone of it), then detached again.
  const fs::path lower_dir = priv / "lower";
  if (::move_mount(lower->get(), "", AT_FDCWD, lower_dir.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0)
    return ErrnoError("move_mount(" + tree.string() + " on " + lower_dir.string() + ")");
  auto mounted = MountLayers(priv, root);
  if (::umount2(lower_dir.c_str(), MNT_DETACH) != 0 && mounted) {
    auto err = ErrnoError("umount(" + lower_dir.string() + ")");
    ::umount2(root.c_str(), MNT_DETACH);
    return err;
  }
  return mounted;
}

}  // namespace vz::internal
