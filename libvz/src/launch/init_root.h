// SPDX-License-Identifier: LGPL-2.1-or-later
//
// How a container's init-to-be reaches its root (VE_ROOT) without walking
// VE_ROOT's parent as the container's root: only host root may (/vz/root
// is 0700), so that host users reach no container's files through it.
// The child opens VE_ROOT while its fsuid is still host root, then works
// from that descriptor. Internal.
#pragma once

#include <string>

namespace vz::internal {

// Opens `root` (O_PATH, O_DIRECTORY, not through a symlink as its last
// component): the descriptor, or -1 with errno set.
int OpenRootDir(const std::string& root);

// Binds the mount tree at `root_fd` (with every mount below it) over
// itself, as a new mount of the caller's mount namespace that pivot_root
// accepts (those inherited from the host are locked in a user namespace),
// and makes that new mount's top the working directory: mounts below it
// are then made by relative paths. Returns 0 or an errno.
int EnterRootMount(int root_fd);

}  // namespace vz::internal
