// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/ve_create.h"

#include <sys/ioctl.h>

#include <cerrno>

#include "kernel/vzcalluser.h"

namespace vz::internal {

int PrepareVe(int vzctl_fd, unsigned int veid) {
  return ::ioctl(vzctl_fd, uapi::kVePrepare, static_cast<unsigned long>(veid)) == 0 ? 0 : errno;
}

int CreateOwnVe(int vzctl_fd, unsigned int veid) {
  uapi::env_create_param3 param{};
  uapi::vzctl_env_create_data req{.veid = veid,
                                  .flags = uapi::kVeCreate | uapi::kVeExclusive,
                                  .class_id = 0,
                                  .data = &param,
                                  .datalen = sizeof(param)};
  return ::ioctl(vzctl_fd, uapi::kEnvCreateData, &req) >= 0 ? 0 : errno;
}

}  // namespace vz::internal
