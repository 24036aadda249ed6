// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Veth pairs of containers (NETIF). Internal.
//
// A pair is created from the host with its container end directly in the
// container's network namespace, already named as the container knows it
// (eth0): the name never has to exist on the host, where it may be taken.
// The host end is set up and, with a bridge, enslaved to it; the container
// end is left down for the container's own network scripts.
//
// Nothing removes a pair when its container stops: deleting the container's
// network namespace deletes its end, and a veth end takes its peer with it.
#pragma once

#include "net/netlink/netlink.h"
#include "vz/core/error.h"
#include "vz/net/netif.h"

namespace vz::internal {

// Creates the pair of `nif` with its container end in `netns_fd`. A host
// name in use by the pair of a container that just stopped is waited for
// (the kernel may still be tearing it down). Failures are of kind kVeth.
Status CreateVeth(Netlink& nl, const NetIf& nif, int netns_fd);

// Deletes the pair of `nif` by its host end; no error when there is none.
Status DeleteVeth(Netlink& nl, const NetIf& nif);

}  // namespace vz::internal
