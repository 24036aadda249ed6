// SPDX-License-Identifier: LGPL-2.1-or-later
#include <netlink/errno.h>
#include <netlink/netlink.h>
#include <sys/socket.h>

#include <cstdlib>
#include <memory>
#include <utility>

#include "net/netlink/netlink.h"

namespace vz::internal {

namespace {

// libnl's NLE_* codes and the nearest errno of each, so that messages read
// as the rest of libvz's do. Codes with no errno of their own (NLE_FAILURE,
// NLE_NOCACHE, NLE_PKTLOC_FILE) are EIO, and NlError keeps libnl's words.
constexpr std::pair<int, int> kNlErrno[] = {
    {NLE_INTR, EINTR},
    {NLE_DUMP_INTR, EINTR},
    {NLE_BAD_SOCK, EBADF},
    {NLE_AGAIN, EAGAIN},
    {NLE_NOMEM, ENOMEM},
    {NLE_EXIST, EEXIST},
    {NLE_INVAL, EINVAL},
    {NLE_OBJ_MISMATCH, EINVAL},
    {NLE_RANGE, ERANGE},
    {NLE_MSGSIZE, EMSGSIZE},
    {NLE_MSG_TRUNC, EMSGSIZE},
    {NLE_MSG_OVERFLOW, EOVERFLOW},
    {NLE_OPNOTSUPP, EOPNOTSUPP},
    {NLE_SRCRT_NOSUPPORT, EOPNOTSUPP},
    {NLE_MSGTYPE_NOSUPPORT, EOPNOTSUPP},
    {NLE_AF_NOSUPPORT, EAFNOSUPPORT},
    {NLE_AF_MISMATCH, EAFNOSUPPORT},
    {NLE_OBJ_NOTFOUND, ENOENT},
    {NLE_NOATTR, ENODATA},
    {NLE_MISSING_ATTR, ENODATA},
    {NLE_SEQ_MISMATCH, EPROTO},
    {NLE_MSG_TOOSHORT, EBADMSG},
    {NLE_PARSE_ERR, EBADMSG},
    {NLE_ATTRSIZE, EBADMSG},
    {NLE_NOADDR, EADDRNOTAVAIL},
    {NLE_BUSY, EBUSY},
    {NLE_PROTO_MISMATCH, EPROTONOSUPPORT},
    {NLE_NOACCESS, EACCES},
    {NLE_PERM, EPERM},
    {NLE_IMMUTABLE, EPERM},
    {NLE_NODEV, ENODEV},
};

int NlToErrno(int nl_err) {
  for (const auto& [code, err_no] : kNlErrno)
    if (code == std::abs(nl_err)) return err_no;
  return EIO;
}

// The socket's handler of the kernel's error answers: keeps the errno, and
// lets libnl go on as without it (NL_STOP: it returns its NLE_* code).
int OnKernelError(sockaddr_nl*, nlmsgerr* answer, void* arg) {
  *static_cast<int*>(arg) = -answer->error;
  return NL_STOP;
}

}  // namespace

Error NlError(int nl_err, const std::string& context, ErrorKind kind) {
  const int err_no = NlToErrno(nl_err);
  if (err_no != EIO) return Error(err_no, context, kind);
  return Error(err_no, context + " (" + nl_geterror(nl_err) + ")", kind);
}

Error Netlink::RequestError(int nl_err, const std::string& context) {
  const int kernel = kernel_errno_ ? std::exchange(*kernel_errno_, 0) : 0;
  // Only an answer that libnl turned into this very code: not one left over
  // from an earlier request that libnl retried or forgave.
  if (kernel > 0 && nl_syserr2nlerr(kernel) == std::abs(nl_err)) return Error(kernel, context);
  return NlError(nl_err, context);
}

bool IsNotFound(const Error& error) {
  const int e = error.err_no();
  return e == ENOENT || e == ESRCH || e == ENODEV || e == EADDRNOTAVAIL;
}

Result<Netlink> Netlink::Open() {
  nl_sock* sock = nl_socket_alloc();
  if (!sock) return MakeError(ENOMEM, "nl_socket_alloc");
  auto kernel_errno = std::make_unique<int>(0);
  int err = nl_socket_modify_err_cb(sock, NL_CB_CUSTOM, OnKernelError, kernel_errno.get());
  if (err >= 0) err = nl_connect(sock, NETLINK_ROUTE);
  if (err < 0) {
    nl_socket_free(sock);
    return std::unexpected(NlError(err, "connecting to rtnetlink"));
  }
  return Netlink(sock, std::move(kernel_errno));
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
