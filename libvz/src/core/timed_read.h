// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Reading a report from a process that the container's root may hold up
// (its init-to-be, the monitor that launches it), or waiting for an event:
// one read or wait, given up at a deadline. Internal.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>

namespace vz::internal {

using Deadline = std::chrono::steady_clock::time_point;

// Waits until `fd` is readable (or at EOF): 1, or 0 when `deadline` came
// first (none: no limit), or -1 with errno set. EINTR is retried.
int WaitReadable(int fd, std::optional<Deadline> deadline);

// One read(2) of at most `size` bytes from `fd`, once data (or EOF) is
// there: its result (0 at EOF). -1 with errno set when it fails, and with
// ETIMEDOUT when nothing came before `deadline`. EINTR is retried.
ssize_t ReadBefore(int fd, void* buf, size_t size, Deadline deadline);

}  // namespace vz::internal
