// SPDX-License-Identifier: LGPL-2.1-or-later
// Applying resource limits to a VE: all of them when it starts, the
// changed ones for vzctl set, through one path. Internal.
#pragma once

#include <map>

#include "core/undo.h"
#include "facet/running_ve.h"
#include "vz/core/error.h"
#include "vz/ubc/config.h"
#include "vz/ubc/resources.h"

namespace vz::internal {

using UbLimits = std::map<UbId, UbLimit>;

// Sets `limits` on VE `ve`; resources no limit can be set for are
// skipped. For each one set, `undo` gets how to put back what the kernel
// had. With `missing_ok` (at start), a kernel without setublimit(2) is
// accepted for resources left at their defaults.
Status ApplyUbLimits(RunningVe& ve, const UbLimits& limits, Undo& undo, bool missing_ok = false);

// What a starting VE gets: every resource as EffectiveUbLimit() has it, so
// that nothing of an earlier run of the container (a UB or cgroup that
// outlived it) stays.
UbLimits StartUbLimits(const UbcConfig& cfg);

}  // namespace vz::internal
