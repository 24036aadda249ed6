// SPDX-License-Identifier: LGPL-2.1-or-later
//
// vzcfgvalidate's review of a container's resource settings. Internal.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vz/core/error.h"
#include "vz/ubc/config.h"
#include "vz/ubc/resources.h"

namespace vz {

struct UbcIssue {
  enum class Level { kError, kWarning, kRecommendation };
  Level level;
  std::string message;  // "barrier should be <= limit for numproc (currently, 300:200)"

  bool operator==(const UbcIssue&) const = default;
};

// "Error", "Warning", "Recommendation".
const char* UbcIssueLevelName(UbcIssue::Level level);

// The host's memory, in pages, for the vSwap checks.
struct HostMemory {
  uint64_t ram_pages = 0;
  uint64_t swap_pages = 0;
};

// The host's RAM and swap, from sysinfo(2).
Result<HostMemory> ReadHostMemory();

// vzcfgvalidate's review; no issue means a sound config. `host` is needed
// for the vSwap limits (skipped without it).
std::vector<UbcIssue> ValidateUbc(const UbcConfig& cfg,
                                  const std::optional<HostMemory>& host = std::nullopt);

}  // namespace vz
