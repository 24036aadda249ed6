// SPDX-License-Identifier: GPL-2.0-or-later
// vzeventd's loop: waits for a VE event, a script's end, a script's
// deadline or a signal to stop, all at once (poll on the event socket and
// a signalfd), and never on a timer of its own.
#pragma once

#include <ostream>

#include "scripts.h"
#include "vz/kernel/events.h"

namespace vzeventd {

// Blocks SIGCHLD, SIGTERM, SIGINT and SIGHUP and returns a signalfd for
// them; -1 with errno set on failure.
int OpenSignals();

// Runs each event's script until SIGTERM, SIGINT or SIGHUP arrives on
// `signal_fd`: 0 then, 1 when the events cannot be read. Lost events are
// logged and the daemon goes on. Before it returns, the scripts still
// running may end, each within its timeout (a shutdown stops the
// containers first: their ve-stop scripts get to run).
int Serve(vz::VeEvents& events, int signal_fd, ScriptRunner& runner, std::ostream& log,
          bool verbose);

}  // namespace vzeventd
