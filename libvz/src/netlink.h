// SPDX-License-Identifier: LGPL-2.1-or-later
//
// rtnetlink through libnl-route-3: links, addresses, routes and proxy
// neighbour entries. Internal.
//
// A Netlink talks to the network namespace its socket was opened in: the
// calling thread's at Open(). To work inside a container, open it in a
// thread that joined the container's namespace (netns.h).
//
// Errors keep the kernel's answer as the nearest errno (libnl folds some
// together: ENOENT and ESRCH both come back as ENOENT) and name the
// operation: "adding route 10.0.0.2/32 dev venet0: File exists".
#pragma once

#include <netlink/addr.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vz/error.h"
#include "vz/ip_address.h"
#include "vz/netif.h"

namespace vz::internal {

// An Error from a libnl return code (negative NLE_*).
Error NlError(int nl_err, const std::string& context, ErrorKind kind = ErrorKind::kSystem);

// Whether an error means "no such object" (a route, address, neighbour or
// device that is not there).
bool IsNotFound(const Error& error);

struct LinkDeleter {
  void operator()(rtnl_link* link) const { rtnl_link_put(link); }
};
using LinkPtr = std::unique_ptr<rtnl_link, LinkDeleter>;

struct NlAddrDeleter {
  void operator()(nl_addr* addr) const { nl_addr_put(addr); }
};
using NlAddrPtr = std::unique_ptr<nl_addr, NlAddrDeleter>;

// `ip` as libnl's address with `prefix` (nullptr when out of memory).
NlAddrPtr ToNlAddr(const IpAddress& ip, int prefix);
// An IPv4 or IPv6 nl_addr with its prefix length.
std::optional<IpAddress> FromNlAddr(nl_addr* addr);

// One end of a veth pair to create.
struct VethEnd {
  std::string name;
  MacAddress mac{};
  int netns_fd = -1;  // the namespace to create it in; -1: the socket's
};

class Netlink {
 public:
  static Result<Netlink> Open();

  Netlink(Netlink&& other) noexcept : sock_(std::exchange(other.sock_, nullptr)) {}
  Netlink& operator=(Netlink&&) = delete;
  Netlink(const Netlink&) = delete;
  Netlink& operator=(const Netlink&) = delete;
  ~Netlink();

  // Links (netlink_link.cc).
  Result<LinkPtr> GetLink(const std::string& name);  // ENODEV when missing
  Result<int> LinkIndex(const std::string& name);
  Status SetUp(int ifindex);
  Status SetMaster(int ifindex, int master_ifindex);
  Status CreateVeth(const VethEnd& host, const VethEnd& peer);
  Status DeleteLink(int ifindex);
  // Up Ethernet devices, not loopback nor venet.
  Result<std::vector<std::string>> UpEthernetDevices();

  // Addresses (netlink_addr.cc). `ip.prefix` is used as it is (-1: host).
  Status AddAddress(int ifindex, const IpAddress& ip, unsigned int flags);
  Status DeleteAddress(int ifindex, const IpAddress& ip);
  Result<std::vector<IpAddress>> Addresses(int ifindex);

  // Routes in the main table through a device (netlink_route.cc): `dst`
  // with its prefix (-1: a host route); the default route is 0.0.0.0/0.
  Status ReplaceDeviceRoute(const IpAddress& dst, int ifindex);
  Status DeleteDeviceRoute(const IpAddress& dst, int ifindex);
  // Destinations of the host routes (/32, /128) through `ifindex`.
  Result<std::vector<IpAddress>> HostRoutesVia(int ifindex);

  // IPv4 proxy neighbour entries (netlink_neigh.cc).
  Status AddProxy(const IpAddress& ip, int ifindex);
  Status DeleteProxy(const IpAddress& ip, int ifindex);
  Result<std::vector<std::pair<IpAddress, int>>> Proxies();

  nl_sock* sock() const { return sock_; }

 private:
  explicit Netlink(nl_sock* sock) : sock_(sock) {}
  nl_sock* sock_;
};

}  // namespace vz::internal
