// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The code that runs in a container's init-to-be, between clone() and the
// exec of /sbin/init: it creates the VE, builds the container's mounts,
// pivots into its root and execs init. Every step that fails is reported
// to the parent as {stage, errno} over a close-on-exec pipe; a successful
// exec closes the pipe, which is how the parent learns that init runs.
//
// The handshake with the parent, over the sync pipe (parent to child) and
// that report pipe (child to parent):
//   0. child: closes every descriptor but the three below
//   1. parent: uid/gid maps written, cgroup joined -> one byte (kSync);
//      child: opens VE_ROOT while it is still host root (kOpenRoot)
//   2. child: VE created -> {kVeCreated, 0} (kVeReport when it cannot say so)
//   3. parent: resource limits set (kUbc, ubc_apply.h), network configured
//      (net_start.h) -> one byte (kNetworkDone when that byte is lost); when
//      either fails (kUbc, kNetwork), it kills the child instead
//   4. child: mounts, pivot_root, hostname, resolv.conf, exec -> EOF
// The parent waits 30 s for each of the child's reports (start.cc), and
// kills it after.
#pragma once

#include <string>

#include "uts/resolv.h"
#include "vz/core/error.h"

namespace vz::internal {

enum class InitStage : int {
  kStarted = 0,  // not a failure: init runs
  kClone,        // monitor side
  kIdMaps,       // monitor side
  kCgroup,       // monitor side
  kSync,
  kCredentials,
  kCgroupNs,
  kCreateVe,
  kHostname,
  kMountPrivate,
  kMountProc,
  kMountSys,
  kMountDev,
  kPivotRoot,
  kExecInit,
  kVeCreated,    // not a failure: the VE exists, the parent may configure its network
  kNetwork,      // monitor side: configuring the network
  kResolvConf,   // writing /etc/resolv.conf
  kVeReport,     // telling the monitor that the VE exists (handshake step 2)
  kNetworkDone,  // passing on that the network is configured (step 3)
  kUbc,          // monitor side: setting the VE's resource limits
  kOpenRoot,     // opening VE_ROOT, before becoming the container's root
  kPrepareVe,    // monitor side: VZCTL_VE_PREPARE, before the clone
};

// What the child sends when a stage fails (or reaches kVeCreated). The
// monitor, passing a failure on to vzctl start, adds the error's kind and
// its own account of what failed, when it has one.
struct InitFailure {
  InitStage stage;
  int err_no;
  ErrorKind kind = ErrorKind::kSystem;
  char detail[256] = {};
};

const char* InitStageName(InitStage stage);

struct InitChildArgs {
  unsigned int veid;
  int vzctl_fd;      // /dev/vzctl, opened on the host
  int sync_fd;       // read end: one byte when the uid/gid maps are written
  int report_fd;     // write end of the close-on-exec failure pipe
  bool cgroup_ns;    // unshare a cgroup namespace after being moved
  std::string root;  // VE_ROOT, mounted
  std::string hostname;
  DnsSettings dns;  // for /etc/resolv.conf; nothing to write when empty
};

// Never returns: execs init or _exit()s after reporting a failure.
[[noreturn]] void RunInitChild(const InitChildArgs& args);

}  // namespace vz::internal
