// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Reaching a container's network namespace from the host. Internal.
//
// setns(CLONE_NEWNET) changes the namespace of the calling thread only, so
// the host's work inside a container runs in a thread of its own that joins
// the namespace and ends with it: the rest of the process stays on the
// host, with the host's credentials.
#pragma once

#include <sys/types.h>

#include <functional>

#include "core/unique_fd.h"
#include "kernel/vzdev.h"
#include "vz/core/error.h"

namespace vz::internal {

// /proc/<pid>/ns/net of a process the caller knows (the monitor knows the
// init it cloned).
Result<UniqueFd> OpenNetnsOfPid(pid_t pid);

// The network namespace of running VE `veid`, as the kernel records it: a
// helper child joins the VE (VE_ENTER), the caller opens the child's
// namespace and lets it go. No scan of /proc, so no process inside the
// container can pose as its init. kNotRunning when the VE does not run.
Result<UniqueFd> OpenVeNetns(const VzDevice& dev, unsigned int veid);

// Runs `fn` in a thread that joined `netns_fd`; returns what `fn` returns,
// or an error naming what it threw (ENOMEM for std::bad_alloc, the errno of
// a std::system_error, else EIO).
Status RunInNetns(int netns_fd, const std::function<Status()>& fn);

}  // namespace vz::internal
