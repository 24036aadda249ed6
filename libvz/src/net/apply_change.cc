// SPDX-License-Identifier: LGPL-2.1-or-later
#include <algorithm>
#include <functional>
#include <optional>

#include "inside/run_inside.h"
#include "kernel/ve_net_ioctl.h"
#include "net/change.h"
#include "net/host.h"
#include "net/inside.h"
#include "net/ip_in_use.h"
#include "net/netns.h"
#include "net/resolv_write.h"
#include "net/veth.h"

namespace vz::internal {

namespace {

// What applying to a running container needs; its network namespace is
// opened when first needed.
struct Context {
  const Container& ct;
  const NetConfig& current;
  VzDevice dev;
  std::optional<UniqueFd> netns;

  Result<int> Netns() {
    if (!netns) {
      auto fd = OpenVeNetns(dev, ct.veid());
      if (!fd) return std::unexpected(fd.error());
      netns.emplace(std::move(*fd));
    }
    return netns->get();
  }
  Status Inside(const std::function<Status()>& fn) {
    auto fd = Netns();
    if (!fd) return std::unexpected(fd.error());
    return RunInNetns(*fd, fn);
  }
};

std::vector<IpAddress> ToDelete(const Context& c, const IpChange& ips) {
  if (!ips.del_all) return ips.del;
  std::vector<IpAddress> out = c.current.ips;
  if (auto running = RunningAddresses(c.ct.veid()))
    for (const auto& ip : *running)
      if (std::none_of(out.begin(), out.end(),
                       [&](const IpAddress& o) { return o.SameAddress(ip); }))
        out.push_back(ip);
  return out;
}

Status DelIps(Context& c, const IpChange& ips) {
  if (!ips.del_all && ips.del.empty()) return {};
  const auto list = ToDelete(c, ips);
  for (const auto& ip : list)
    if (auto gone = UnmapIp(c.dev.fd(), c.ct.veid(), ip); !gone) return gone;
  auto inside = c.Inside([&] { return RemoveVenetAddressesInside(list, ips.del_all); });
  if (!inside) return inside;
  if (auto cleaned = CleanupHostNetwork(list); !cleaned)
    return std::unexpected(IpError(cleaned.error()));
  return {};
}

// Best effort: takes back the addresses this call mapped.
void UndoAdd(Context& c, const std::vector<IpAddress>& mapped) {
  for (const auto& ip : mapped) (void)UnmapIp(c.dev.fd(), c.ct.veid(), ip);
  (void)c.Inside([&] { return RemoveVenetAddressesInside(mapped, false); });
  if (auto nl = Netlink::Open()) (void)RemoveHostRoutes(*nl, mapped);
}

Status MapNew(Context& c, const std::vector<IpAddress>& ips, std::vector<IpAddress>* mapped) {
  for (const auto& ip : ips) {
    auto added = MapIp(c.dev.fd(), c.ct.veid(), ip);
    if (!added) return std::unexpected(added.error());
    if (*added) mapped->push_back(ip);
  }
  return {};
}

// The addresses of `ips` the container does not have yet.
std::vector<IpAddress> NotYetOwned(const Context& c, const std::vector<IpAddress>& ips) {
  std::vector<IpAddress> fresh = ips;
  if (auto running = RunningAddresses(c.ct.veid()))
    std::erase_if(fresh, [&](const IpAddress& ip) {
      return std::any_of(running->begin(), running->end(),
                         [&](const IpAddress& r) { return r.SameAddress(ip); });
    });
  return fresh;
}

Status AddIps(Context& c, const std::vector<IpAddress>& ips) {
  if (ips.empty()) return {};
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  // Nothing is taken that the host or a neighbour on its LANs uses.
  if (auto free = CheckIpsFree(*nl, NotYetOwned(c, ips), !c.current.skip_arpdetect); !free)
    return free;
  std::vector<IpAddress> mapped;
  Status st = MapNew(c, ips, &mapped);
  if (st) st = AddHostRoutes(*nl, ips, c.current.neighbour_devs);
  if (st) st = c.Inside([&] { return ConfigureVenetInside(ips); });
  if (!st) UndoAdd(c, mapped);
  return st;
}

Status ApplyDns(Context& c, const NetChange& change) {
  if (!change.nameservers && !change.searchdomains) return {};
  DnsSettings dns;
  if (change.nameservers)
    dns.nameservers =
        ExpandNameservers(*change.nameservers, c.ct.paths().Under("/etc/resolv.conf"));
  dns.searchdomains = change.searchdomains;
  auto code = RunInContainer(
      c.dev, c.ct.veid(), [&] { return WriteResolvConf(dns); }, /*wait=*/true, InsideStdio::kNull,
      kHelperTimeout);
  if (!code) return std::unexpected(code.error());
  if (*code != 0)
    return MakeError(*code,
                     "writing /etc/resolv.conf inside container " + std::to_string(c.ct.veid()));
  return {};
}

Status ApplyNetifs(Context& c, const NetChange& change) {
  if (change.netif_del.empty() && change.netif_add.empty()) return {};
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  for (const auto& nif : change.netif_del)
    if (auto gone = DeleteVeth(*nl, nif); !gone) return gone;
  if (change.netif_add.empty()) return {};
  auto netns = c.Netns();
  if (!netns) return std::unexpected(netns.error());
  for (const auto& nif : change.netif_add)
    if (auto made = CreateVeth(*nl, nif, *netns); !made) return made;
  return {};
}

Status ApplyNetdevs(Context& c, const NetChange& change) {
  for (const auto& dev : change.netdev_del)
    if (auto moved = MoveNetdev(c.dev.fd(), c.ct.veid(), dev, false); !moved) return moved;
  for (const auto& dev : change.netdev_add)
    if (auto moved = MoveNetdev(c.dev.fd(), c.ct.veid(), dev, true); !moved) return moved;
  return {};
}

}  // namespace

Status ApplyNetChange(const Container& ct, const NetChange& change, const NetConfig& current) {
  if (change.empty()) return {};
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  Context c{ct, current, std::move(*dev), std::nullopt};
  Status st = DelIps(c, change.ips);
  if (st) st = AddIps(c, change.ips.add);
  if (st) st = ApplyDns(c, change);
  if (st) st = ApplyNetifs(c, change);
  if (st) st = ApplyNetdevs(c, change);
  return st;
}

}  // namespace vz::internal
