// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Stopping a container: its init is asked to halt (or killed with
// --fast), the host's routes to its addresses go, and its private area is
// unmounted.
#pragma once

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

struct StopOptions {
  bool fast = false;  // kill at once instead of asking init to halt
};

// kNotRunning when the container does not run.
Status StopContainer(Container& ct, const StopOptions& opts);

}  // namespace vz
