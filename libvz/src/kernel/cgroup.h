// SPDX-License-Identifier: LGPL-2.1-or-later
// Each container's cgroup v2 directory, /sys/fs/cgroup/vz/<CTID>. Internal.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include "vz/core/error.h"

namespace vz::internal {

// Where the container's cgroup is (whether it exists or not); an empty
// path when the host has no cgroup v2 mounted on /sys/fs/cgroup.
std::filesystem::path CgroupPath(unsigned int veid);

// Writes `text` to a cgroup control file in one write(2).
Status WriteCgroupFile(const std::filesystem::path& file, const std::string& text);

// The container's cgroup, created with its parent if needed; an empty path
// when the host has no cgroup v2 mounted on /sys/fs/cgroup.
Result<std::filesystem::path> MakeCgroup(unsigned int veid);

// Moves `pid` into the cgroup.
Status JoinCgroup(const std::filesystem::path& cgroup, pid_t pid);

// What CloneIntoCgroup made.
struct Cloned {
  pid_t pid;       // as fork() returns it: 0 in the child, -1 with errno
  bool in_cgroup;  // the child was born in the cgroup
};

// Forks a child with the new namespaces of `ns_flags` (CLONE_NEW*), born in
// `cgroup` (clone3 with CLONE_INTO_CGROUP) where the kernel can do that.
// Moving a process in later (JoinCgroup) takes cgroup_threadgroup_rwsem
// for writing, which waits for an RCU grace period: most of a start's
// time. Otherwise (an empty path, a cgroup that is gone, an older kernel)
// a plain clone, and `in_cgroup` is false: the caller joins it.
Cloned CloneIntoCgroup(const std::filesystem::path& cgroup, unsigned long ns_flags);

// The cgroup of every container's monitor, /sys/fs/cgroup/vz/monitor,
// created if needed: out of the session of whoever ran vzctl start (which
// a logind or systemd may kill), and out of the containers' own limits.
// (Processes cannot live in /sys/fs/cgroup/vz itself, which hands
// controllers to its children.) An empty path without cgroup v2.
Result<std::filesystem::path> MakeMonitorCgroup();

// Where MakeMonitorCgroup makes it.
std::filesystem::path MonitorCgroupPath();

// Removes the cgroup once it is empty; failures are ignored.
void RemoveCgroup(const std::filesystem::path& cgroup);

}  // namespace vz::internal
