// SPDX-License-Identifier: LGPL-2.1-or-later
#include "inside/run_inside.h"

#include <fcntl.h>
#include <linux/close_range.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <string>

#include "core/unique_fd.h"
#include "inside/terminal_relay.h"
#include "inside/ve_process.h"
#include "kernel/cgroup.h"

namespace vz::internal {

namespace {

// What the joining child tells the caller through a pipe of its own, so
// that every exit status stays the helper's (a helper exiting 124 or 125
// is not mistaken for a timeout or a failed join).
struct Report {
  enum class Kind : int { kExited, kJoinFailed, kTimedOut };
  Kind kind = Kind::kJoinFailed;
  int value = 0;  // the exit status (kExited) or an errno (kJoinFailed)
};

void Send(int fd, Report report) { (void)!::write(fd, &report, sizeof(report)); }

// Joins the container's cgroup, so that what the caller runs counts against
// its limits; 0 or an errno. A host without cgroup v2 has none to join.
int JoinCgroupOf(unsigned int veid) {
  const auto cgroup = CgroupPath(veid);
  if (cgroup.empty()) return 0;
  auto joined = JoinCgroup(cgroup, 0);
  return joined ? 0 : joined.error().err_no();
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
  if (int err = JoinCgroupOf(veid)) return err;
  if (auto entered = dev.Enter(veid); !entered) return entered.error().err_no();
  if (int err = BecomeContainerRoot()) return err;
  ::prctl(PR_SET_DUMPABLE, 0);  // a change of credentials may reset it
  return 0;
}

namespace {

// The joining child: joins, forks the helper and reports on `report_fd`.
void JoinAndRun(const std::function<int()>& join, const std::function<int()>& fn,
                const RunOptions& opts, int report_fd) {
  if (int err = join()) return Send(report_fd, {Report::Kind::kJoinFailed, err});
  pid_t inner = ForkRun([&] {
    ::close(report_fd);
    ::setsid();
    if (opts.stdio == InsideStdio::kNull) StdioToNull();
    return fn();
  });
  if (inner < 0) return Send(report_fd, {Report::Kind::kJoinFailed, errno});
  if (!opts.wait) return Send(report_fd, {Report::Kind::kExited, 0});
  if (!opts.timeout) return Send(report_fd, {Report::Kind::kExited, WaitExitCode(inner)});
  auto code = WaitExitCodeFor(inner, *opts.timeout);
  Send(report_fd, code ? Report{Report::Kind::kExited, *code} : Report{Report::Kind::kTimedOut, 0});
}

// The report of the joining child `pid`, once it has ended.
Result<Report> Collect(pid_t pid, int report_fd) {
  const int status = WaitExitCode(pid);
  Report report;
  ssize_t n;
  do n = ::read(report_fd, &report, sizeof(report));
  while (n < 0 && errno == EINTR);
  if (n != sizeof(report))
    return MakeError(EPIPE, "the child joining the container died without a report (status " +
                                std::to_string(status) + ")");
  return report;
}

}  // namespace

Result<int> RunJoined(const std::function<int()>& join, const std::function<int()>& fn,
                      const RunOptions& opts) {
  int report_pipe[2];
  if (::pipe2(report_pipe, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  UniqueFd report_in(report_pipe[0]);
  TerminalRelay relay;
  const bool relaying = opts.stdio == InsideStdio::kRelayTerminals && opts.wait;
  if (relaying) {
    if (auto opened = relay.Open(); !opened) {
      ::close(report_pipe[1]);
      return std::unexpected(opened.error());
    }
  }
  pid_t pid = ForkRun([&] {
    ::close(report_pipe[0]);
    if (int err = relaying ? relay.AttachChild() : 0)
      Send(report_pipe[1], {Report::Kind::kJoinFailed, err});
    else
      JoinAndRun(join, fn, opts, report_pipe[1]);
    return 0;
  });
  const int fork_errno = errno;
  ::close(report_pipe[1]);
  if (pid < 0) return MakeError(fork_errno, "fork");
  if (relaying) relay.Run(report_in.get());
  auto report = Collect(pid, report_in.get());
  if (!report) return std::unexpected(report.error());
  switch (report->kind) {
    case Report::Kind::kExited:
      return report->value;
    case Report::Kind::kTimedOut:
      return MakeError(ETIMEDOUT, "a helper inside did not finish within " +
                                      std::to_string(opts.timeout ? opts.timeout->count() : 0) +
                                      " s and was killed");
    case Report::Kind::kJoinFailed:
      break;
  }
  return MakeError(report->value, "joining the container");
}

Result<int> RunInContainer(const VzDevice& dev, unsigned int veid, const std::function<int()>& fn,
                           bool wait, InsideStdio stdio,
                           std::optional<std::chrono::seconds> timeout) {
  const std::string ct = "container " + std::to_string(veid);
  auto code = RunJoined([&] { return JoinContainer(dev, veid); }, fn, {wait, stdio, timeout});
  if (code) return code;
  if (code.error().err_no() != ETIMEDOUT) {
    auto exists = dev.Exists(veid);
    if (exists && !*exists)
      return KindError(ErrorKind::kNotRunning, ct + " stopped before it could be entered", ESRCH);
  }
  return std::unexpected(code.error().Wrap(ct));
}

}  // namespace vz::internal
