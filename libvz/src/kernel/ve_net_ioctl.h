// SPDX-License-Identifier: LGPL-2.1-or-later
// The network calls of /dev/vzctl: venet's address map and moving host
// devices into a VE. Internal.
#pragma once

#include <string>

#include "vz/core/error.h"
#include "vz/net/ip_address.h"

namespace vz::internal {

// Maps `ip` to VE `veid` (VE_IP_ADD). True when the address is new to the
// VE, false when the VE had it already. An address of another VE fails
// with kIpInUse, one the kernel refuses this VE with kIpUnavailable, a VE
// that does not run with kNotRunning, a kernel without venet with
// kBadKernel, any other failure with kCantAddIp (OpenVZ's exit codes 78,
// 89, 31, 5 and 34).
Result<bool> MapIp(int vzctl_fd, unsigned int veid, const IpAddress& ip);

// Unmaps `ip` from VE `veid` (VE_IP_DEL); an address the VE does not have,
// or a VE that is gone, is not an error; failures are kCantAddIp.
Status UnmapIp(int vzctl_fd, unsigned int veid, const IpAddress& ip);

// VZCTL_VE_NETDEV: moves host device `name` into VE `veid` (`add`) or back.
// Failures are of kind kNetdev.
Status MoveNetdev(int vzctl_fd, unsigned int veid, const std::string& name, bool add);

}  // namespace vz::internal
