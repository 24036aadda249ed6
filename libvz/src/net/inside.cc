// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/inside.h"

#include <linux/if_addr.h>
#include <sys/socket.h>

#include <algorithm>

#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

constexpr const char* kVenet = "venet0";

IpAddress DefaultRoute(int family) {
  IpAddress any;
  any.family = family;
  any.prefix = 0;
  return any;
}

bool HasFamily(const std::vector<IpAddress>& ips, int family) {
  return std::any_of(ips.begin(), ips.end(),
                     [&](const IpAddress& ip) { return ip.family == family; });
}

Status LoopbackUp(Netlink& nl) {
  auto lo = nl.LinkIndex("lo");
  if (!lo) return std::unexpected(lo.error());
  return nl.SetUp(*lo);
}

// Removes the entries of `ip`'s address whose prefix differs from `ip`'s.
Status DropOtherPrefixes(Netlink& nl, int venet, const std::vector<IpAddress>& present,
                         const IpAddress& ip) {
  for (const auto& old : present) {
    if (!old.SameAddress(ip) || old.prefix == ip.effective_prefix()) continue;
    if (auto gone = nl.DeleteAddress(venet, old); !gone) return gone;
  }
  return {};
}

Status AddAddresses(Netlink& nl, int venet, const std::vector<IpAddress>& ips) {
  auto present = nl.Addresses(venet);
  if (!present) return std::unexpected(present.error());
  for (const auto& ip : ips) {
    if (auto dropped = DropOtherPrefixes(nl, venet, *present, ip); !dropped) return dropped;
    IpAddress entry = ip;
    entry.prefix = ip.effective_prefix();
    const unsigned int flags = ip.family == AF_INET6 ? IFA_F_NODAD : 0;
    if (auto added = nl.AddAddress(venet, entry, flags); !added) return added;
  }
  return {};
}

Status AddDefaultRoutes(Netlink& nl, int venet, const std::vector<IpAddress>& ips) {
  for (int family : {AF_INET, AF_INET6}) {
    if (!HasFamily(ips, family)) continue;
    if (auto routed = nl.ReplaceDeviceRoute(DefaultRoute(family), venet); !routed) return routed;
  }
  return {};
}

}  // namespace

Status ConfigureVenetInside(const std::vector<IpAddress>& ips) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  if (auto up = LoopbackUp(*nl); !up) return up;
  if (ips.empty()) return {};
  auto venet = nl->LinkIndex(kVenet);
  if (!venet) return std::unexpected(venet.error().Wrap("the container has no venet0"));
  if (auto up = nl->SetUp(*venet); !up) return up;
  if (auto added = AddAddresses(*nl, *venet, ips); !added) return added;
  return AddDefaultRoutes(*nl, *venet, ips);
}

Status RemoveVenetAddressesInside(const std::vector<IpAddress>& ips, bool all) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  auto venet = nl->LinkIndex(kVenet);
  if (!venet) return {};
  auto present = nl->Addresses(*venet);
  if (!present) return std::unexpected(present.error());
  for (const auto& old : *present) {
    const bool listed = std::any_of(ips.begin(), ips.end(),
                                    [&](const IpAddress& ip) { return ip.SameAddress(old); });
    if (!all && !listed) continue;
    if (auto gone = nl->DeleteAddress(*venet, old); !gone && !IsNotFound(gone.error())) return gone;
  }
  return {};
}

}  // namespace vz::internal
