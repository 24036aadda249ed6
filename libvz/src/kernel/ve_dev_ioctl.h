// SPDX-License-Identifier: LGPL-2.1-or-later
// VZCTL_SETDEVPERMS: which host devices a VE may open. Internal.
#pragma once

#include <string>

#include "kernel/vzcalluser.h"
#include "vz/core/error.h"
#include "vz/dev/options.h"

namespace vz::internal {

// The request that gives VE `veid` `access` (kDevRead, kDevWrite,
// kDevQuota; 0: none) to `dev`.
uapi::vzctl_setdevperms DevPermsRequest(unsigned int veid, const DeviceId& dev, unsigned access);

// "c 10:200", "b 8:all": a device as errors name it.
std::string DeviceName(const DeviceId& dev);

// Gives VE `veid` `access` to `dev`, in place of what it had; 0 takes it
// back. Failures are of kind kSetDevices, naming the VE, the device and
// the access.
Status SetDevPerms(int vzctl_fd, unsigned int veid, const DeviceId& dev, unsigned access);

}  // namespace vz::internal
