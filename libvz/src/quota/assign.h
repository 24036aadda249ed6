// SPDX-License-Identifier: LGPL-2.1-or-later
// Puts an existing tree into a project: what vzctl quotainit does for a
// container made before it had disk quota. Internal.
#pragma once

#include <cstdint>
#include <filesystem>

#include "vz/core/error.h"

namespace vz::internal {

// Makes directory `top` and every directory and regular file below it
// project `id` (directories with the inherit flag), on top's filesystem
// only. The tree may be a container's: no symlink is followed, nothing
// but directories and regular files is opened (a FIFO or a device node
// is never opened; they and symlinks keep their project, which new ones
// made inside do not), and a tree deeper than 1000 levels is refused.
Status AssignProject(const std::filesystem::path& top, uint32_t id);

}  // namespace vz::internal
