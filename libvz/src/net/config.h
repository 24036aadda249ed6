// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Container networking: what a container's config says about its network,
// and what the kernel says about its addresses now.
//
// A container can have
//   - venet addresses (IP_ADDRESS): the kernel's venet device routes
//     packets between the host and the container by IP address. vzctl maps
//     each address to the container (VENETCTL_VE_IP_MAP), routes it to
//     venet0 on the host, optionally answers ARP for it on the host's
//     Ethernet devices (NEIGHBOUR_DEVS in vz.conf), and configures it on the
//     container's venet0 with default routes through venet0;
//   - veth pairs (NETIF), optionally on a host bridge;
//   - host devices moved into it (NETDEV).
// Its DNS settings are the uts facet's (uts/config.h).
// All of it is applied at every start before the container's init runs,
// and by `vzctl set` to a running container (vz/set.h).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/net/ip_address.h"
#include "vz/net/netif.h"

namespace vz {

// NEIGHBOUR_DEVS in vz.conf: the host devices on which the host answers ARP
// for containers' IPv4 addresses (proxy neighbour entries), as OpenVZ has it.
struct NeighbourDevs {
  enum class Mode {
    kDetect,  // "detect", unset or empty: those of kAll's devices that have a
              // connected route (not the default route, no gateway) to the address
    kAll,     // "all": every Ethernet device that is up, but loopback, venet,
              // veths and the ports of bridges (a bridge itself is one)
    kList,    // "list:eth0 eth1"; "list:" alone for none
  };
  Mode mode = Mode::kDetect;
  std::vector<std::string> devices;  // for kList

  bool operator==(const NeighbourDevs&) const = default;
};

// kBadConfig when the value is none of the forms above.
Result<NeighbourDevs> ParseNeighbourDevs(std::string_view value);

// A container's network settings, as its config (over vz.conf) has them.
struct NetConfig {
  std::vector<IpAddress> ips;        // IP_ADDRESS
  std::vector<NetIf> netifs;         // NETIF
  std::vector<std::string> netdevs;  // NETDEV
  NeighbourDevs neighbour_devs;      // NEIGHBOUR_DEVS
  // SKIP_ARPDETECT="yes": new venet addresses are not probed for on the
  // host's LANs (they are still checked against the host's own addresses).
  bool skip_arpdetect = false;
};

// Reads the settings; a malformed value fails with kBadConfig naming the key.
Result<NetConfig> ReadNetConfig(const ConfigStack& config, unsigned int veid);

}  // namespace vz
