// SPDX-License-Identifier: LGPL-2.1-or-later
// A container's disk quota settings as its configs make them. Internal.
#pragma once

#include <cstdint>
#include <optional>

#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/quota/options.h"

namespace vz::internal {

struct QuotaConfig {
  bool disk_quota = true;  // DISK_QUOTA, yes when unset
  std::optional<DiskLimit> space;
  std::optional<DiskLimit> inodes;
  std::optional<uint64_t> grace;  // QUOTATIME
  uint32_t ugid_limit = 0;        // QUOTAUGIDLIMIT

  // Whether the container's private area is a project with limits: quota
  // is on and DISKSPACE or DISKINODES says what to limit.
  bool active() const { return disk_quota && (space || inodes); }
  // Whether the container's root manages user and group quota inside.
  bool ugid_active() const { return disk_quota && ugid_limit > 0; }
};

// DISK_QUOTA, DISKSPACE, DISKINODES, QUOTATIME and QUOTAUGIDLIMIT; a bad value is
// kBadConfig naming the key.
Result<QuotaConfig> ReadQuotaConfig(const ConfigStack& config);

// The settings once `opts` changed them.
QuotaConfig MergeQuota(QuotaConfig cfg, const QuotaOptions& opts);

// Writes the keys `opts` sets.
Status StoreQuotaOptions(ConfigFile& conf, const QuotaOptions& opts);

}  // namespace vz::internal
