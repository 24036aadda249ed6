// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/host.h"

#include <sys/socket.h>

#include <algorithm>
#include <functional>

#include "kernel/veip.h"

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

// The devices of a list; missing ones are skipped.
Result<std::vector<NetDevice>> ListedDevices(Netlink& nl, const std::vector<std::string>& names) {
  std::vector<NetDevice> out;
  for (const auto& name : names) {
    auto index = nl.LinkIndex(name);
    if (!index && index.error().err_no() == ENODEV) continue;
    if (!index) return std::unexpected(index.error());
    out.push_back({name, *index});
  }
  return out;
}

// Whether `ip` lies in the network `net` (its address and prefix).
bool InNetwork(const IpAddress& net, const IpAddress& ip) {
  if (net.family != ip.family) return false;
  const int bits = std::clamp(net.prefix, 0, net.max_prefix());
  for (int i = 0; i < bits; ++i) {
    const uint8_t mask = static_cast<uint8_t>(0x80 >> (i % 8));
    if ((net.bytes[i / 8] & mask) != (ip.bytes[i / 8] & mask)) return false;
  }
  return true;
}

// Whether a connected route through device `ifindex` covers `ip`.
bool Reaches(const std::vector<ConnectedRoute>& routes, int ifindex, const IpAddress& ip) {
  return std::any_of(routes.begin(), routes.end(), [&](const ConnectedRoute& r) {
    return r.ifindex == ifindex && InNetwork(r.dst, ip);
  });
}

// The devices that get proxy entries, and for "detect" the routes that
// choose among them per address.
struct ProxyTargets {
  std::vector<NetDevice> devices;
  std::optional<std::vector<ConnectedRoute>> routes;  // set for "detect"
};

Result<ProxyTargets> TargetsOf(Netlink& nl, const NeighbourDevs& devs) {
  ProxyTargets t;
  auto devices = devs.mode == NeighbourDevs::Mode::kList ? ListedDevices(nl, devs.devices)
                                                         : nl.NeighbourDevices();
  if (!devices) return std::unexpected(devices.error());
  t.devices = std::move(*devices);
  if (devs.mode != NeighbourDevs::Mode::kDetect) return t;
  auto routes = nl.ConnectedRoutes(AF_INET);
  if (!routes) return std::unexpected(routes.error());
  t.routes = std::move(*routes);
  return t;
}

Status AddProxies(Netlink& nl, const std::vector<IpAddress>& ips, const NeighbourDevs& devs) {
  if (std::none_of(ips.begin(), ips.end(),
                   [](const IpAddress& ip) { return ip.family == AF_INET; }))
    return {};
  auto targets = TargetsOf(nl, devs);
  if (!targets) return std::unexpected(targets.error());
  for (const auto& ip : ips) {
    if (ip.family != AF_INET) continue;
    for (const auto& dev : targets->devices) {
      if (targets->routes && !Reaches(*targets->routes, dev.ifindex, ip)) continue;
      if (auto added = nl.AddProxy(ip, dev.ifindex); !added) return added;
    }
  }
  return {};
}

Status IgnoreNotFound(Status st) { return st || IsNotFound(st.error()) ? Status() : st; }

// Removes the routes and proxy entries of `ips`, but not of an address for
// which `keep` says so, asked right before each deletion.
Status RemoveUnless(Netlink& nl, const std::vector<IpAddress>& ips,
                    const std::function<bool(const IpAddress&)>& keep) {
  if (auto venet = nl.LinkIndex(kVenet)) {
    for (const auto& ip : ips) {
      if (keep(ip)) continue;
      if (auto gone = IgnoreNotFound(nl.DeleteDeviceRoute(HostRoute(ip), *venet)); !gone)
        return gone;
    }
  }
  auto proxies = nl.Proxies();
  if (!proxies) return std::unexpected(proxies.error());
  for (const auto& [ip, ifindex] : *proxies) {
    if (!Contains(ips, ip) || keep(ip)) continue;
    if (auto gone = IgnoreNotFound(nl.DeleteProxy(ip, ifindex)); !gone) return gone;
  }
  return {};
}

bool Owned(const std::vector<VeipEntry>& owners, const IpAddress& ip) {
  return std::any_of(owners.begin(), owners.end(),
                     [&](const VeipEntry& e) { return e.ip.SameAddress(ip); });
}

// Whether a VE owns `ip` now; also when the map cannot be read, so that
// nothing is removed on a guess.
bool OwnedNow(const std::filesystem::path& veip, const IpAddress& ip) {
  auto owners = ReadVeip(veip);
  return !owners || Owned(*owners, ip);
}

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
  auto owners = ReadVeip(veip);
  if (!owners) return {};
  std::erase_if(candidates, [&](const IpAddress& ip) { return Owned(*owners, ip); });
  return candidates;
}

}  // namespace

Error IpError(const Error& error) {
  if (error.kind() != ErrorKind::kSystem) return error;
  return Error(error.err_no(), error.context(), ErrorKind::kCantAddIp);
}

Status AddHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips, const NeighbourDevs& devs) {
  if (ips.empty()) return {};
  auto venet = HostVenet(nl);
  if (!venet) return std::unexpected(IpError(venet.error()));
  if (auto up = nl.SetUp(*venet); !up) return std::unexpected(IpError(up.error().Wrap("host")));
  for (const auto& ip : ips)
    if (auto routed = nl.ReplaceDeviceRoute(HostRoute(ip), *venet); !routed)
      return std::unexpected(IpError(routed.error()));
  if (auto proxied = AddProxies(nl, ips, devs); !proxied)
    return std::unexpected(IpError(proxied.error()));
  return {};
}

Status RemoveHostRoutes(Netlink& nl, const std::vector<IpAddress>& ips) {
  if (ips.empty()) return {};
  return RemoveUnless(nl, ips, [](const IpAddress&) { return false; });
}

Status CleanupHostNetwork(const std::vector<IpAddress>& known, const std::filesystem::path& veip) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  const auto orphans = Orphans(*nl, known, veip);
  if (orphans.empty()) return {};
  auto removed =
      RemoveUnless(*nl, orphans, [&](const IpAddress& ip) { return OwnedNow(veip, ip); });
  if (!removed) return std::unexpected(removed.error().Wrap("removing host routes"));
  return {};
}

}  // namespace vz::internal
