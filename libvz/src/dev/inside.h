// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Putting a host's device node into a running container's /dev, from
// inside it. Internal.
//
// It runs in a helper that entered the container (inside/run_inside.h), as
// its root: the container's /dev is its root's to change, so nothing there
// is followed, and the helper can reach nothing outside the container.
// At start the init-to-be binds the nodes itself, on the /dev it has just
// made (launch/init_child.cc).
#pragma once

#include <sys/types.h>

#include <string>

namespace vz::internal {

// Attaches `tree_fd`, a detached mount of the host's node of device
// `rdev` (a block device with `block`, else a character device), on
// /dev/<name>: missing directories are made (0755) and an empty file as
// the mount point, each step by openat() without following links. A node
// of that device there already is left as it is. Returns 0 or an errno
// (EEXIST: something else is in the way).
int AttachNodeInside(int tree_fd, const std::string& name, bool block, dev_t rdev);

}  // namespace vz::internal
