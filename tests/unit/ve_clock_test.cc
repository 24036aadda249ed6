// SPDX-License-Identifier: GPL-2.0-or-later
// A container's uptime counts from its start: its init is cloned into a
// time namespace whose boot-based and monotonic clocks start at zero.
#include "launch/ve_clock.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <ctime>
#include <thread>

#include "inside/ve_process.h"

namespace {

TEST(ClockOffsets, SetEachClockBackByItsWholeSeconds) {
  const timespec boottime{12345, 999999999}, monotonic{12000, 1};
  EXPECT_EQ(vz::internal::ClockOffsets(boottime, monotonic),
            "monotonic -12000 0\nboottime -12345 0\n");
}

// The children of the caller see clocks that started a moment ago; the
// caller keeps the host's, and after RestoreOwnClock() its children do too
// and it may make threads again.
TEST(NewContainerClock, ChildrenSeeClocksFromNow) {
  const pid_t pid = vz::internal::ForkRun([] {
    timespec before{};
    ::clock_gettime(CLOCK_BOOTTIME, &before);
    if (before.tv_sec < 3) return 77;  // too soon after boot to tell
    auto own = vz::internal::NewContainerClock();
    if (!own) return own.error().err_no() == EPERM ? 78 : 10;
    if (own->get() < 0) return 79;
    auto boot_seconds = [] {
      timespec boot{};
      ::clock_gettime(CLOCK_BOOTTIME, &boot);
      return boot.tv_sec;
    };
    const pid_t fresh = vz::internal::ForkRun([&] { return boot_seconds() <= 1 ? 0 : 1; });
    if (boot_seconds() < before.tv_sec) return 11;
    if (vz::internal::WaitExitCode(fresh) != 0) return 12;
    if (vz::internal::RestoreOwnClock(*own) != 0) return 13;
    const pid_t host =
        vz::internal::ForkRun([&] { return boot_seconds() >= before.tv_sec ? 0 : 1; });
    if (vz::internal::WaitExitCode(host) != 0) return 14;
    std::thread worker([] {});
    worker.join();
    return 0;
  });
  ASSERT_GT(pid, 0);
  const int code = vz::internal::WaitExitCode(pid);
  if (code == 77) GTEST_SKIP() << "the machine booted less than 3 s ago";
  if (code == 78) GTEST_SKIP() << "no CAP_SYS_ADMIN for a time namespace here";
  if (code == 79) GTEST_SKIP() << "a kernel without time namespaces";
  EXPECT_EQ(code, 0);
}

}  // namespace
