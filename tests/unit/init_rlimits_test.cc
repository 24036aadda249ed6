// SPDX-License-Identifier: GPL-2.0-or-later
// L7: a container's init starts with the limits of a boot, not with those
// of the shell that ran vzctl start.
#include "launch/init_rlimits.h"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include "inside/ve_process.h"

namespace {

TEST(BootRlimits, AreTheKernelsInitLimits) {
  auto limits = vz::internal::BootRlimits(20000);
  auto find = [&](int resource) {
    for (const auto& l : limits)
      if (l.resource == resource) return l.limit;
    ADD_FAILURE() << "no limit " << resource;
    return rlimit{};
  };
  EXPECT_EQ(find(RLIMIT_NOFILE).rlim_cur, 1024u);
  EXPECT_EQ(find(RLIMIT_NOFILE).rlim_max, 4096u);
  EXPECT_EQ(find(RLIMIT_STACK).rlim_cur, 8u << 20);
  EXPECT_EQ(find(RLIMIT_STACK).rlim_max, RLIM_INFINITY);
  EXPECT_EQ(find(RLIMIT_CORE).rlim_cur, 0u);
  EXPECT_EQ(find(RLIMIT_NPROC).rlim_cur, 10000u);
  EXPECT_EQ(find(RLIMIT_SIGPENDING).rlim_max, 10000u);
  EXPECT_EQ(find(RLIMIT_FSIZE).rlim_cur, RLIM_INFINITY);
  EXPECT_EQ(vz::internal::BootRlimits(0).size(), limits.size() - 2) << "NPROC unknown: left out";
}

// What the monitor does before it clones init: an admin's "ulimit -S -n
// 64" and "ulimit -S -s 512" are undone.
TEST(BootRlimits, ResetUndoesTheCallersSoftLimits) {
  const pid_t pid = vz::internal::ForkRun([] {
    rlimit files{}, stack{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    ::getrlimit(RLIMIT_STACK, &stack);
    if (files.rlim_max < 4096 || stack.rlim_max != RLIM_INFINITY) return 77;
    files.rlim_cur = 64;
    stack.rlim_cur = 512 << 10;
    if (::setrlimit(RLIMIT_NOFILE, &files) != 0 || ::setrlimit(RLIMIT_STACK, &stack) != 0)
      return 10;
    if (vz::internal::ResetToBootRlimits() != 0) return 11;
    ::getrlimit(RLIMIT_NOFILE, &files);
    ::getrlimit(RLIMIT_STACK, &stack);
    if (files.rlim_cur != 1024 || files.rlim_max != 4096) return 12;
    if (stack.rlim_cur != 8u << 20 || stack.rlim_max != RLIM_INFINITY) return 13;
    return 0;
  });
  ASSERT_GT(pid, 0);
  const int code = vz::internal::WaitExitCode(pid);
  if (code == 77) GTEST_SKIP() << "hard limits here are below the boot values";
  EXPECT_EQ(code, 0);
}

// Hard limits are raised too where the caller may (CAP_SYS_RESOURCE), and
// else set as far as they allow, not left out.
TEST(BootRlimits, ALowHardLimitIsRaisedOrKept) {
  const pid_t pid = vz::internal::ForkRun([] {
    const rlimit few{64, 64};
    if (::setrlimit(RLIMIT_NOFILE, &few) != 0) return 10;
    const rlimit one_more{64, 65};
    const bool capable = ::setrlimit(RLIMIT_NOFILE, &one_more) == 0;
    if (vz::internal::ResetToBootRlimits() != 0) return 11;
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    if (capable) return files.rlim_cur == 1024 && files.rlim_max == 4096 ? 0 : 12;
    return files.rlim_cur == 64 && files.rlim_max == 64 ? 0 : 13;
  });
  ASSERT_GT(pid, 0);
  EXPECT_EQ(vz::internal::WaitExitCode(pid), 0);
}

}  // namespace
