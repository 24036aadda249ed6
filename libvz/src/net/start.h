// SPDX-License-Identifier: LGPL-2.1-or-later
// A starting container's network, applied by its monitor between the
// creation of the VE and the exec of its init. Internal.
#pragma once

#include "net/config.h"
#include "vz/core/error.h"

namespace vz::internal {

// Maps the venet addresses to VE `veid`, routes them on the host,
// configures them inside (`netns_fd` is the VE's network namespace),
// creates the veth pairs and moves the NETDEV devices in, in that order.
// The error names the step that failed; undoing is the caller's: killing
// the VE takes back what the kernel holds, CleanupHostNetwork the rest.
Status ApplyStartNetwork(const NetConfig& net, unsigned int veid, int vzctl_fd, int netns_fd);

}  // namespace vz::internal
