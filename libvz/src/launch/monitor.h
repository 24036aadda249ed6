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

#include "launch/spec.h"

namespace vz::internal {

// Runs as the monitor and never returns. Writes the report of the first
// launch (a StageReport, handshake.h) to `report_fd` and closes it; the
// caller has forked and started a session of its own.
[[noreturn]] void RunMonitor(LaunchArgs args, int report_fd);

}  // namespace vz::internal
