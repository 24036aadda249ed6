// SPDX-License-Identifier: LGPL-2.1-or-later
// Waiting for a network device to go, on the kernel's link notifications.
#include <linux/rtnetlink.h>
#include <netlink/attr.h>
#include <netlink/msg.h>

#include <cerrno>
#include <cstdlib>
#include <memory>

#include "core/timed_read.h"
#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

struct SockFree {
  void operator()(nl_sock* sock) const { nl_socket_free(sock); }
};

// Does the datagram `buf` of `len` bytes announce that device `name` went?
bool AnnouncesGone(unsigned char* buf, int len, const std::string& name) {
  for (auto* hdr = reinterpret_cast<nlmsghdr*>(buf); nlmsg_ok(hdr, len);
       hdr = nlmsg_next(hdr, &len)) {
    if (hdr->nlmsg_type != RTM_DELLINK) continue;
    nlattr* attrs[IFLA_MAX + 1];
    if (nlmsg_parse(hdr, sizeof(ifinfomsg), attrs, IFLA_MAX, nullptr) < 0) continue;
    if (attrs[IFLA_IFNAME] && name == nla_get_string(attrs[IFLA_IFNAME])) return true;
  }
  return false;
}

// A socket of the calling thread's network namespace that hears every
// link change.
Result<std::unique_ptr<nl_sock, SockFree>> LinkWatch() {
  std::unique_ptr<nl_sock, SockFree> sock(nl_socket_alloc());
  if (!sock) return MakeError(ENOMEM, "watching links: nl_socket_alloc");
  nl_socket_disable_seq_check(sock.get());
  if (int err = nl_connect(sock.get(), NETLINK_ROUTE); err < 0)
    return std::unexpected(NlError(err, "watching links"));
  if (int err = nl_socket_add_membership(sock.get(), RTNLGRP_LINK); err < 0)
    return std::unexpected(NlError(err, "watching links"));
  return sock;
}

// Reads link notifications until one says `name` went (true), `deadline`
// passes (false) or some were lost (true: look again).
Result<bool> NextGone(nl_sock* sock, const std::string& name, Deadline deadline) {
  for (;;) {
    const int readable = WaitReadable(nl_socket_get_fd(sock), deadline);
    if (readable < 0) return ErrnoError("poll(link notifications)");
    if (readable == 0) return false;
    sockaddr_nl from{};
    unsigned char* buf = nullptr;
    const int n = nl_recv(sock, &from, &buf, nullptr);
    std::unique_ptr<unsigned char, decltype(&std::free)> owned(buf, &std::free);
    if (n == -NLE_NOMEM) return true;  // overflow: notifications were lost
    if (n < 0) return std::unexpected(NlError(n, "link notifications"));
    if (from.nl_pid == 0 && AnnouncesGone(buf, n, name)) return true;
  }
}

}  // namespace

Result<bool> WaitLinkGone(Netlink& nl, const std::string& name, Deadline deadline) {
  auto watch = LinkWatch();
  if (!watch) return std::unexpected(watch.error());
  // Listening first, then looking: a device that goes in between is seen
  // either way.
  for (;;) {
    auto link = nl.GetLink(name);
    if (!link && link.error().err_no() == ENODEV) return true;
    if (!link) return std::unexpected(link.error());
    auto heard = NextGone(watch->get(), name, deadline);
    if (!heard || !*heard) return heard;
  }
}

}  // namespace vz::internal
