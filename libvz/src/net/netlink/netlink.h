// SPDX-License-Identifier: LGPL-2.1-or-later
//
// rtnetlink through libnl-route-3: links, addresses, routes and proxy
// neighbour entries. Internal.
//
// A Netlink talks to the network namespace its socket was opened in: the
// calling thread's at Open(). To work inside a container, open it in a
// thread that joined the container's namespace (netns.h).
//
// Errors keep the kernel's own errno: libnl folds many into a few codes of
// its own (ENOENT and ESRCH into NLE_OBJ_NOTFOUND, most others into
// NLE_FAILURE), so each socket catches the kernel's error answers itself.
// Failures of libnl alone get the nearest errno of their code. Messages name
// the operation and the device by name: "adding route 10.0.0.2/32 dev
// venet0: File exists".
#pragma once

#include <netlink/addr.h>
#include <netlink/route/link.h>
#include <netlink/socket.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vz/core/error.h"
#include "vz/net/ip_address.h"
#include "vz/net/netif.h"

namespace vz::internal {

// An Error from a libnl return code (negative NLE_*), for failures that no
// kernel answer explains (see Netlink::RequestError for those).
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

struct NetDevice {
  std::string name;
  int ifindex = 0;

  bool operator==(const NetDevice&) const = default;
};

// A route of the main table to a network (not the default route) straight
// through a device, without a gateway: "192.168.1.0/24 dev eth0".
struct ConnectedRoute {
  IpAddress dst;  // with its prefix
  int ifindex = 0;
};

class Netlink {
 public:
  static Result<Netlink> Open();

  Netlink(Netlink&& other) noexcept
      : sock_(std::exchange(other.sock_, nullptr)), kernel_errno_(std::move(other.kernel_errno_)) {}
  Netlink& operator=(Netlink&&) = delete;
  Netlink(const Netlink&) = delete;
  Netlink& operator=(const Netlink&) = delete;
  ~Netlink();

  // Links (link.cc).
  Result<LinkPtr> GetLink(const std::string& name);  // ENODEV when missing
  Result<int> LinkIndex(const std::string& name);
  Status SetUp(int ifindex);
  Status SetMaster(int ifindex, int master_ifindex);
  Status CreateVeth(const VethEnd& host, const VethEnd& peer);
  Status DeleteLink(int ifindex);
  // What NEIGHBOUR_DEVS="all" means: every Ethernet device that is up and
  // is not loopback, venet, a veth, nor a port of a bridge (bridges are).
  Result<std::vector<NetDevice>> NeighbourDevices();
  // "eth0"; "#5" when device 5 cannot be looked up. For messages: it keeps
  // the error a request before it caught.
  std::string DeviceName(int ifindex);

  // Addresses (addr.cc). `ip.prefix` is used as it is (-1: host).
  Status AddAddress(int ifindex, const IpAddress& ip, unsigned int flags);
  Status DeleteAddress(int ifindex, const IpAddress& ip);
  Result<std::vector<IpAddress>> Addresses(int ifindex);
  // Every address of every device, with the device's index.
  Result<std::vector<std::pair<IpAddress, int>>> AllAddresses();

  // Routes in the main table through a device (route.cc): `dst`
  // with its prefix (-1: a host route); the default route is 0.0.0.0/0.
  Status ReplaceDeviceRoute(const IpAddress& dst, int ifindex);
  Status DeleteDeviceRoute(const IpAddress& dst, int ifindex);
  // Destinations of the host routes (/32, /128) through `ifindex`.
  Result<std::vector<IpAddress>> HostRoutesVia(int ifindex);
  // The connected routes of `family` (AF_INET, AF_INET6).
  Result<std::vector<ConnectedRoute>> ConnectedRoutes(int family);

  // IPv4 proxy neighbour entries (neigh.cc).
  Status AddProxy(const IpAddress& ip, int ifindex);
  Status DeleteProxy(const IpAddress& ip, int ifindex);
  Result<std::vector<std::pair<IpAddress, int>>> Proxies();

  nl_sock* sock() const { return sock_; }

  // The error of a request on this socket that failed with `nl_err`: with
  // the errno of the kernel's answer when there was one.
  Error RequestError(int nl_err, const std::string& context);

 private:
  Netlink(nl_sock* sock, std::unique_ptr<int> kernel_errno)
      : sock_(sock), kernel_errno_(std::move(kernel_errno)) {}
  nl_sock* sock_;
  // The errno of the kernel's last error answer, 0 once taken; the socket's
  // error callback writes it, so it lives on the heap, where moves keep it.
  std::unique_ptr<int> kernel_errno_;
};

// Waits until the device `name` of `nl`'s network namespace is gone, on
// the kernel's link notifications (the calling thread must be in that
// namespace): true, or false when `deadline` passed first.
Result<bool> WaitLinkGone(Netlink& nl, const std::string& name,
                          std::chrono::steady_clock::time_point deadline);

}  // namespace vz::internal
