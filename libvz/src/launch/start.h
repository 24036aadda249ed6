// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The parent's half of the launch handshake (handshake.h): run by the
// container's monitor (monitor.h), which is the parent of the container's
// init. It clones init into new namespaces, writes its uid/gid maps, puts
// it into its cgroup, sets the VE's resource limits and configures its
// network once the VE exists, and turns the child's report into an error.
// vzctl start's own half, StartContainer (vz/launch/start.h), forks the
// monitor and waits for its report of the first launch; both are defined
// in start.cc. Internal.
#pragma once

#include <sys/types.h>

#include "launch/handshake.h"
#include "launch/spec.h"
#include "vz/core/error.h"

namespace vz::internal {

// Clones the container's init and waits until it execs /sbin/init or fails,
// each of its two reports at most kLaunchTimeout (else it is killed:
// ETIMEDOUT). On success *pid is init's pid (as seen on the host).
StageReport LaunchInit(const LaunchArgs& args, pid_t* pid);

// What vzctl start and the monitor's log say when a launch failed.
Error StartError(const StageReport& f);

}  // namespace vz::internal
