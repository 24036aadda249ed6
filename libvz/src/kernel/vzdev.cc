// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/vzdev.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kernel/vzcalluser.h"

namespace vz {

namespace {

std::string VeName(unsigned int veid) { return "VE " + std::to_string(veid); }

// ioctl(VZCTL_ENV_CREATE) with `flags`: the veid, or -errno.
long EnvCreate(int fd, unsigned int veid, unsigned int flags) {
  uapi::vzctl_env_create req{.veid = veid, .flags = flags, .class_id = 0};
  long ret = ::ioctl(fd, uapi::kEnvCreate, &req);
  return ret < 0 ? -errno : ret;
}

}  // namespace

Result<VzDevice> VzDevice::Open(const std::filesystem::path& dev) {
  int fd = ::open(dev.c_str(), O_RDWR | O_CLOEXEC);
  if (fd >= 0) return VzDevice(fd);
  if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
    return KindError(ErrorKind::kBadKernel,
                     "open(" + dev.string() + "): the kernel has no VE support (CONFIG_VE)", errno);
  return ErrnoError("open(" + dev.string() + ")");
}

Result<VzDevice> VzDevice::Dup(int fd) {
  int copy = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return ErrnoError("dup(/dev/vzctl)");
  return VzDevice(copy);
}

VzDevice::VzDevice(VzDevice&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }

VzDevice& VzDevice::operator=(VzDevice&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

VzDevice::~VzDevice() {
  if (fd_ >= 0) ::close(fd_);
}

Result<bool> VzDevice::Exists(unsigned int veid) const {
  long ret = EnvCreate(fd_, veid, uapi::kVeTest);
  if (ret == 0) return true;
  if (ret == -ESRCH) return false;
  return MakeError(static_cast<int>(-ret), "VZCTL_ENV_CREATE(" + VeName(veid) + ", VE_TEST)");
}

Status VzDevice::Enter(unsigned int veid) const {
  long ret = EnvCreate(fd_, veid, uapi::kVeEnter);
  if (ret >= 0) return {};
  const std::string what = "VZCTL_ENV_CREATE(" + VeName(veid) + ", VE_ENTER)";
  if (ret == -ESRCH || ret == -EBUSY)
    return KindError(ErrorKind::kNotRunning, what, static_cast<int>(-ret));
  return MakeError(static_cast<int>(-ret), what);
}

Status VzDevice::Kill(unsigned int veid) const {
  uapi::vzctl_ve_stop req{.size = sizeof(req), .veid = veid, .flags = 0};
  if (::ioctl(fd_, uapi::kVeStop, &req) == 0) return {};
  const std::string what = "VZCTL_VE_STOP(" + VeName(veid) + ")";
  if (errno == ESRCH) return KindError(ErrorKind::kNotRunning, what, errno);
  if (errno == EBUSY) return {};  // already stopping: it is going away
  return ErrnoError(what);
}

Status VzDevice::SetUgidQuota(unsigned int veid, int fs_fd, uint32_t limit) const {
  struct {
    uapi::vzctl_ve_configure conf;
    uapi::vzctl_ve_quota_ugid data;
  } req{};
  req.conf = {.veid = veid,
              .key = uapi::kVeConfigureQuotaUgid,
              .val = limit,
              .size = limit ? static_cast<__u32>(sizeof(req.data)) : 0};
  req.data.fd = fs_fd;
  if (::ioctl(fd_, uapi::kVeConfigure, &req) == 0) return {};
  const std::string what = "VZCTL_VE_CONFIGURE(" + VeName(veid) + ", VE_CONFIGURE_QUOTA_UGID)";
  if (errno == ENOKEY)
    return KindError(ErrorKind::kBadKernel, what + ": the kernel has no quota inside VEs", errno);
  return ErrnoError(what);
}

Status VzDevice::AnnounceMount(unsigned int veid, bool mounted) const {
  uapi::vzctl_ve_announce req{.size = sizeof(req),
                              .veid = veid,
                              .event = mounted ? uapi::kVzEventMount : uapi::kVzEventUmount,
                              .flags = 0};
  if (::ioctl(fd_, uapi::kVeAnnounce, &req) == 0) return {};
  const std::string what =
      std::string("VZCTL_VE_ANNOUNCE(") + VeName(veid) + (mounted ? ", mount)" : ", umount)");
  if (errno == ENOTTY) return KindError(ErrorKind::kBadKernel, what, errno);
  if (errno == EBUSY) return KindError(ErrorKind::kRunning, what + ": the VE runs", errno);
  return ErrnoError(what);
}

}  // namespace vz
