// SPDX-License-Identifier: GPL-2.0-or-later
#include "inside/ve_process.h"

#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <string>

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

namespace {

// Writes `text` to /proc/self/`name`; false on failure.
bool WriteSelf(const char* name, const std::string& text) {
  const int fd = ::open((std::string("/proc/self/") + name).c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// In a child holding supplementary group 1234, in a new user namespace that
// denies setgroups: BecomeContainerRoot's result (an errno), or 200 when
// the child could not set that up.
int BecomeRootWhereSetgroupsIsDenied() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const gid_t group = 1234;
    if (::setgroups(1, &group) != 0 || ::unshare(CLONE_NEWUSER) != 0 ||
        !WriteSelf("setgroups", "deny") || !WriteSelf("uid_map", "0 0 1") ||
        !WriteSelf("gid_map", "0 0 1"))
      ::_exit(200);
    ::_exit(vz::internal::BecomeContainerRoot());
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(BecomeContainerRoot, HostGroupsThatCannotBeDroppedFailIt) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to hold a group and map ids";
  const int result = BecomeRootWhereSetgroupsIsDenied();
  if (result == 200) GTEST_SKIP() << "no user namespaces here";
  EXPECT_EQ(result, EPERM);
}

}  // namespace
