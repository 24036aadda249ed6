// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net_host.h"

#include <sys/socket.h>

#include <algorithm>

#include "veip.h"

namespace vz::internal {

namespace {

constexpr const char* kVenet = "venet0";

bool Contains(const std::vector<IpAddress>& ips, const IpAddress& ip) {
  return std::any_of(ips.begin(), ips.end(), [&](const IpAddress& o) { return o.SameAddress(ip); });
}

IpAddress HostRoute(IpAddress ip) {
  ip.prefix = -1;
  return ip;
}

Result<int> HostVenet(Netlink& nl) {
  auto index = nl.LinkIndex(kVenet);
  if (!index && index.error().err_no() == ENODEV)
    return KindError(ErrorKind::kBadKernel, "the host has no venet0: the kernel lacks venet",
                     ENODEV);
  return index;
}

Result<std::vector<std::string>> ProxyDevices(Netlink& nl, const NeighbourDevs& devs) {
  if (devs.mode == NeighbourDevs::Mode::kAll) return nl.UpEthernetDevices();
  return devs.devices;
}

Status AddProxies(Netlink& nl, const std::vector<IpAddress>& ips, const NeighbourDevs& devs) {
  auto names = ProxyDevices(nl, devs);
  if (!names) return std::unexpected(names.error());
  for (const auto& name : *names) {
    auto index = nl.LinkIndex(name);
    if (!index && index.error().err_no() == ENODEV) continue;
    if (!index) return std::unexpected(index.error());
    for (const auto& ip : ips) {
      if (ip.family != AF_INET) continue;
      if (auto added = nl.AddProxy(ip, *index); !added) return added;
    }
  }
  return {};
}

Status IgnoreNotFound(Status st) { return st || IsNotFound(st.error()) ? Status() : st; }

// Addresses routed to the host's venet0 that no VE owns, plus `known`
// ones no VE owns; none when the owners cannot be told (a kernel without
// venet has no such routes either).
std::vector<IpAddress> Orphans(Netlink& nl, const std::vector<IpAddress>& known,
                               const std::filesystem::path& veip) {
  std::vector<IpAddress> candidates = known;
  if (auto venet = nl.LinkIndex(kVenet)) {
    // Routes first, owners second: an address added meanwhile is mapped
    // before it is routed, so it shows among the owners.
    if (auto routed = nl.HostRoutesVia(*venet))
      for (const auto& ip : *routed)
        if (!Contains(candidates, ip)) candidates.push_back(ip);
  }
  auto owned = ReadVeip(veip);
  if (!owned) return {};
  std::erase_if(candidates, [&](const IpAddress& ip) {
    return std::any_of(owned->begin(), owned->end(),
                       [&](const VeipEntry& e) { return e.ip.SameAddress(ip); });
  });
  return candidates;
}

}  // namespace

Status AddHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips, const NeighbourDevs& devs) {
  if (ips.empty()) return {};
  auto venet = HostVenet(nl);
  if (!venet) return std::unexpected(venet.error());
  if (auto up = nl.SetUp(*venet); !up) return std::unexpected(up.error().Wrap("host venet0"));
  for (const auto& ip : ips)
    if (auto routed = nl.ReplaceDeviceRoute(HostRoute(ip), *venet); !routed) return routed;
  return AddProxies(nl, ips, devs);
}

Status RemoveHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips) {
  if (ips.empty()) return {};
  if (auto venet = nl.LinkIndex(kVenet)) {
    for (const auto& ip : ips)
      if (auto gone = IgnoreNotFound(nl.DeleteDeviceRoute(HostRoute(ip), *venet)); !gone)
        return gone;
  }
  auto proxies = nl.Proxies();
  if (!proxies) return std::unexpected(proxies.error());
  for (const auto& [ip, ifindex] : *proxies) {
    if (!Contains(ips, ip)) continue;
    if (auto gone = IgnoreNotFound(nl.DeleteProxy(ip, ifindex)); !gone) return gone;
  }
  return {};
}

Status CleanupHostNetwork(const std::vector<IpAddress>& known, const std::filesystem::path& veip) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  auto removed = RemoveHostRoutes(*nl, Orphans(*nl, known, veip));
  if (!removed) return std::unexpected(removed.error().Wrap("removing host routes"));
  return {};
}

}  // namespace vz::internal
