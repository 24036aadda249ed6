// SPDX-License-Identifier: LGPL-2.1-or-later
// Removing a directory tree that a container's root may have shaped.
// Internal.
#pragma once

#include <filesystem>

#include "vz/core/error.h"

namespace vz::internal {

// Removes `path` and everything below it; nothing when it does not exist.
// A `path` that is not a directory (a symlink, say) is unlinked itself.
//
// The walk holds at most three descriptors whatever the depth, follows no
// symlink (a link is removed, never what it points to) and never crosses
// into another mount: a directory on another mount (a bind mount of the same
// file system too) fails with EXDEV and is left alone. Mounts are told by
// mount id, not st_dev: a btrfs subvolume, which has a device number of its
// own but is no mount, is removed like any directory. The first failure stops the walk and is
// returned, naming the entry: "unlinkat(/vz/private/101.destroyed.x1Yz9Q/.../f): Operation not
// permitted".
Status RemoveTree(const std::filesystem::path& path);

}  // namespace vz::internal
