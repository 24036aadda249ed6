// SPDX-License-Identifier: LGPL-2.1-or-later
// Applying resource limits to a VE: all of them when it starts, the
// changed ones (with a way back) for vzctl set. Internal.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "vz/core/error.h"
#include "vz/ubc/config.h"
#include "vz/ubc/resources.h"

namespace vz::internal {

using UbLimits = std::map<UbId, UbLimit>;

// What the kernel had for some resources before a change.
struct UbcSnapshot {
  unsigned int veid = 0;
  std::filesystem::path cgroup;
  UbLimits beancounter;               // setublimit(2) resources
  std::map<UbId, std::string> memcg;  // memory.max / memory.swap.max as read
};

// Sets `limits` on running VE `veid`, whose memory cgroup is `cgroup`;
// resources no limit can be set for are skipped. When one fails, those
// already set are put back as they were, and the error is returned. On
// success *before (if given) says how to undo the whole change.
Status ApplyUbLimits(unsigned int veid, const UbLimits& limits, const std::filesystem::path& cgroup,
                     UbcSnapshot* before = nullptr);

// Puts back what a snapshot holds; best effort.
void RestoreUbLimits(const UbcSnapshot& snapshot);

// For a starting VE: every resource as EffectiveUbLimit() has it, so that
// nothing of an earlier run of the container (a UB or cgroup that outlived
// it) stays. A kernel without setublimit(2) is accepted as long as
// nothing is limited.
Status ApplyStartUbc(unsigned int veid, const UbcConfig& cfg, const std::filesystem::path& cgroup);

}  // namespace vz::internal
