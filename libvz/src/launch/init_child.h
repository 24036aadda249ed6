// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The code that runs in a container's init-to-be, between clone() and the
// exec of /sbin/init: it creates the VE, builds the container's mounts,
// pivots into its root and execs init. Every step that fails is reported
// to the parent as {stage, errno} over a close-on-exec pipe; a successful
// exec closes the pipe, which is how the parent learns that init runs.
//
// The handshake with the parent, step by step, is in handshake.h.
#pragma once

#include <string>
#include <vector>

#include "dev/layout.h"
#include "uts/resolv.h"

namespace vz::internal {

struct InitChildArgs {
  unsigned int veid;
  int vzctl_fd;      // /dev/vzctl, opened on the host
  int sync_fd;       // read end of the sync pipe (handshake.h)
  int report_fd;     // write end of the report pipe (handshake.h)
  bool cgroup_ns;    // unshare a cgroup namespace after being moved
  std::string root;  // VE_ROOT, mounted
  std::string hostname;
  DnsSettings dns;  // for /etc/resolv.conf; nothing to write when empty
  // With user and group quota inside: the host's node of the device that
  // holds the container's files, bound to /dev/<quota_dev_name>.
  std::string quota_dev_name;
  std::string quota_dev_host;
  // DEVNODES: the host's copies of the nodes, bound into /dev after the
  // standard ones.
  std::vector<DevNodeBind> dev_nodes;
};

// Never returns: execs init or _exit()s after reporting a failure.
[[noreturn]] void RunInitChild(const InitChildArgs& args);

}  // namespace vz::internal
