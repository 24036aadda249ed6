// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/veth.h"

#include <netlink/route/link/veth.h>

#include <chrono>

namespace vz::internal {

namespace {

Error VethError(const Error& e) { return Error(e.err_no(), e.context(), ErrorKind::kVeth); }

constexpr auto kVethGone = std::chrono::seconds(1);

Status Create(Netlink& nl, const NetIf& nif, int netns_fd) {
  auto host_mac = ParseMac(nif.host_mac);
  auto mac = ParseMac(nif.mac);
  if (!host_mac || !mac) return MakeError(EINVAL, "veth " + nif.host_ifname + ": bad MAC address");
  const VethEnd host{nif.host_ifname, *host_mac, -1};
  const VethEnd peer{nif.ifname, *mac, netns_fd};
  auto created = nl.CreateVeth(host, peer);
  // The device of the container's last run may still be going away, as
  // its network namespace is torn down: wait for it, up to a second.
  if (!created && created.error().err_no() == EEXIST) {
    auto gone = WaitLinkGone(nl, nif.host_ifname, std::chrono::steady_clock::now() + kVethGone);
    if (gone && *gone) created = nl.CreateVeth(host, peer);
  }
  if (!created && created.error().err_no() == EEXIST)
    return MakeError(EEXIST, "veth " + nif.host_ifname + " / " + nif.ifname +
                                 ": the host name is in use, or " + nif.ifname +
                                 " exists in the container");
  return created;
}

Status Attach(Netlink& nl, const NetIf& nif) {
  auto host = nl.LinkIndex(nif.host_ifname);
  if (!host) return std::unexpected(host.error());
  if (!nif.bridge.empty()) {
    auto bridge = nl.LinkIndex(nif.bridge);
    if (!bridge) return std::unexpected(bridge.error().Wrap("bridge of " + nif.host_ifname));
    if (auto enslaved = nl.SetMaster(*host, *bridge); !enslaved)
      return std::unexpected(enslaved.error().Wrap(nif.host_ifname + " to bridge " + nif.bridge));
  }
  return nl.SetUp(*host);
}

}  // namespace

Status CreateVeth(Netlink& nl, const NetIf& nif, int netns_fd) {
  auto created = Create(nl, nif, netns_fd);
  if (!created) return std::unexpected(VethError(created.error()));
  if (auto attached = Attach(nl, nif); !attached) {
    (void)DeleteVeth(nl, nif);
    return std::unexpected(VethError(attached.error()));
  }
  return {};
}

Status DeleteVeth(Netlink& nl, const NetIf& nif) {
  auto link = nl.GetLink(nif.host_ifname);
  if (!link && link.error().err_no() == ENODEV) return {};
  if (!link) return std::unexpected(VethError(link.error()));
  if (!rtnl_link_is_veth(link->get()))
    return KindError(ErrorKind::kVeth, "host device " + nif.host_ifname + " is not a veth", EINVAL);
  auto deleted = nl.DeleteLink(rtnl_link_get_ifindex(link->get()));
  if (!deleted && !IsNotFound(deleted.error())) return std::unexpected(VethError(deleted.error()));
  return {};
}

}  // namespace vz::internal
