// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The network part of a change to a container (vz/set.h), typed. What it
// means for a running container: libvz/src/net/config.h. OpenVZ's order
// holds: deletions before additions.
#pragma once

#include <string>
#include <vector>

#include "vz/net/ip_address.h"
#include "vz/net/netif.h"

namespace vz {

struct NetOptions {
  IpChange ips;  // --ipdel (all: del_all), then --ipadd
  // --netif_del: interfaces by their name inside the container.
  bool netif_del_all = false;
  std::vector<std::string> netif_del;
  // --netif_add, with their defaults filled in (ParseNetIfArg).
  std::vector<NetIf> netif_add;
  // --netdev_del, --netdev_add: host device names (checked by set).
  std::vector<std::string> netdev_del;
  std::vector<std::string> netdev_add;

  bool empty() const {
    return ips.empty() && !netif_del_all && netif_del.empty() && netif_add.empty() &&
           netdev_del.empty() && netdev_add.empty();
  }
};

}  // namespace vz
