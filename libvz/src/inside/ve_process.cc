// SPDX-License-Identifier: LGPL-2.1-or-later
#include "inside/ve_process.h"

#include <grp.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include "core/timed_read.h"
#include "core/unique_fd.h"

namespace vz::internal {

int BecomeContainerRoot() {
  if (::setgroups(0, nullptr) != 0) {
    // EPERM: the user namespace denies setgroups. That is only harmless
    // when there are no groups to drop; host groups (gid 0 among them)
    // must never come along into the container.
    const int err = errno;
    if (err != EPERM || ::getgroups(0, nullptr) != 0) return err;
  }
  if (::setresgid(0, 0, 0) != 0) return errno;
  if (::setresuid(0, 0, 0) != 0) return errno;
  return 0;
}

void ExecClean(const std::vector<std::string>& argv, const std::vector<std::string>& extra) {
  // getenv() takes the first match, so `extra` overrides the defaults.
  std::vector<std::string> env = extra;
  env.insert(env.end(), {kDefaultPath, "HOME=/", "TERM=linux"});
  std::vector<char*> args, envp;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
  envp.push_back(nullptr);
  ::execve(args[0], args.data(), envp.data());
}

std::optional<int> WaitExitCodeFor(pid_t pid, std::chrono::milliseconds limit) {
  // The pidfd turns readable when the child ends: no timer to wake on.
  // Without one there is no bounded wait, and the child is ended at once.
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  const auto deadline = std::chrono::steady_clock::now() + limit;
  if (pidfd.get() >= 0 && WaitReadable(pidfd.get(), deadline) == 1) return WaitExitCode(pid);
  ::kill(pid, SIGKILL);
  WaitExitCode(pid);
  return std::nullopt;
}

int WaitExitCode(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return 128;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

}  // namespace vz::internal
