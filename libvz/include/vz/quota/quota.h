// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Disk quota, first level: one limit per container on blocks and inodes.
//
// A container's private area is a project of the filesystem holding it
// (ext4 or xfs project quota), with the container's CTID as project id and
// the inherit flag on its directories: whatever is made in it counts
// against the project, and the filesystem keeps the count in its journal,
// so no crash ever needs a rescan. The limits come from DISKSPACE and
// DISKINODES (vz/quota/options.h); statfs() of the container's root, and
// so df inside it, reports them as the size of its disk. A container's
// root can neither change the project of its files (the kernel allows
// that only from the host's user namespace) nor link or rename a file
// into another project.
//
// vzctl set applies limits at once to a running container and start
// applies them before the container runs; the calls here are vzctl's
// quotaon, quotaoff and quotainit, and what vzquota stat prints.
//
// Errors: kQuotaOn when the filesystem has no project quota (the message
// names it and the commands that turn it on) or DISK_QUOTA=no;
// kQuotaInit, kQuotaSetLimit, kQuotaOff for the failing step.
// Not thread safe for one container: callers hold its lock.
#pragma once

#include <cstdint>
#include <string>

#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/quota/options.h"

namespace vz {

struct DiskQuotaStat {
  uint64_t space_used = 0;       // 1K blocks, rounded up
  DiskLimit space;               // 1K blocks; 0 is no limit
  int64_t space_grace_ends = 0;  // seconds since the epoch; 0 when below the soft limit
  uint64_t inodes_used = 0;
  DiskLimit inodes;
  int64_t inode_grace_ends = 0;
};

// The kernel's usage and limits of the container's project. kQuotaInit
// when the private area is not its project (made without quota: see
// QuotaInit), kPrivateMissing without a private area.
Result<DiskQuotaStat> ReadDiskQuota(const Container& ct);

// Applies DISKSPACE, DISKINODES and QUOTATIME from the configs.
Status QuotaOn(const Container& ct);

// Removes the limits; the filesystem keeps counting.
Status QuotaOff(const Container& ct);

// Makes the whole private area the container's project (for a container
// made before it had disk quota, or a tree copied in by hand), then
// applies the limits. Walks the tree; nothing in it is followed or opened
// but directories and regular files.
Status QuotaInit(const Container& ct);

// vzquota stat's table: a header, then 1k-blocks and inodes, each with
// usage, soft limit, hard limit and, past the soft limit, the grace time
// left at `now` ("none" when it ran out).
std::string FormatQuotaStat(const DiskQuotaStat& stat, int64_t now);

}  // namespace vz
