// SPDX-License-Identifier: LGPL-2.1-or-later
// The network part of `vzctl set`: the options checked against the stored
// settings, and stored. Internal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "net/config.h"
#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/net/options.h"

namespace vz::internal {

// The network options of one `vzctl set`, checked.
struct NetChange {
  IpChange ips;
  bool netif_del_all = false;
  std::vector<NetIf> netif_del;  // the pairs to delete, as configured (or by default)
  std::vector<NetIf> netif_add;  // with their defaults filled in
  std::vector<std::string> netdev_del;
  std::vector<std::string> netdev_add;
  bool at_start = false;  // a starting VE's: everything added (net/apply.h)

  bool empty() const;
};

// Checks the options against the container's `current` settings.
Result<NetChange> ParseNetChange(const NetOptions& opts, const NetConfig& current,
                                 unsigned int veid);

// Writes the resulting IP_ADDRESS, NETIF and NETDEV to `conf`, for the keys the change touches
// (net/change.cc).
Status StoreNetChange(ConfigFile& conf, const NetChange& change, const NetConfig& current);

}  // namespace vz::internal
