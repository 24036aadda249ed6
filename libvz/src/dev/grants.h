// SPDX-License-Identifier: LGPL-2.1-or-later
// A VE's device access list as vzctl gives it, and bringing a VE from one
// list to another (vz/dev/options.h). Internal.
#pragma once

#include <map>
#include <set>
#include <string>

#include "core/undo.h"
#include "dev/config.h"
#include "facet/running_ve.h"

namespace vz::internal {

// The access of each device (never 0: a device without access is not
// listed).
using DevGrants = std::map<DeviceId, unsigned>;

// The devices DEVNODES names, by name, as the host's /dev has them.
using NodeDevices = std::map<std::string, DeviceId>;

// DEVICES, and DEVNODES through `nodes` (a name missing there is left
// out); a device listed twice gets both accesses.
DevGrants GrantsOf(const DevConfig& cfg, const NodeDevices& nodes);

// Brings running VE `ve` from `before` to `after`: one call for each device
// whose access changes (0 for one no longer listed) and for each of
// `named` (the devices a set names, which may have been given without
// being stored), each pushing the device's access in `before` on `undo`.
Status ApplyGrants(RunningVe& ve, const DevGrants& before, const DevGrants& after,
                   const std::set<DeviceId>& named, Undo& undo);

}  // namespace vz::internal
