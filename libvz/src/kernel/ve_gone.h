// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Waiting for a VE to end. Internal.
//
// The kernel announces the end of a VE once its veid is free (ve-stop or
// ve-reboot, vz/kernel/events.h): the wait is for that event, with no
// timer. The listener must be open before the VE is asked to end, so that
// the event cannot come before it. On a kernel that sends no events the
// wait falls back to asking /dev/vzctl every 50 ms.
#pragma once

#include <chrono>
#include <optional>

#include "core/unique_fd.h"
#include "kernel/vzdev.h"
#include "vz/kernel/events.h"

namespace vz::internal {

// Whether VE `veid` ended within `timeout`. `events` is the listener
// opened before the VE was asked to end, or nullopt when the kernel has
// none.
Result<bool> WaitVeGone(const VzDevice& dev, std::optional<VeEvents>& events, unsigned int veid,
                        std::chrono::milliseconds timeout);

// The container's monitor (vzmon-CTID, the parent of the VE's init, found
// through the VE's cgroup) as a pidfd; -1 when there is none. Whoever
// stops a container waits for its monitor to end too, before letting go of
// the container's lock: the monitor, seeing init end, takes the lock for
// its own cleanup unless someone holds it, and would then be in the way
// of the next command.
UniqueFd OpenMonitor(unsigned int veid);

// Waits until the process of `pidfd` has ended, or `deadline`.
void WaitProcessEnd(int pidfd, std::chrono::steady_clock::time_point deadline);

}  // namespace vz::internal
