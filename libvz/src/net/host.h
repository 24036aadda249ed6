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
// routes and entries stay until vzctl removes them: the network facet's
// after_stop does, for vzctl stop and for the monitor when the container
// ends on its own (launch/monitor.h says why under the container's lock).
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "net/config.h"
#include "net/netlink/netlink.h"
#include "vz/core/error.h"
#include "vz/net/ip_address.h"

namespace vz::internal {

// The error as a failure to add or remove a venet address (kCantAddIp, exit
// status 34 as in OpenVZ), unless it already has a kind of its own.
Error IpError(const Error& error);

// Sets the host's venet0 up and routes `ips` to it; proxy entries for the
// IPv4 ones on the NEIGHBOUR_DEVS devices (missing ones are skipped).
// Failures are kCantAddIp; kBadKernel when the host has no venet0.
Status AddHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips, const NeighbourDevs& devs);

// Removes the routes and proxy entries of `ips`; ones already gone are no
// error.
Status RemoveHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips);

// After a container ended: removes the routes and proxy entries of `known`
// (its configured addresses) and of every other address routed to venet0
// that no VE owns any more (/proc/vz/veip), such as addresses added without
// --save. Addresses some VE owns are left alone, and so is everything when
// /proc/vz/veip cannot be read. Ownership is read again right before each
// deletion: another container may take an address meanwhile, under its own
// lock (vzctl set 102 --ipadd), and it maps the address before it routes it.
Status CleanupHostNetwork(const std::vector<IpAddress>& known,
                          const std::filesystem::path& veip = "/proc/vz/veip");

}  // namespace vz::internal
