// SPDX-License-Identifier: LGPL-2.1-or-later
// Helpers for processes that run inside a container: becoming its root,
// the environment programs get, and waiting for children. Internal.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "vz/core/error.h"

namespace vz::internal {

// In a container's user namespace: become uid 0 / gid 0 with no
// supplementary groups (a namespace that denies setgroups is refused, EPERM,
// unless the caller has none). Returns 0 or an errno.
int BecomeContainerRoot();

// execve() with a clean environment: PATH, HOME, TERM and `extra`.
// Returns only on failure, with errno set.
void ExecClean(const std::vector<std::string>& argv, const std::vector<std::string>& extra = {});

// Waits for `pid`; its exit status, or 128 + signal number.
int WaitExitCode(pid_t pid);

// Waits at most `limit` for `pid` (on a pidfd, without polling): its exit
// status as WaitExitCode gives it, or nullopt when it did not end in time
// or no pidfd could be had; it is then killed (SIGKILL, which also ends a
// stopped process) and reaped.
std::optional<int> WaitExitCodeFor(pid_t pid, std::chrono::milliseconds limit);

// Forks; the child runs `fn` and _exit()s with its result.
template <typename Fn>
pid_t ForkRun(Fn fn) {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(fn());
  return pid;
}

inline constexpr const char* kDefaultPath =
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

}  // namespace vz::internal
