// SPDX-License-Identifier: LGPL-2.1-or-later
// Each container's cgroup v2 directory, /sys/fs/cgroup/vz/<CTID>. Internal.
#pragma once

#include <sys/types.h>

#include <filesystem>

#include "vz/error.h"

namespace vz::internal {

// The container's cgroup, created with its parent if needed; an empty path
// when the host has no cgroup v2 mounted on /sys/fs/cgroup.
Result<std::filesystem::path> MakeCgroup(unsigned int veid);

// Moves `pid` into the cgroup.
Status JoinCgroup(const std::filesystem::path& cgroup, pid_t pid);

// Removes the cgroup once it is empty; failures are ignored.
void RemoveCgroup(const std::filesystem::path& cgroup);

}  // namespace vz::internal
