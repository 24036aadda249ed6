// SPDX-License-Identifier: LGPL-2.1-or-later
// The network part of `vzctl set`: checking the options, applying them to
// a running container, storing them. Internal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "net/config.h"
#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/set.h"

namespace vz::internal {

// The network options of one `vzctl set`, checked.
struct NetChange {
  IpChange ips;
  std::optional<std::vector<std::string>> nameservers;  // as stored: may hold "inherit"
  std::optional<std::vector<std::string>> searchdomains;
  bool netif_del_all = false;
  std::vector<NetIf> netif_del;  // the pairs to delete, as configured (or by default)
  std::vector<NetIf> netif_add;  // with their defaults filled in
  std::vector<std::string> netdev_del;
  std::vector<std::string> netdev_add;

  bool empty() const;
};

// Parses and checks the options against the container's `current`
// settings (set_net_parse.cc).
Result<NetChange> ParseNetChange(const SetOptions& opts, const NetConfig& current,
                                 unsigned int veid);

// Writes the resulting IP_ADDRESS, NAMESERVER, SEARCHDOMAIN, NETIF and
// NETDEV to `conf`, for the keys the change touches (set_net_parse.cc).
Status StoreNetChange(ConfigFile& conf, const NetChange& change, const NetConfig& current);

// Applies the change to running container `ct` (set_net_apply.cc).
Status ApplyNetChange(const Container& ct, const NetChange& change, const NetConfig& current);

}  // namespace vz::internal
