// SPDX-License-Identifier: LGPL-2.1-or-later
//
// VzDevice: the kernel's VE management interface, /dev/vzctl.
//
// One open descriptor serves every call. It is opened close-on-exec: a
// container's init-to-be uses a descriptor inherited from the host to create
// its VE (launch/init_child.cc; it has no capability over the host any more), and
// must not pass it on to the container's programs.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "vz/core/error.h"

namespace vz {

class VzDevice {
 public:
  // Opens /dev/vzctl. A missing device means a kernel without the VE
  // series: Error kind kBadKernel.
  static Result<VzDevice> Open(const std::filesystem::path& dev = "/dev/vzctl");
  // A device of its own on the open /dev/vzctl descriptor `fd` (a dup).
  static Result<VzDevice> Dup(int fd);

  VzDevice(VzDevice&& other) noexcept;
  VzDevice& operator=(VzDevice&& other) noexcept;
  VzDevice(const VzDevice&) = delete;
  VzDevice& operator=(const VzDevice&) = delete;
  ~VzDevice();

  // Is VE `veid` there (running or stopping)?
  Result<bool> Exists(unsigned int veid) const;
  // Joins VE `veid`'s namespaces; children forked afterwards are in the VE.
  // kNotRunning when there is no such VE.
  Status Enter(unsigned int veid) const;
  // Kills the VE's init; the kernel then kills the rest of the VE.
  Status Kill(unsigned int veid) const;
  // Lets running VE `veid`'s root manage user and group quota of its ids
  // on the filesystem of `fs_fd`, for at most `limit` ids with limits; 0
  // takes that back. kBadKernel for a kernel without it.
  Status SetUgidQuota(unsigned int veid, int fs_fd, uint32_t limit) const;
  // Has the kernel tell its event listeners that VE `veid`'s root was
  // mounted (ve-mount) or unmounted (ve-umount). Waits for a VE of that
  // veid that is stopping; kRunning while it runs, kBadKernel for a
  // kernel without the announcement.
  Status AnnounceMount(unsigned int veid, bool mounted) const;

  int fd() const { return fd_; }

 private:
  explicit VzDevice(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace vz
