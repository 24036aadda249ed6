// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Changing a container's settings: applied at once to a running container,
// stored in CTID.conf with `save`, or both.
//
// The network options follow OpenVZ (see vz/net.h for what applying means):
// --ipdel before --ipadd, --netif_del before --netif_add, --netdev_del
// before --netdev_add; --nameserver and --searchdomain replace the whole
// list. A failure while applying leaves the addresses of this call
// unapplied again, and nothing is saved.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "vz/container.h"
#include "vz/error.h"

namespace vz {

struct SetOptions {
  std::optional<std::string> hostname;
  std::optional<std::string> onboot;  // "yes" or "no"
  std::optional<std::string> name;
  std::optional<std::string> description;
  bool save = false;

  // Network, each entry as given on the command line.
  std::vector<std::string> ipadd;                         // "A[/mask]" (several, space-separated)
  std::vector<std::string> ipdel;                         // "A" or "all"
  std::optional<std::vector<std::string>> nameservers;    // addresses or "inherit"
  std::optional<std::vector<std::string>> searchdomains;  // domain names
  std::vector<std::string> netif_add;  // "ifname[,mac,host_ifname,host_mac,bridge]"
  std::vector<std::string> netif_del;  // ifname or "all"
  std::vector<std::string> netdev_add;
  std::vector<std::string> netdev_del;
};

// Checks every value first and changes nothing if one is bad
// (kInvalidArgument; kBadIp, kBadNameserver, kBadSearchDomain for those).
// Without `save`, the container must run (kNotRunning). An address that
// another container owns fails with kIpInUse.
Status SetContainer(Container& ct, const SetOptions& opts);

}  // namespace vz
