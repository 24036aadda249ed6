// SPDX-License-Identifier: GPL-2.0-or-later
// M5: the container's init-to-be keeps none of the monitor's descriptors
// (the container's lock during a relaunch) but those it needs.
#include "core/close_fds.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "inside/ve_process.h"

namespace {

bool IsOpen(int fd) { return ::fcntl(fd, F_GETFD) >= 0; }

TEST(CloseAllBut, ClosesEveryOtherDescriptorAboveStdio) {
  const pid_t pid = vz::internal::ForkRun([] {
    int fds[6];
    for (int& fd : fds) fd = ::open("/dev/null", O_RDONLY);
    const int high = ::fcntl(fds[0], F_DUPFD, 700);
    // Kept: fds[2] and fds[4]; -1 and stdio in the list are harmless.
    if (vz::internal::CloseAllBut({fds[4], -1, 1, fds[2]}) != 0) return 10;
    if (!IsOpen(0) || !IsOpen(1) || !IsOpen(2)) return 11;
    if (!IsOpen(fds[2]) || !IsOpen(fds[4])) return 12;
    for (int i : {0, 1, 3, 5})
      if (IsOpen(fds[i])) return 13 + i;
    return IsOpen(high) ? 20 : 0;
  });
  ASSERT_GT(pid, 0);
  EXPECT_EQ(vz::internal::WaitExitCode(pid), 0);
}

}  // namespace
