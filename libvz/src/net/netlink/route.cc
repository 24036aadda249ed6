// SPDX-License-Identifier: LGPL-2.1-or-later
#include <linux/rtnetlink.h>
#include <netlink/cache.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>

#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

struct RouteDeleter {
  void operator()(rtnl_route* route) const { rtnl_route_put(route); }
};
using RoutePtr = std::unique_ptr<rtnl_route, RouteDeleter>;

struct CacheDeleter {
  void operator()(nl_cache* cache) const { nl_cache_free(cache); }
};

// "dst dev #ifindex" in the main table, link scope, protocol static: what
// vzctl adds and, matching exactly, removes.
Result<RoutePtr> DeviceRoute(const IpAddress& dst, int ifindex) {
  RoutePtr route(rtnl_route_alloc());
  NlAddrPtr addr = ToNlAddr(dst, dst.prefix);
  rtnl_nexthop* nh = rtnl_route_nh_alloc();
  if (!route || !addr || !nh) {
    if (nh) rtnl_route_nh_free(nh);
    return MakeError(ENOMEM, "rtnl_route_alloc");
  }
  rtnl_route_set_family(route.get(), static_cast<uint8_t>(dst.family));
  rtnl_route_set_table(route.get(), RT_TABLE_MAIN);
  rtnl_route_set_scope(route.get(), RT_SCOPE_LINK);
  rtnl_route_set_protocol(route.get(), RTPROT_STATIC);
  rtnl_route_set_type(route.get(), RTN_UNICAST);
  if (int err = rtnl_route_set_dst(route.get(), addr.get()); err < 0)
    return std::unexpected(NlError(err, "route to " + dst.ToString()));
  rtnl_route_nh_set_ifindex(nh, ifindex);
  rtnl_route_add_nexthop(route.get(), nh);  // the route owns it now
  return route;
}

std::string Describe(const IpAddress& dst, const std::string& device) {
  return dst.address() + "/" + std::to_string(dst.effective_prefix()) + " dev " + device;
}

// Whether a dumped route is a host route in the main table through `ifindex`.
bool IsHostRouteVia(rtnl_route* route, int ifindex) {
  if (rtnl_route_get_table(route) != RT_TABLE_MAIN || rtnl_route_get_nnexthops(route) != 1)
    return false;
  rtnl_nexthop* nh = rtnl_route_nexthop_n(route, 0);
  auto dst = FromNlAddr(rtnl_route_get_dst(route));
  return nh && rtnl_route_nh_get_ifindex(nh) == ifindex && dst && dst->prefix == dst->max_prefix();
}

// The connected routes of one dumped route: one per nexthop without a
// gateway, when the route is a main-table unicast route to a network.
void AddConnected(rtnl_route* route, std::vector<ConnectedRoute>* out) {
  auto dst = FromNlAddr(rtnl_route_get_dst(route));
  if (rtnl_route_get_table(route) != RT_TABLE_MAIN || rtnl_route_get_type(route) != RTN_UNICAST ||
      !dst || dst->prefix <= 0)
    return;
  for (int i = 0; i < rtnl_route_get_nnexthops(route); ++i) {
    rtnl_nexthop* nh = rtnl_route_nexthop_n(route, i);
    if (nh && !rtnl_route_nh_get_gateway(nh)) out->push_back({*dst, rtnl_route_nh_get_ifindex(nh)});
  }
}

}  // namespace

Status Netlink::ReplaceDeviceRoute(const IpAddress& dst, int ifindex) {
  auto route = DeviceRoute(dst, ifindex);
  if (!route) return std::unexpected(route.error());
  if (int err = rtnl_route_add(sock_, route->get(), NLM_F_REPLACE); err < 0)
    return std::unexpected(RequestError(err, "adding route " + Describe(dst, DeviceName(ifindex))));
  return {};
}

Status Netlink::DeleteDeviceRoute(const IpAddress& dst, int ifindex) {
  auto route = DeviceRoute(dst, ifindex);
  if (!route) return std::unexpected(route.error());
  if (int err = rtnl_route_delete(sock_, route->get(), 0); err < 0)
    return std::unexpected(
        RequestError(err, "removing route " + Describe(dst, DeviceName(ifindex))));
  return {};
}

Result<std::vector<IpAddress>> Netlink::HostRoutesVia(int ifindex) {
  nl_cache* raw = nullptr;
  if (int err = rtnl_route_alloc_cache(sock_, AF_UNSPEC, 0, &raw); err < 0)
    return std::unexpected(RequestError(err, "listing routes"));
  std::unique_ptr<nl_cache, CacheDeleter> cache(raw);
  std::vector<IpAddress> out;
  for (nl_object* obj = nl_cache_get_first(raw); obj; obj = nl_cache_get_next(obj)) {
    auto* route = reinterpret_cast<rtnl_route*>(obj);
    if (!IsHostRouteVia(route, ifindex)) continue;
    auto dst = FromNlAddr(rtnl_route_get_dst(route));
    dst->prefix = -1;
    out.push_back(*dst);
  }
  return out;
}

Result<std::vector<ConnectedRoute>> Netlink::ConnectedRoutes(int family) {
  nl_cache* raw = nullptr;
  if (int err = rtnl_route_alloc_cache(sock_, family, 0, &raw); err < 0)
    return std::unexpected(RequestError(err, "listing routes"));
  std::unique_ptr<nl_cache, CacheDeleter> cache(raw);
  std::vector<ConnectedRoute> out;
  for (nl_object* obj = nl_cache_get_first(raw); obj; obj = nl_cache_get_next(obj))
    AddConnected(reinterpret_cast<rtnl_route*>(obj), &out);
  return out;
}

}  // namespace vz::internal
