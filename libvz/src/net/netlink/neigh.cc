// SPDX-License-Identifier: LGPL-2.1-or-later
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <netlink/msg.h>
#include <netlink/route/neighbour.h>

#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

struct NeighDeleter {
  void operator()(rtnl_neigh* neigh) const { rtnl_neigh_put(neigh); }
};
using NeighPtr = std::unique_ptr<rtnl_neigh, NeighDeleter>;

struct CbDeleter {
  void operator()(nl_cb* cb) const { nl_cb_put(cb); }
};

// The proxy entry for `ip` on device `ifindex`, as a request template.
Result<NeighPtr> ProxyEntry(const IpAddress& ip, int ifindex) {
  NeighPtr neigh(rtnl_neigh_alloc());
  NlAddrPtr dst = ToNlAddr(ip, -1);
  if (!neigh || !dst) return MakeError(ENOMEM, "rtnl_neigh_alloc");
  rtnl_neigh_set_ifindex(neigh.get(), ifindex);
  if (int err = rtnl_neigh_set_dst(neigh.get(), dst.get()); err < 0)
    return std::unexpected(NlError(err, "proxy entry " + ip.address()));
  rtnl_neigh_set_flags(neigh.get(), NTF_PROXY);
  return neigh;
}

std::string Describe(const IpAddress& ip, const std::string& device) {
  return "proxy neighbour entry " + ip.address() + " dev " + device;
}

// Collects one dumped proxy entry.
int OnProxy(nl_msg* msg, void* arg) {
  auto* out = static_cast<std::vector<std::pair<IpAddress, int>>*>(arg);
  rtnl_neigh* raw = nullptr;
  if (rtnl_neigh_parse(nlmsg_hdr(msg), &raw) < 0) return NL_SKIP;
  NeighPtr neigh(raw);
  auto ip = FromNlAddr(rtnl_neigh_get_dst(raw));
  if (ip) {
    ip->prefix = -1;
    out->emplace_back(*ip, rtnl_neigh_get_ifindex(raw));
  }
  return NL_OK;
}

}  // namespace

Status Netlink::AddProxy(const IpAddress& ip, int ifindex) {
  auto neigh = ProxyEntry(ip, ifindex);
  if (!neigh) return std::unexpected(neigh.error());
  if (int err = rtnl_neigh_add(sock_, neigh->get(), NLM_F_CREATE | NLM_F_REPLACE); err < 0)
    return std::unexpected(RequestError(err, "adding " + Describe(ip, DeviceName(ifindex))));
  return {};
}

Status Netlink::DeleteProxy(const IpAddress& ip, int ifindex) {
  auto neigh = ProxyEntry(ip, ifindex);
  if (!neigh) return std::unexpected(neigh.error());
  if (int err = rtnl_neigh_delete(sock_, neigh->get(), 0); err < 0)
    return std::unexpected(RequestError(err, "removing " + Describe(ip, DeviceName(ifindex))));
  return {};
}

// The kernel dumps proxy entries instead of neighbours when the request's
// ndm_flags is exactly NTF_PROXY; rtnl_neigh caches never ask for them.
Result<std::vector<std::pair<IpAddress, int>>> Netlink::Proxies() {
  ndmsg req{};
  req.ndm_family = AF_INET;
  req.ndm_flags = NTF_PROXY;
  const char* what = "listing proxy neighbour entries";
  if (int err = nl_send_simple(sock_, RTM_GETNEIGH, NLM_F_DUMP, &req, sizeof(req)); err < 0)
    return std::unexpected(RequestError(err, what));
  // A copy of the socket's callbacks, which catch the kernel's errors.
  std::unique_ptr<nl_cb, CbDeleter> own(nl_socket_get_cb(sock_));
  std::unique_ptr<nl_cb, CbDeleter> cb(own ? nl_cb_clone(own.get()) : nullptr);
  if (!cb) return MakeError(ENOMEM, "nl_cb_clone");
  std::vector<std::pair<IpAddress, int>> out;
  nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, OnProxy, &out);
  if (int err = nl_recvmsgs(sock_, cb.get()); err < 0)
    return std::unexpected(RequestError(err, what));
  return out;
}

}  // namespace vz::internal
