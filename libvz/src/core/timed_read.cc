// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/timed_read.h"

#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace vz::internal {

namespace {

// Milliseconds left until `deadline`, rounded up, never negative.
int MillisecondsLeft(Deadline deadline) {
  const auto left =
      std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

int WaitReadable(int fd, std::optional<Deadline> deadline) {
  for (;;) {
    pollfd pfd{fd, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, deadline ? MillisecondsLeft(*deadline) : -1);
    if (ready < 0 && errno == EINTR) continue;
    return ready < 0 ? -1 : ready > 0;
  }
}

ssize_t ReadBefore(int fd, void* buf, size_t size, Deadline deadline) {
  for (;;) {
    const int ready = WaitReadable(fd, deadline);
    if (ready < 0) return -1;
    if (ready == 0) {
      errno = ETIMEDOUT;
      return -1;
    }
    const ssize_t n = ::read(fd, buf, size);
    if (n < 0 && errno == EINTR) continue;
    return n;
  }
}

}  // namespace vz::internal
