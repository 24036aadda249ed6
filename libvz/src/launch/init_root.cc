// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/init_root.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>

#include "core/unique_fd.h"

namespace vz::internal {

int OpenRootDir(const std::string& root) {
  return ::open(root.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

int EnterRootMount(int root_fd) {
  UniqueFd tree(
      ::open_tree(root_fd, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE | AT_EMPTY_PATH));
  if (tree.get() < 0) return errno;
  if (::move_mount(tree.get(), "", root_fd, "",
                   MOVE_MOUNT_F_EMPTY_PATH | MOVE_MOUNT_T_EMPTY_PATH) != 0)
    return errno;
  // The descriptor names the top of the new mount; root_fd, the one below.
  return ::fchdir(tree.get()) == 0 ? 0 : errno;
}

}  // namespace vz::internal
