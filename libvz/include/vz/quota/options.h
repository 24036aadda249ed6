// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The disk quota part of a change to a container (vz/set.h, vz/fs/create.h)
// and the values its options and config keys take, as OpenVZ has them:
//
//   DISKSPACE="soft[:hard]"   1K blocks; K, M, G, T suffixes ("2G:2.2G")
//   DISKINODES="soft[:hard]"  inodes
//   QUOTATIME="seconds"       grace time past the soft limits
//   DISK_QUOTA="yes|no"       (vz.conf or CTID.conf) whether limits apply
//   QUOTAUGIDLIMIT="N"        user and group quota inside the container, for
//                             at most N ids with limits; 0 (or unset): none
//
// One value sets both limits; "unlimited" (or 0) is no limit. A soft limit
// above its hard limit is refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "vz/core/error.h"

namespace vz {

// Soft and hard limits; 0 is "no limit".
struct DiskLimit {
  uint64_t soft = 0;
  uint64_t hard = 0;

  bool operator==(const DiskLimit&) const = default;
};

struct QuotaOptions {
  std::optional<bool> enabled;         // --diskquota yes|no
  std::optional<DiskLimit> diskspace;  // --diskspace, in 1K blocks
  std::optional<DiskLimit> diskinodes;
  std::optional<uint64_t> quotatime;  // --quotatime, seconds
  std::optional<uint32_t> ugidlimit;  // --quotaugidlimit

  bool empty() const { return !enabled && !diskspace && !diskinodes && !quotatime && !ugidlimit; }
};

// "soft[:hard]" in 1K blocks, or with a K, M, G or T suffix (rounded down
// to whole 1K blocks). kInvalidArgument with the reason when bad.
Result<DiskLimit> ParseDiskSpace(std::string_view text);

// "soft[:hard]" inodes, no suffix.
Result<DiskLimit> ParseDiskInodes(std::string_view text);

// A grace time in seconds.
Result<uint64_t> ParseQuotaTime(std::string_view text);

// A number of ids for QUOTAUGIDLIMIT, 0 to 4294967295.
Result<uint32_t> ParseUgidLimit(std::string_view text);

// "soft:hard" as the config keeps it; "unlimited" for 0.
std::string FormatDiskLimit(const DiskLimit& limit);

}  // namespace vz
