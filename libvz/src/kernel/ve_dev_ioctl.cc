// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/ve_dev_ioctl.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

namespace vz::internal {

namespace {

// Why the kernel refused, when its errno alone does not say.
std::string Hint(int err) {
  switch (err) {
    case ESRCH:
      return ": the container does not run";
    case EPERM:
      return ": only the host's root may";
    case EINVAL:
      return ": the kernel refused the device type or the access";
    case ENOTTY:
      return ": the kernel has no device permissions for VEs";
  }
  return "";
}

}  // namespace

uapi::vzctl_setdevperms DevPermsRequest(unsigned int veid, const DeviceId& dev, unsigned access) {
  const __u32 type =
      (dev.type == 'b' ? S_IFBLK : S_IFCHR) | (dev.minor ? uapi::kVeUseMinor : uapi::kVeUseMajor);
  const __u32 mask = ((access & kDevRead) ? S_IROTH : 0) | ((access & kDevWrite) ? S_IWOTH : 0) |
                     ((access & kDevQuota) ? S_IXGRP : 0);
  return {.veid = veid,
          .type = type,
          .dev = static_cast<__u32>(::makedev(dev.major, dev.minor.value_or(0))),
          .mask = mask};
}

std::string DeviceName(const DeviceId& dev) {
  return std::string(1, dev.type) + " " + std::to_string(dev.major) + ":" +
         (dev.minor ? std::to_string(*dev.minor) : "all");
}

Status SetDevPerms(int vzctl_fd, unsigned int veid, const DeviceId& dev, unsigned access) {
  uapi::vzctl_setdevperms req = DevPermsRequest(veid, dev, access);
  if (::ioctl(vzctl_fd, uapi::kSetDevPerms, &req) == 0) return {};
  const int err = errno;
  return KindError(ErrorKind::kSetDevices,
                   "VZCTL_SETDEVPERMS(VE " + std::to_string(veid) + ", " + DeviceName(dev) + ", " +
                       FormatDevAccess(access) + ")" + Hint(err),
                   err);
}

}  // namespace vz::internal
