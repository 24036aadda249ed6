// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Changing a container's settings: applied at once to a running container,
// stored in CTID.conf with `save`, or both.
//
// The network options follow OpenVZ (libvz/src/net/config.h says what applying means):
// --ipdel before --ipadd, --netif_del before --netif_add, --netdev_del
// before --netdev_add; --nameserver and --searchdomain replace the whole
// list. A failure while applying leaves the addresses of this call
// unapplied again, and nothing is saved.
//
// The resource options (vz/ubc/resources.h, vz/ubc/config.h) take "barrier[:limit]"
// for each resource by name (--numproc 240:240), and --ram, --swap (bytes,
// with suffixes) and --vm_overcommit for the vSwap model. They are checked
// together with the stored settings first: a barrier above its limit
// (kSetUbc) or a RAM limit without swap (kNotEnoughUbc) changes nothing. A
// running container gets them at once (setublimit(2), its memory cgroup),
// with the resources that follow from RAM and swap; when that or a later
// step fails, the limits set are put back.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"

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

  // Resources: {name, "barrier[:limit]"} as given ({"numproc", "240"});
  // "avnumproc" too. --ram and --swap are sizes in bytes.
  std::vector<std::pair<std::string, std::string>> ubc;
  std::optional<std::string> ram;
  std::optional<std::string> swap;
  std::optional<std::string> vm_overcommit;
};

// Checks every value first and changes nothing if one is bad
// (kInvalidArgument; kBadIp, kBadNameserver, kBadSearchDomain for those).
// Without `save`, the container must run (kNotRunning). An address that
// another container owns fails with kIpInUse. Notes for the user (a
// resource accepted but not enforced, a value cut to unlimited) are added
// to *warnings when given.
Status SetContainer(Container& ct, const SetOptions& opts,
                    std::vector<std::string>* warnings = nullptr);

}  // namespace vz
