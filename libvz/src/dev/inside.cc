// SPDX-License-Identifier: LGPL-2.1-or-later
#include "dev/inside.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include <cerrno>

#include "core/unique_fd.h"

namespace vz::internal {

namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

// The directory `name` in `dir`, made first when missing; -1 with errno.
int OpenSubdir(int dir, const std::string& name) {
  if (::mkdirat(dir, name.c_str(), 0755) != 0 && errno != EEXIST) return -1;
  return ::openat(dir, name.c_str(), kDirFlags);
}

constexpr int kThereAlready = -1;

// 0 when `leaf` in `dir` may take the mount (an empty file made for it, or
// a regular file there), kThereAlready for the node itself, else an errno.
int PrepareTarget(int dir, const std::string& leaf, bool block, dev_t rdev) {
  struct stat st;
  if (::fstatat(dir, leaf.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    const bool node = block ? S_ISBLK(st.st_mode) : S_ISCHR(st.st_mode);
    if (node && st.st_rdev == rdev) return kThereAlready;
    return S_ISREG(st.st_mode) ? 0 : EEXIST;
  }
  if (errno != ENOENT) return errno;
  UniqueFd made(
      ::openat(dir, leaf.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
  return made.get() < 0 ? errno : 0;
}

}  // namespace

int AttachNodeInside(int tree_fd, const std::string& name, bool block, dev_t rdev) {
  UniqueFd dir(::open("/dev", kDirFlags));
  if (dir.get() < 0) return errno;
  size_t pos = 0;
  for (size_t slash; (slash = name.find('/', pos)) != std::string::npos; pos = slash + 1) {
    UniqueFd sub(OpenSubdir(dir.get(), name.substr(pos, slash - pos)));
    if (sub.get() < 0) return errno;
    dir = std::move(sub);
  }
  const std::string leaf = name.substr(pos);
  const int ready = PrepareTarget(dir.get(), leaf, block, rdev);
  if (ready == kThereAlready) return 0;
  if (ready != 0) return ready;
  if (::move_mount(tree_fd, "", dir.get(), leaf.c_str(), MOVE_MOUNT_F_EMPTY_PATH) != 0)
    return errno;
  return 0;
}

}  // namespace vz::internal
