// SPDX-License-Identifier: LGPL-2.1-or-later
// Bringing a private area's project quota to a container's settings.
// Internal.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "quota/config.h"
#include "vz/core/error.h"

namespace vz::internal {

// Whether the filesystem holding directory `dir` counts and enforces
// project quota (kQuotaOn naming it and the fix otherwise).
Status CheckDiskQuota(const std::filesystem::path& dir);

// Brings private area `priv` of container `veid` to `cfg`. Active: the
// area is made project `veid` first if it is not yet (a container made
// before it had limits: its whole tree is walked once, see assign.h),
// then the limits are set, and QUOTATIME, when given, becomes the grace
// time of the filesystem's projects (one for all on ext4; a note says so
// when that changes it). Not active: the project's limits are removed if
// the area is a project; usage stays counted. With user and group quota
// inside (QUOTAUGIDLIMIT), the filesystem is made to enforce those first.
Status ApplyDiskQuota(const std::filesystem::path& priv, uint32_t veid, const QuotaConfig& cfg,
                      std::vector<std::string>* notes);

// Removes project `veid`'s limits, for a destroyed container whose
// private area was in directory `parent`. Best effort.
void DropDiskQuota(const std::filesystem::path& parent, uint32_t veid);

}  // namespace vz::internal
