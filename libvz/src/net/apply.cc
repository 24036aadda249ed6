// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/apply.h"

#include <algorithm>

#include "net/host.h"

namespace vz::internal {

namespace {

bool Has(const std::vector<IpAddress>& list, const IpAddress& ip) {
  return std::any_of(list.begin(), list.end(),
                     [&](const IpAddress& o) { return o.SameAddress(ip); });
}

std::vector<IpAddress> ToDelete(RunningVe& ve, const NetConfig& current, const IpChange& ips) {
  if (!ips.del_all) return ips.del;
  std::vector<IpAddress> out = current.ips;
  if (auto running = ve.backend.MappedIps(ve))
    for (const auto& ip : *running)
      if (!Has(out, ip)) out.push_back(ip);
  return out;
}

Status DelIps(RunningVe& ve, const NetConfig& current, const IpChange& ips) {
  if (!ips.del_all && ips.del.empty()) return {};
  const auto list = ToDelete(ve, current, ips);
  for (const auto& ip : list)
    if (auto gone = ve.backend.UnmapIp(ve, ip); !gone) return gone;
  if (auto inside = ve.backend.RemoveVenetInside(ve, list, ips.del_all); !inside) return inside;
  if (auto cleaned = ve.backend.ReleaseHostRoutes(list); !cleaned)
    return std::unexpected(IpError(cleaned.error()));
  return {};
}

// The addresses of `ips` the VE does not have yet.
std::vector<IpAddress> NotYetOwned(RunningVe& ve, const std::vector<IpAddress>& ips) {
  std::vector<IpAddress> fresh = ips;
  if (auto running = ve.backend.MappedIps(ve))
    std::erase_if(fresh, [&](const IpAddress& ip) { return Has(*running, ip); });
  return fresh;
}

Status MapNew(RunningVe& ve, const std::vector<IpAddress>& ips, std::vector<IpAddress>* mapped,
              Undo& undo) {
  for (const auto& ip : ips) {
    auto added = ve.backend.MapIp(ve, ip);
    if (!added) return std::unexpected(added.error());
    if (!*added) continue;
    mapped->push_back(ip);
    undo.Push([&ve, ip] { (void)ve.backend.UnmapIp(ve, ip); });
  }
  return {};
}

Status Step(Status st, bool named, const char* what) {
  if (st || !named) return st;
  return std::unexpected(st.error().Wrap(what));
}

Status AddIps(RunningVe& ve, const NetChange& change, const NetConfig& current, Undo& undo) {
  const auto& ips = change.ips.add;
  const bool start = change.at_start;
  if (ips.empty() && !start) return {};
  if (!start) {
    auto free = ve.backend.CheckIpsFree(NotYetOwned(ve, ips), !current.skip_arpdetect);
    if (!free) return free;
  }
  std::vector<IpAddress> mapped;
  if (auto st = Step(MapNew(ve, ips, &mapped, undo), start, "adding IP addresses"); !st) return st;
  auto routed = ve.backend.AddHostRoutes(ips, current.neighbour_devs);
  if (auto st = Step(routed, start, "routing on the host"); !st) return st;
  undo.Push([&ve, mapped] { (void)ve.backend.RemoveHostRoutes(mapped); });
  auto inside = ve.backend.AddVenetInside(ve, ips);
  if (auto st = Step(inside, start, "configuring the container's venet0"); !st) return st;
  undo.Push([&ve, mapped] { (void)ve.backend.RemoveVenetInside(ve, mapped, false); });
  return {};
}

Status ApplyNetifs(RunningVe& ve, const NetChange& change, Undo& undo) {
  for (const auto& nif : change.netif_del)
    if (auto gone = ve.backend.DeleteVeth(nif); !gone) return gone;
  for (const auto& nif : change.netif_add) {
    auto made = ve.backend.CreateVeth(ve, nif);
    if (auto st = Step(made, change.at_start, "creating veth pairs"); !st) return st;
    undo.Push([&ve, nif] { (void)ve.backend.DeleteVeth(nif); });
  }
  return {};
}

Status MoveNetdevs(RunningVe& ve, const std::vector<std::string>& devs, bool in, Undo& undo) {
  for (const auto& dev : devs) {
    if (auto moved = ve.backend.MoveNetdev(ve, dev, in); !moved) return moved;
    undo.Push([&ve, dev, in] { (void)ve.backend.MoveNetdev(ve, dev, !in); });
  }
  return {};
}

}  // namespace

Status ApplyNetChange(RunningVe& ve, const NetChange& change, const NetConfig& current,
                      Undo& undo) {
  Status st = DelIps(ve, current, change.ips);
  if (st) st = AddIps(ve, change, current, undo);
  if (st) st = ApplyNetifs(ve, change, undo);
  if (st) st = MoveNetdevs(ve, change.netdev_del, false, undo);
  if (st)
    st = Step(MoveNetdevs(ve, change.netdev_add, true, undo), change.at_start,
              "moving network devices in");
  return st;
}

NetChange StartNetChange(const NetConfig& net) {
  NetChange change;
  change.at_start = true;
  change.ips.add = net.ips;
  change.netif_add = net.netifs;
  change.netdev_add = net.netdevs;
  return change;
}

}  // namespace vz::internal
