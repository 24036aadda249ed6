// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A container's monitor (vzmon-CTID): the host process vzctl start forks,
// detached from the admin's session, that stays with the container for its
// whole life. It launches init (launch/start.h), tells vzctl start how the
// first launch went, and then waits for init: after a reboot inside it
// launches init again, with the settings as they are then (spec.h), and
// when init ends it removes the host's routes to the container's addresses
// and the container's cgroup. Its own process, not vzctl start's, because
// the container outlives the command that started it. Internal.
#pragma once

#include <optional>

#include "kernel/backend.h"
#include "launch/spec.h"
#include "vz/core/lock.h"

namespace vz::internal {

// Once init ended: every facet's after_stop (the host's routes of the
// container's addresses) under the container's lock, which it returns
// (held) for a relaunch. When a vzctl command holds the lock, nothing is
// done and nothing returned.
//
// Why under the lock: the one who starts the container again (vzctl start,
// or restart) maps and routes the same addresses, and holds this lock
// meanwhile. Without it, the monitor could find an address unowned, the new
// start map and route it, and the monitor then delete its live route.
//
// Why not wait for the lock: its holder is a vzctl command on this
// container, which cleans up itself (stop, restart) or maps the addresses
// anew (start), so there is nothing left to do safely; and vzctl stop holds
// the lock until the container is gone. The worst a skipped cleanup leaves
// is a route to venet0 for an address no VE owns (venet drops its packets),
// which the next cleanup removes, since it removes every such route.
std::optional<CtLock> ReleaseUnderLock(const Container& ct, Backend& backend);

// Runs as the monitor and never returns. Writes the report of the first
// launch (a StageReport, handshake.h) to `report_fd` and closes it; the
// caller has forked and started a session of its own.
// `in_cgroup`: the monitor was born in the monitors' cgroup
// (MakeMonitorCgroup); else it joins it.
[[noreturn]] void RunMonitor(LaunchArgs args, int report_fd, bool in_cgroup);

}  // namespace vz::internal
