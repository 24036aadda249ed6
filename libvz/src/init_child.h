// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The code that runs in a container's init-to-be, between clone() and the
// exec of /sbin/init: it creates the VE, builds the container's mounts,
// pivots into its root and execs init. Every step that fails is reported
// to the parent as {stage, errno} over a close-on-exec pipe; a successful
// exec closes the pipe, which is how the parent learns that init runs.
#pragma once

#include <string>

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
};

// What the child sends when a stage fails.
struct InitFailure {
  InitStage stage;
  int err_no;
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
};

// Never returns: execs init or _exit()s after reporting a failure.
[[noreturn]] void RunInitChild(const InitChildArgs& args);

}  // namespace vz::internal
