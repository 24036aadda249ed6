// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Checking resource settings. Internal.
//
// Before limits are applied (vzctl set, start), CheckUbcLimits() refuses
// what the kernel would refuse or what leaves the vSwap model incomplete,
// and UbcWarnings() names what is accepted but has no effect.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "vz/core/error.h"
#include "vz/ubc/config.h"
#include "vz/ubc/resources.h"

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

}  // namespace vz
