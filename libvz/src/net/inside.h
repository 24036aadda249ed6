// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A container's own side of its venet addresses. Internal: call these in a
// thread that joined the container's network namespace (RunInNetns).
//
// The container's venet0 carries its addresses (IPv4 with the given prefix
// or /32, IPv6 with the given prefix or /128, without duplicate address
// detection) and default routes through it: IPv4 when it has an IPv4
// address, IPv6 when it has an IPv6 one. Its loopback device is set up too,
// which minimal distributions do not always do themselves.
#pragma once

#include <vector>

#include "vz/core/error.h"
#include "vz/net/ip_address.h"

namespace vz::internal {

// Sets lo up; with addresses, sets venet0 up, configures them (an address
// there already with another prefix gets the new one) and the routes.
Status ConfigureVenetInside(const std::vector<IpAddress>& ips);

// Removes `ips` (whatever their prefix), or with `all` every address, from
// venet0. A missing venet0 has none to remove.
Status RemoveVenetAddressesInside(const std::vector<IpAddress>& ips, bool all);

}  // namespace vz::internal
