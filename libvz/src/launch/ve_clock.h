// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A container's clocks: its uptime counts from its start. The task that
// clones the container's init gives that child a time namespace of its own
// whose boot-based and monotonic clocks read (about) zero at that moment;
// the kernel then shows the container its own uptime in /proc/uptime and
// sysinfo(2), its start as btime in /proc/stat, and joins vzctl exec and
// enter to the same clocks. Internal.
#pragma once

#include <ctime>
#include <string>

#include "core/unique_fd.h"
#include "vz/core/error.h"

namespace vz::internal {

// What /proc/PID/timens_offsets is given for clocks that read `boottime`
// and `monotonic` now: each set back by its whole seconds.
std::string ClockOffsets(const timespec& boottime, const timespec& monotonic);

// From now on the caller's children get a time namespace with the offsets
// above (unshare(CLONE_NEWTIME)); the caller must be the main thread of
// its process. Returns the caller's own time namespace, for
// RestoreOwnClock() once the child is cloned: until then the kernel
// refuses to make threads (EINVAL). An empty descriptor on a kernel
// without time namespaces (the container then sees the host's uptime).
Result<UniqueFd> NewContainerClock();

// The caller's children get its own clocks again. 0 (also for an empty
// `own`), or the errno of setns(2).
int RestoreOwnClock(const UniqueFd& own);

}  // namespace vz::internal
