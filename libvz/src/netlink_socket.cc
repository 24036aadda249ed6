// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <sys/socket.h>

#include <cstdlib>

#include "netlink.h"

namespace vz::internal {

namespace {

// libnl turns the kernel's errno into an NLE_* code; this goes back to the
// nearest errno, so that messages read as the rest of libvz's do.
int NlToErrno(int nl_err) {
  switch (std::abs(nl_err)) {
    case NLE_INTR:
      return EINTR;
    case NLE_BAD_SOCK:
      return EBADF;
    case NLE_AGAIN:
      return EAGAIN;
    case NLE_NOMEM:
      return ENOMEM;
    case NLE_EXIST:
      return EEXIST;
    case NLE_INVAL:
      return EINVAL;
    case NLE_RANGE:
      return ERANGE;
    case NLE_MSGSIZE:
      return EMSGSIZE;
    case NLE_OPNOTSUPP:
      return EOPNOTSUPP;
    case NLE_AF_NOSUPPORT:
      return EAFNOSUPPORT;
    case NLE_OBJ_NOTFOUND:
      return ENOENT;
    case NLE_NOADDR:
      return EADDRNOTAVAIL;
    case NLE_BUSY:
      return EBUSY;
    case NLE_NOACCESS:
      return EACCES;
    case NLE_PERM:
      return EPERM;
    case NLE_NODEV:
      return ENODEV;
    default:
      return EIO;
  }
}

}  // namespace

Error NlError(int nl_err, const std::string& context, ErrorKind kind) {
  return Error(NlToErrno(nl_err), context, kind);
}

bool IsNotFound(const Error& error) {
  const int e = error.err_no();
  return e == ENOENT || e == ESRCH || e == ENODEV || e == EADDRNOTAVAIL;
}

Result<Netlink> Netlink::Open() {
  nl_sock* sock = nl_socket_alloc();
  if (!sock) return MakeError(ENOMEM, "nl_socket_alloc");
  if (int err = nl_connect(sock, NETLINK_ROUTE); err < 0) {
    nl_socket_free(sock);
    return std::unexpected(NlError(err, "connecting to rtnetlink"));
  }
  return Netlink(sock);
}

Netlink::~Netlink() {
  if (sock_) nl_socket_free(sock_);
}

NlAddrPtr ToNlAddr(const IpAddress& ip, int prefix) {
  const size_t len = ip.family == AF_INET ? 4 : 16;
  NlAddrPtr addr(nl_addr_build(ip.family, ip.bytes.data(), len));
  if (addr) nl_addr_set_prefixlen(addr.get(), prefix < 0 ? ip.max_prefix() : prefix);
  return addr;
}

std::optional<IpAddress> FromNlAddr(nl_addr* addr) {
  if (!addr) return std::nullopt;
  IpAddress ip;
  ip.family = nl_addr_get_family(addr);
  const size_t len = nl_addr_get_len(addr);
  if ((ip.family != AF_INET || len != 4) && (ip.family != AF_INET6 || len != 16))
    return std::nullopt;
  const auto* data = static_cast<const uint8_t*>(nl_addr_get_binary_addr(addr));
  std::copy(data, data + len, ip.bytes.begin());
  ip.prefix = static_cast<int>(nl_addr_get_prefixlen(addr));
  return ip;
}

}  // namespace vz::internal
