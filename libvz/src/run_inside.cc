// SPDX-License-Identifier: LGPL-2.1-or-later
#include "run_inside.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <string>

#include "ve_process.h"

namespace vz::internal {

namespace {

// Exit status of the joining child when it could not join.
constexpr int kJoinFailed = 125;
// Exit status of the joining child when the helper outlived its timeout.
constexpr int kTimedOut = 124;

void JoinCgroupOf(unsigned int veid) {
  const std::string procs = "/sys/fs/cgroup/vz/" + std::to_string(veid) + "/cgroup.procs";
  int fd = ::open(procs.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;  // no cgroup v2: nothing to join
  (void)!::write(fd, "0", 1);
  ::close(fd);
}

void StdioToNull() {
  int fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (fd < 0) return;
  for (int i = 0; i < 3; ++i) ::dup2(fd, i);
  ::close(fd);
}

}  // namespace

int JoinContainer(const VzDevice& dev, unsigned int veid) {
  ::prctl(PR_SET_DUMPABLE, 0);
  // Whatever vzctl inherited (a panel's socket, a shell's "exec 3<file")
  // must not reach a program of the container: every descriptor above
  // stdio closes on exec. The joining code may still use its own.
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) return errno;
  JoinCgroupOf(veid);
  if (auto entered = dev.Enter(veid); !entered) return entered.error().err_no();
  if (int err = BecomeContainerRoot()) return err;
  ::prctl(PR_SET_DUMPABLE, 0);  // a change of credentials may reset it
  return 0;
}

Result<int> RunInContainer(const VzDevice& dev, unsigned int veid, const std::function<int()>& fn,
                           bool wait, InsideStdio stdio,
                           std::optional<std::chrono::seconds> timeout) {
  pid_t pid = ForkRun([&] {
    if (JoinContainer(dev, veid) != 0) return kJoinFailed;
    pid_t inner = ForkRun([&] {
      ::setsid();
      if (stdio == InsideStdio::kNull) StdioToNull();
      return fn();
    });
    if (inner < 0) return kJoinFailed;
    if (!wait) return 0;
    if (!timeout) return WaitExitCode(inner);
    return WaitExitCodeFor(inner, *timeout).value_or(kTimedOut);
  });
  if (pid < 0) return ErrnoError("fork");
  int code = WaitExitCode(pid);
  if (code == kTimedOut && wait && timeout)
    return MakeError(ETIMEDOUT, "container " + std::to_string(veid) + ": a helper inside did not " +
                                    "finish within " + std::to_string(timeout->count()) +
                                    " s and was killed");
  if (code == kJoinFailed) {
    auto exists = dev.Exists(veid);
    if (exists && !*exists)
      return KindError(ErrorKind::kNotRunning,
                       "container " + std::to_string(veid) + " stopped before it could be entered",
                       ESRCH);
  }
  return code;
}

}  // namespace vz::internal
