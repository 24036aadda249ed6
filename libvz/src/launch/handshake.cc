// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/handshake.h"

#include <unistd.h>

#include <cerrno>

namespace vz::internal {

namespace {

// One read(2) of at most `size` bytes, EINTR retried; with a deadline,
// ReadBefore's.
ssize_t ReadSome(int fd, void* buf, size_t size, std::optional<Deadline> deadline) {
  if (deadline) return ReadBefore(fd, buf, size, *deadline);
  ssize_t n;
  do n = ::read(fd, buf, size);
  while (n < 0 && errno == EINTR);
  return n;
}

}  // namespace

ssize_t ReadFull(int fd, void* buf, size_t size, std::optional<Deadline> deadline) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ReadSome(fd, static_cast<char*>(buf) + done, size - done, deadline);
    if (n < 0) return -1;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return static_cast<ssize_t>(done);
}

int WriteFull(int fd, const void* buf, size_t size) {
  size_t done = 0;
  while (done < size) {
    const ssize_t n = ::write(fd, static_cast<const char*>(buf) + done, size - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) return EIO;
    done += static_cast<size_t>(n);
  }
  return 0;
}

const char* InitStageName(InitStage stage) {
  switch (stage) {
    case InitStage::kReportInitRuns:
      return "started";
    case InitStage::kClone:
      return "clone(new namespaces)";
    case InitStage::kIdMaps:
      return "writing the uid/gid maps";
    case InitStage::kCgroup:
      return "moving init into its cgroup";
    case InitStage::kAwaitIdMaps:
      return "waiting for the uid/gid maps";
    case InitStage::kCredentials:
      return "becoming root of the container";
    case InitStage::kCgroupNs:
      return "unshare(CLONE_NEWCGROUP)";
    case InitStage::kCreateVe:
      return "VZCTL_ENV_CREATE_DATA";
    case InitStage::kHostname:
      return "sethostname";
    case InitStage::kMountPrivate:
      return "making mounts private";
    case InitStage::kMountProc:
      return "mount(/proc)";
    case InitStage::kMountSys:
      return "mount(/sys)";
    case InitStage::kMountDev:
      return "setting up /dev";
    case InitStage::kPivotRoot:
      return "pivot_root";
    case InitStage::kExecInit:
      return "exec(/sbin/init)";
    case InitStage::kReportVeCreated:
      return "VE created";
    case InitStage::kResolvConf:
      return "writing /etc/resolv.conf";
    case InitStage::kAwaitVeCreated:
      return "waiting for init to report the new VE, to configure its network";
    case InitStage::kAwaitNetwork:
      return "letting init go on once its network was configured";
    case InitStage::kSettings:
      return "applying the container's settings (resource limits, network)";
    case InitStage::kPrepareVe:
      return "VZCTL_VE_PREPARE";
    case InitStage::kOpenRoot:
      return "opening VE_ROOT";
    case InitStage::kClock:
      return "a time namespace for the container's uptime";
    case InitStage::kDevNodes:
      return "binding the nodes of DEVNODES into /dev";
  }
  return "unknown stage";
}

}  // namespace vz::internal
