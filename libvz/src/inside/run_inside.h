// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Running code as root of a running container, from the host. Internal.
//
// A child of the caller joins the container: its cgroup (so that what it
// starts counts against the container's limits), then its namespaces
// (VE_ENTER), then becomes root of its user namespace, never dumpable, so
// that the container's root cannot ptrace it or read its memory. The code
// then runs in a process of the container, in a session of its own, so
// that it has no controlling terminal of the host's to inject input into.
#pragma once

#include <chrono>
#include <functional>
#include <optional>

#include "kernel/vzdev.h"
#include "vz/core/error.h"

namespace vz::internal {

// Joins container `veid` from the current process; irreversible, so call
// it in a child. Every descriptor above 2 is made close-on-exec first, so
// that nothing the caller inherited reaches a program it executes. Returns
// 0 or an errno (ESRCH: the container is gone).
int JoinContainer(const VzDevice& dev, unsigned int veid);

enum class InsideStdio {
  kInherit,  // the caller's standard streams
  // The caller's standard streams, but each that is a terminal replaced by
  // a pipe that the caller relays (exec): no process that joins the
  // container ever holds the admin's terminal (terminal_relay.h).
  kRelayTerminals,
  kNull,  // /dev/null (halt: nothing of ours for it to hold)
};

// How long vzctl waits for a helper of its own inside a container (the
// hostname, resolv.conf): the container's root can stop it (SIGSTOP) or
// make it block.
inline constexpr std::chrono::seconds kHelperTimeout{30};

// Runs `fn` in a process of the container and returns its exit status, or
// with `wait` false as soon as it runs (0). kNotRunning when the container
// does not run (or stops before it is joined). With a `timeout` (and
// `wait`), a helper that has not ended by then is killed and the result is
// an ETIMEDOUT error.
// The parts of RunInContainer, with the joining step given: `join` runs in
// a child and returns 0 or an errno; the child then forks `fn` as above.
// The child reports to the caller through a pipe, not by its exit status,
// so every exit status of `fn` is returned as it is. ETIMEDOUT: `fn` was
// killed at the timeout; a failed `join` is an error with its errno.
struct RunOptions {
  bool wait = true;
  InsideStdio stdio = InsideStdio::kInherit;
  std::optional<std::chrono::seconds> timeout;
};
Result<int> RunJoined(const std::function<int()>& join, const std::function<int()>& fn,
                      const RunOptions& opts);

Result<int> RunInContainer(const VzDevice& dev, unsigned int veid, const std::function<int()>& fn,
                           bool wait, InsideStdio stdio,
                           std::optional<std::chrono::seconds> timeout = std::nullopt);

}  // namespace vz::internal
