// SPDX-License-Identifier: LGPL-2.1-or-later
#include <linux/if_arp.h>
#include <netlink/cache.h>
#include <netlink/errno.h>
#include <netlink/route/link/veth.h>

#include <string_view>

#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

struct CacheDeleter {
  void operator()(nl_cache* cache) const { nl_cache_free(cache); }
};

// A link object naming `ifindex`, to base a change request on.
LinkPtr LinkByIndex(int ifindex) {
  LinkPtr link(rtnl_link_alloc());
  if (link) rtnl_link_set_ifindex(link.get(), ifindex);
  return link;
}

// Applies `change` to device `ifindex`; 0 or a libnl error code.
int ChangeLink(nl_sock* sock, int ifindex, rtnl_link* change) {
  LinkPtr orig = LinkByIndex(ifindex);
  if (!orig) return -NLE_NOMEM;
  return rtnl_link_change(sock, orig.get(), change, 0);
}

// Sets name, MAC and namespace of a veth end being created.
Status DescribeEnd(rtnl_link* link, const VethEnd& end) {
  NlAddrPtr mac(nl_addr_build(AF_LLC, end.mac.data(), end.mac.size()));
  if (!mac) return MakeError(ENOMEM, "nl_addr_build");
  rtnl_link_set_name(link, end.name.c_str());
  rtnl_link_set_addr(link, mac.get());
  if (end.netns_fd >= 0) rtnl_link_set_ns_fd(link, end.netns_fd);
  return {};
}

bool Is(const char* text, std::string_view what) { return text && what == text; }

// Whether a dumped link is one NEIGHBOUR_DEVS="all" means (netlink.h).
bool IsNeighbourDevice(rtnl_link* link) {
  const char* name = rtnl_link_get_name(link);
  const unsigned int flags = rtnl_link_get_flags(link);
  if (!name || rtnl_link_get_arptype(link) != ARPHRD_ETHER || !(flags & IFF_UP) ||
      (flags & IFF_LOOPBACK))
    return false;
  return !std::string_view(name).starts_with("venet") && !Is(rtnl_link_get_type(link), "veth") &&
         !Is(rtnl_link_get_slave_type(link), "bridge");
}

}  // namespace

Result<LinkPtr> Netlink::GetLink(const std::string& name) {
  rtnl_link* link = nullptr;
  if (int err = rtnl_link_get_kernel(sock_, 0, name.c_str(), &link); err < 0) {
    const Error e = RequestError(err, "network device " + name);
    return std::unexpected(IsNotFound(e) ? Error(ENODEV, e.context()) : e);
  }
  return LinkPtr(link);
}

Result<int> Netlink::LinkIndex(const std::string& name) {
  auto link = GetLink(name);
  if (!link) return std::unexpected(link.error());
  return rtnl_link_get_ifindex(link->get());
}

std::string Netlink::DeviceName(int ifindex) {
  const int kept = kernel_errno_ ? *kernel_errno_ : 0;
  rtnl_link* raw = nullptr;
  const int err = rtnl_link_get_kernel(sock_, ifindex, nullptr, &raw);
  if (kernel_errno_) *kernel_errno_ = kept;
  LinkPtr link(raw);
  if (err < 0 || !rtnl_link_get_name(raw)) return "#" + std::to_string(ifindex);
  return rtnl_link_get_name(raw);
}

Status Netlink::SetUp(int ifindex) {
  LinkPtr change(rtnl_link_alloc());
  if (!change) return MakeError(ENOMEM, "rtnl_link_alloc");
  rtnl_link_set_flags(change.get(), IFF_UP);
  if (int err = ChangeLink(sock_, ifindex, change.get()); err < 0)
    return std::unexpected(RequestError(err, "setting " + DeviceName(ifindex) + " up"));
  return {};
}

Status Netlink::SetMaster(int ifindex, int master_ifindex) {
  if (int err = rtnl_link_enslave_ifindex(sock_, master_ifindex, ifindex); err < 0)
    return std::unexpected(RequestError(
        err, "enslaving " + DeviceName(ifindex) + " to " + DeviceName(master_ifindex)));
  return {};
}

Status Netlink::CreateVeth(const VethEnd& host, const VethEnd& peer) {
  LinkPtr link(rtnl_link_veth_alloc());
  if (!link) return MakeError(ENOMEM, "rtnl_link_veth_alloc");
  LinkPtr peer_link(rtnl_link_veth_get_peer(link.get()));
  const std::string what = "creating veth pair " + host.name + " / " + peer.name;
  if (!peer_link) return MakeError(EINVAL, what);
  if (auto ok = DescribeEnd(link.get(), host); !ok) return ok;
  if (auto ok = DescribeEnd(peer_link.get(), peer); !ok) return ok;
  if (int err = rtnl_link_add(sock_, link.get(), NLM_F_CREATE | NLM_F_EXCL); err < 0)
    return std::unexpected(RequestError(err, what));
  return {};
}

Status Netlink::DeleteLink(int ifindex) {
  LinkPtr link = LinkByIndex(ifindex);
  if (!link) return MakeError(ENOMEM, "rtnl_link_alloc");
  if (int err = rtnl_link_delete(sock_, link.get()); err < 0)
    return std::unexpected(RequestError(err, "deleting " + DeviceName(ifindex)));
  return {};
}

Result<std::vector<NetDevice>> Netlink::NeighbourDevices() {
  nl_cache* raw = nullptr;
  if (int err = rtnl_link_alloc_cache(sock_, AF_UNSPEC, &raw); err < 0)
    return std::unexpected(RequestError(err, "listing network devices"));
  std::unique_ptr<nl_cache, CacheDeleter> cache(raw);
  std::vector<NetDevice> out;
  for (nl_object* obj = nl_cache_get_first(raw); obj; obj = nl_cache_get_next(obj)) {
    auto* link = reinterpret_cast<rtnl_link*>(obj);
    if (IsNeighbourDevice(link))
      out.push_back({rtnl_link_get_name(link), rtnl_link_get_ifindex(link)});
  }
  return out;
}

}  // namespace vz::internal
