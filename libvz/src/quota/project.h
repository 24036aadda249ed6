// SPDX-License-Identifier: LGPL-2.1-or-later
// The kernel's project quota, as the first level of disk quota uses it:
// a container's private area is project CTID, with the inherit flag, so
// everything made in it counts against the project. Internal.
//
// All calls take a file descriptor of a directory on the filesystem
// (quotactl_fd(2)): no device path is needed, and nothing here follows a
// path inside a container's tree.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "vz/core/error.h"
#include "vz/quota/options.h"

namespace vz::internal {

// Usage and limits of one project, in the units of vzquota: 1K blocks.
struct ProjectQuota {
  uint64_t space_bytes = 0;
  uint64_t inodes = 0;
  DiskLimit space;  // 1K blocks
  DiskLimit inode_limit;
  int64_t space_grace_ends = 0;  // seconds since the epoch; 0 when not over soft
  int64_t inode_grace_ends = 0;
};

// The filesystem holding `fd`, for messages: "/vz (ext4 on /dev/vda)".
std::string FilesystemName(int fd);

// Whether the filesystem counts and enforces project quota. Without it a
// kQuotaOn error names the filesystem and the commands that turn it on.
Status CheckProjectQuota(int fd);

// The project of directory `fd`, or 0 when it does not pass one on to what
// is made in it (no inherit flag).
Result<uint32_t> InheritedProject(int fd);

// Makes directory or file `fd` project `id`; directories also pass it on
// to everything made in them. `what` names it in errors.
Status SetProject(int fd, uint32_t id, const std::string& what);

Status SetProjectLimits(int fd, uint32_t id, const DiskLimit& space, const DiskLimit& inodes);
Result<ProjectQuota> GetProjectQuota(int fd, uint32_t id);

// The grace time of every project on the filesystem (ext4 keeps one).
Status SetProjectGrace(int fd, uint64_t seconds);
Result<uint64_t> GetProjectGrace(int fd);

}  // namespace vz::internal
