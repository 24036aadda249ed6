// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/start.h"

#include "kernel/ve_net_ioctl.h"
#include "net/host.h"
#include "net/inside.h"
#include "net/netns.h"
#include "net/veth.h"

namespace vz::internal {

namespace {

Status Step(Status st, const std::string& what) {
  if (st) return st;
  return std::unexpected(st.error().Wrap(what));
}

Status MapAll(const NetConfig& net, unsigned int veid, int vzctl_fd) {
  for (const auto& ip : net.ips)
    if (auto mapped = MapIp(vzctl_fd, veid, ip); !mapped) return std::unexpected(mapped.error());
  return {};
}

Status CreateVeths(Netlink& nl, const NetConfig& net, int netns_fd) {
  for (const auto& nif : net.netifs)
    if (auto created = CreateVeth(nl, nif, netns_fd); !created) return created;
  return {};
}

Status MoveNetdevs(const NetConfig& net, unsigned int veid, int vzctl_fd) {
  for (const auto& dev : net.netdevs)
    if (auto moved = MoveNetdev(vzctl_fd, veid, dev, true); !moved) return moved;
  return {};
}

}  // namespace

Status ApplyStartNetwork(const NetConfig& net, unsigned int veid, int vzctl_fd, int netns_fd) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  if (auto st = Step(MapAll(net, veid, vzctl_fd), "adding IP addresses"); !st) return st;
  if (auto st = Step(AddHostRoutes(*nl, net.ips, net.neighbour_devs), "routing on the host"); !st)
    return st;
  auto inside = RunInNetns(netns_fd, [&] { return ConfigureVenetInside(net.ips); });
  if (auto st = Step(inside, "configuring the container's venet0"); !st) return st;
  if (auto st = Step(CreateVeths(*nl, net, netns_fd), "creating veth pairs"); !st) return st;
  return Step(MoveNetdevs(net, veid, vzctl_fd), "moving network devices in");
}

}  // namespace vz::internal
