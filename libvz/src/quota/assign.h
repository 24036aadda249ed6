// SPDX-License-Identifier: LGPL-2.1-or-later
// Puts an existing tree into a project: what vzctl quotainit does for a
// container made before it had disk quota. Internal.
#pragma once

#include <cstdint>
#include <filesystem>

#include "vz/core/error.h"

namespace vz::internal {

// Makes directory `top` and every directory, regular file and symlink below
// it project `id` (directories with the inherit flag), on top's filesystem
// only. The tree may be a container's: no symlink is followed, nothing
// but directories and regular files is opened, and a tree deeper than 1000
// levels is refused. A symlink, which cannot be opened, is made again and
// renamed over itself; device nodes, FIFOs and sockets (never opened)
// keep their project, while new ones made inside get `id`.
Status AssignProject(const std::filesystem::path& top, uint32_t id);

}  // namespace vz::internal
