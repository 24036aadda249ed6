// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Duplicate address detection for venet addresses, before a container
// takes them (vzctl start, vzctl set --ipadd on a running container), as
// OpenVZ's scripts did with `arpsend -D`. Internal.
//
// An address is in use when a device of the host has it (any family), or,
// for IPv4, when a neighbour on one of the host's LANs answers an ARP probe
// for it: a request with sender address 0.0.0.0 (RFC 5227), sent on every
// device NEIGHBOUR_DEVS="all" would use (Ethernet, up, not loopback, venet,
// a veth nor a bridge port), answered within the probe's time. Another
// container's venet address is refused by the kernel when it is mapped.
// IPv6 addresses are checked against the host's addresses only.
//
// With no such device up (a host without a LAN) nothing is sent and nobody
// waits; otherwise every address is probed on every device at once and the
// wait is the probe's time (1 s) in all.
#pragma once

#include <chrono>
#include <vector>

#include "net/netlink/netlink.h"
#include "vz/core/error.h"
#include "vz/net/ip_address.h"

namespace vz::internal {

inline constexpr std::chrono::milliseconds kArpProbeTime{1000};

// kIpInUse ("address 10.0.0.2 is in use on the host (eth0)", "... is in
// use on the LAN: 52:54:00:12:34:56 on eth0 answers for it") for the first
// address of `ips` that is in use; other failures (no netlink, no raw
// socket) are kSystem. Without `probe_lan`, only the host's own addresses
// are checked.
Status CheckIpsFree(Netlink& nl, const std::vector<IpAddress>& ips, bool probe_lan,
                    std::chrono::milliseconds probe_time = kArpProbeTime);

// The ARP part alone, on the given devices: kIpInUse when a neighbour
// answers for one of `ips` (IPv4 ones; others are skipped) within
// `probe_time`.
Status ProbeArp(const std::vector<NetDevice>& devices, const std::vector<IpAddress>& ips,
                std::chrono::milliseconds probe_time);

}  // namespace vz::internal
