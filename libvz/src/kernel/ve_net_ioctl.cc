// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/ve_net_ioctl.h"

#include <netinet/in.h>
#include <sys/ioctl.h>

#include <cstring>
#include <vector>

#include "kernel/vzcalluser.h"

namespace vz::internal {

namespace {

// ioctl(VENETCTL_VE_IP_MAP); 0 or the errno.
int IpMapCall(int fd, unsigned int veid, int op, const IpAddress& ip) {
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  sockaddr* addr = reinterpret_cast<sockaddr*>(&v4);
  int len = sizeof(v4);
  if (ip.family == AF_INET) {
    v4.sin_family = AF_INET;
    std::memcpy(&v4.sin_addr, ip.bytes.data(), 4);
  } else {
    v6.sin6_family = AF_INET6;
    std::memcpy(&v6.sin6_addr, ip.bytes.data(), 16);
    addr = reinterpret_cast<sockaddr*>(&v6);
    len = sizeof(v6);
  }
  uapi::vzctl_ve_ip_map req{.veid = veid, .op = op, .addr = addr, .addrlen = len};
  return ::ioctl(fd, uapi::kVenetctlVeIpMap, &req) == 0 ? 0 : errno;
}

std::string What(const char* op, const IpAddress& ip, unsigned int veid) {
  return std::string("VENETCTL_VE_IP_MAP(") + op + " " + ip.address() + ", VE " +
         std::to_string(veid) + ")";
}

}  // namespace

Result<bool> MapIp(int vzctl_fd, unsigned int veid, const IpAddress& ip) {
  const int err = IpMapCall(vzctl_fd, veid, uapi::kVeIpAdd, ip);
  switch (err) {
    case 0:
      return true;
    case EEXIST:
      return false;
    case EADDRINUSE:
      return KindError(ErrorKind::kIpInUse,
                       "address " + ip.address() + " is in use by another container", err);
    case EADDRNOTAVAIL:
      return KindError(ErrorKind::kIpUnavailable,
                       "address " + ip.address() + " is not available to this container", err);
    case ESRCH:
      return KindError(ErrorKind::kNotRunning, What("add", ip, veid), err);
    case ENOTTY:
      return KindError(ErrorKind::kBadKernel, What("add", ip, veid) + ": the kernel has no venet",
                       err);
    default:
      return KindError(ErrorKind::kCantAddIp, What("add", ip, veid), err);
  }
}

Status UnmapIp(int vzctl_fd, unsigned int veid, const IpAddress& ip) {
  const int err = IpMapCall(vzctl_fd, veid, uapi::kVeIpDel, ip);
  if (err == 0 || err == EADDRNOTAVAIL || err == ESRCH) return {};
  return KindError(ErrorKind::kCantAddIp, What("del", ip, veid), err);
}

Status MoveNetdev(int vzctl_fd, unsigned int veid, const std::string& name, bool add) {
  std::vector<char> buf(name.begin(), name.end());
  buf.push_back('\0');
  uapi::vzctl_ve_netdev req{
      .veid = veid, .op = add ? uapi::kVeNetdevAdd : uapi::kVeNetdevDel, .dev_name = buf.data()};
  if (::ioctl(vzctl_fd, uapi::kVeNetdev, &req) == 0) return {};
  const int err = errno;
  std::string what = std::string("VZCTL_VE_NETDEV(") + (add ? "move " : "take back ") + name +
                     (add ? " into" : " from") + " VE " + std::to_string(veid) + ")";
  if (err == ESRCH) what += ": no such container or device";
  if (err == EEXIST) what += ": the name is taken there";
  if (err == EINVAL) what += ": this device cannot be moved";
  return KindError(ErrorKind::kNetdev, what, err);
}

}  // namespace vz::internal
