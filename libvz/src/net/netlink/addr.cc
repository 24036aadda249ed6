// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/cache.h>
#include <netlink/route/addr.h>

#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

struct AddrDeleter {
  void operator()(rtnl_addr* addr) const { rtnl_addr_put(addr); }
};
using AddrPtr = std::unique_ptr<rtnl_addr, AddrDeleter>;

struct CacheDeleter {
  void operator()(nl_cache* cache) const { nl_cache_free(cache); }
};

Result<AddrPtr> MakeAddr(int ifindex, const IpAddress& ip) {
  AddrPtr addr(rtnl_addr_alloc());
  NlAddrPtr local = ToNlAddr(ip, ip.prefix);
  if (!addr || !local) return MakeError(ENOMEM, "rtnl_addr_alloc");
  rtnl_addr_set_ifindex(addr.get(), ifindex);
  rtnl_addr_set_family(addr.get(), ip.family);
  if (int err = rtnl_addr_set_local(addr.get(), local.get()); err < 0)
    return std::unexpected(NlError(err, "address " + ip.ToString()));
  rtnl_addr_set_prefixlen(addr.get(), ip.effective_prefix());
  return addr;
}

std::string OnDevice(const IpAddress& ip, const std::string& device) {
  return ip.address() + "/" + std::to_string(ip.effective_prefix()) + " on " + device;
}

}  // namespace

Status Netlink::AddAddress(int ifindex, const IpAddress& ip, unsigned int flags) {
  auto addr = MakeAddr(ifindex, ip);
  if (!addr) return std::unexpected(addr.error());
  if (flags) rtnl_addr_set_flags(addr->get(), flags);
  if (int err = rtnl_addr_add(sock_, addr->get(), NLM_F_REPLACE); err < 0)
    return std::unexpected(
        RequestError(err, "adding address " + OnDevice(ip, DeviceName(ifindex))));
  return {};
}

Status Netlink::DeleteAddress(int ifindex, const IpAddress& ip) {
  auto addr = MakeAddr(ifindex, ip);
  if (!addr) return std::unexpected(addr.error());
  if (int err = rtnl_addr_delete(sock_, addr->get(), 0); err < 0)
    return std::unexpected(
        RequestError(err, "removing address " + OnDevice(ip, DeviceName(ifindex))));
  return {};
}

Result<std::vector<IpAddress>> Netlink::Addresses(int ifindex) {
  auto all = AllAddresses();
  if (!all) return std::unexpected(all.error());
  std::vector<IpAddress> out;
  for (const auto& [ip, index] : *all)
    if (index == ifindex) out.push_back(ip);
  return out;
}

Result<std::vector<std::pair<IpAddress, int>>> Netlink::AllAddresses() {
  nl_cache* raw = nullptr;
  if (int err = rtnl_addr_alloc_cache(sock_, &raw); err < 0)
    return std::unexpected(RequestError(err, "listing addresses"));
  std::unique_ptr<nl_cache, CacheDeleter> cache(raw);
  std::vector<std::pair<IpAddress, int>> out;
  for (nl_object* obj = nl_cache_get_first(raw); obj; obj = nl_cache_get_next(obj)) {
    auto* addr = reinterpret_cast<rtnl_addr*>(obj);
    auto ip = FromNlAddr(rtnl_addr_get_local(addr));
    if (!ip) continue;
    ip->prefix = rtnl_addr_get_prefixlen(addr);
    out.emplace_back(*ip, rtnl_addr_get_ifindex(addr));
  }
  return out;
}

}  // namespace vz::internal
