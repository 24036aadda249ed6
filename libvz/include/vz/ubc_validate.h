// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Checking resource settings.
//
// Before limits are applied (vzctl set, start), CheckUbcLimits() refuses
// what the kernel would refuse or what leaves the vSwap model incomplete,
// and UbcWarnings() names what is accepted but has no effect.
//
// ValidateUbc() is the fuller review of OpenVZ's vzcfgvalidate: for a
// vSwap config, zero barriers for physpages and swappages and limits
// within the host's RAM and swap; for a traditional one, every resource
// set, barriers equal to limits where OpenVZ wants them, and its formulas
// between resources (kmemsize above what numproc and dcachesize need,
// socket buffers with room for every socket, ...), each as an error, a
// warning or a recommendation, in vzcfgvalidate's words.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vz/error.h"
#include "vz/ubc.h"
#include "vz/ubc_config.h"

namespace vz {

// Fails when a resource set has its barrier above its limit (kSetUbc, as
// the kernel refuses it), or when the config is vSwap without SWAPPAGES
// (kNotEnoughUbc). The message names each offending resource with its
// value and says what to do. The second form looks at the barriers and
// limits of `ids` only.
Status CheckUbcLimits(const UbcConfig& cfg);
Status CheckUbcLimits(const UbcConfig& cfg, std::span<const UbId> ids);

// Notes on the resources set (of `ids` only, in the second form) that are
// accepted but not enforced: kmemsize, dcachesize and oomguarpages set to
// anything but unlimited, in one line; a barrier for physpages or
// swappages, which the memory cgroup does not have.
std::vector<std::string> UbcWarnings(const UbcConfig& cfg);
std::vector<std::string> UbcWarnings(const UbcConfig& cfg, std::span<const UbId> ids);

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
