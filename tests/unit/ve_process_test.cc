// SPDX-License-Identifier: GPL-2.0-or-later
#include "../../libvz/src/ve_process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace {

using std::chrono::milliseconds;

TEST(WaitExitCodeFor, AStoppedChildIsKilledAtTheDeadline) {
  const pid_t pid = vz::internal::ForkRun([] {
    ::raise(SIGSTOP);  // what a container's root can do to a helper
    return 0;
  });
  ASSERT_GT(pid, 0);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(vz::internal::WaitExitCodeFor(pid, milliseconds(300)).has_value());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  errno = 0;
  EXPECT_EQ(::kill(pid, 0), -1) << "not reaped";
  EXPECT_EQ(errno, ESRCH);
}

TEST(WaitExitCodeFor, AChildThatEndsInTimeGivesItsStatus) {
  const pid_t pid = vz::internal::ForkRun([] { return 7; });
  ASSERT_GT(pid, 0);
  EXPECT_EQ(vz::internal::WaitExitCodeFor(pid, std::chrono::seconds(10)), 7);
}

}  // namespace
