// SPDX-License-Identifier: LGPL-2.1-or-later
// Applying network settings to a VE: what a starting VE gets, and what
// vzctl set changes, through one path. Internal.
#pragma once

#include "core/undo.h"
#include "facet/running_ve.h"
#include "net/change.h"
#include "net/config.h"

namespace vz::internal {

// Applies `change` to `ve`, whose stored settings are `current`, in this
// order: addresses deleted (unmapped, removed inside, host routes cleaned
// up); addresses added (checked free unless change.at_start, mapped,
// routed on the host, configured on the VE's venet0); veth pairs deleted
// and created; host devices moved out and in. Each addition pushes its
// inverse on `undo`, and so does each device moved out. At start (whose
// change adds everything the config has), the VE's loopback is brought up
// even without addresses, and an error names the step that failed.
Status ApplyNetChange(RunningVe& ve, const NetChange& change, const NetConfig& current, Undo& undo);

// A starting VE's change: everything `net` has, added.
NetChange StartNetChange(const NetConfig& net);

}  // namespace vz::internal
