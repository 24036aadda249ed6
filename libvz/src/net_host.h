// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The host's side of containers' venet addresses. Internal.
//
// The kernel delivers a packet to a container by its destination address
// once it reaches the host's venet0; getting it there is routing: a host
// route "A/32 dev venet0" (/128 for IPv6) for each address, and, for
// neighbours on the host's LANs to send them to the host at all, proxy ARP
// entries on the devices NEIGHBOUR_DEVS names.
//
// When a container stops, the kernel forgets its addresses, but these
// routes and entries stay until vzctl removes them: vzctl stop does, and so
// does the monitor when the container ends on its own.
#pragma once

#include <filesystem>
#include <vector>

#include "netlink.h"
#include "vz/error.h"
#include "vz/ip_address.h"
#include "vz/net.h"

namespace vz::internal {

// Sets the host's venet0 up and routes `ips` to it; proxy entries for the
// IPv4 ones on the NEIGHBOUR_DEVS devices (missing ones are skipped).
Status AddHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips, const NeighbourDevs& devs);

// Removes the routes and proxy entries of `ips`; ones already gone are no
// error.
Status RemoveHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips);

// After a container ended: removes the routes and proxy entries of `known`
// (its configured addresses) and of every other address routed to venet0
// that no VE owns any more (/proc/vz/veip), such as addresses added without
// --save. Addresses some VE owns now are left alone, and so is everything
// when /proc/vz/veip cannot be read.
Status CleanupHostNetwork(const std::vector<IpAddress>& known,
                          const std::filesystem::path& veip = "/proc/vz/veip");

}  // namespace vz::internal
