// SPDX-License-Identifier: LGPL-2.1-or-later
#include "netns.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <system_error>
#include <thread>

#include "ve_process.h"

namespace vz::internal {

namespace {

// The helper child: joins the VE, says how that went, waits to be let go.
int EnterAndWait(const VzDevice& dev, unsigned int veid, int ready_w, int done_r) {
  int err = 0;
  if (auto entered = dev.Enter(veid); !entered) err = entered.error().err_no();
  (void)!::write(ready_w, &err, sizeof(err));
  char byte;
  while (::read(done_r, &byte, 1) < 0 && errno == EINTR) {
  }
  return 0;
}

Result<UniqueFd> OpenOfHelper(pid_t pid, int ready_r, unsigned int veid) {
  int err = EPIPE;
  ssize_t n;
  do n = ::read(ready_r, &err, sizeof(err));
  while (n < 0 && errno == EINTR);
  const std::string what = "joining VE " + std::to_string(veid) + " to reach its network";
  if (n != sizeof(err)) return MakeError(EPIPE, what);
  if (err == ESRCH || err == EBUSY)
    return KindError(ErrorKind::kNotRunning,
                     "container " + std::to_string(veid) + " is not running", err);
  if (err != 0) return MakeError(err, what);
  return OpenNetnsOfPid(pid);
}

}  // namespace

Result<UniqueFd> OpenNetnsOfPid(pid_t pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/ns/net";
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + path + ")");
  return fd;
}

Result<UniqueFd> OpenVeNetns(const VzDevice& dev, unsigned int veid) {
  int ready[2], done[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  if (::pipe2(done, O_CLOEXEC) != 0) {
    ::close(ready[0]);
    ::close(ready[1]);
    return ErrnoError("pipe2");
  }
  pid_t pid = ForkRun([&] {
    ::close(ready[0]);
    ::close(done[1]);
    return EnterAndWait(dev, veid, ready[1], done[0]);
  });
  ::close(ready[1]);
  ::close(done[0]);
  auto fd = pid < 0 ? ErrnoError("fork") : OpenOfHelper(pid, ready[0], veid);
  ::close(ready[0]);
  ::close(done[1]);
  if (pid > 0) WaitExitCode(pid);
  return fd;
}

Status RunInNetns(int netns_fd, const std::function<Status()>& fn) {
  Status result;
  try {
    std::thread worker([&] {
      if (::setns(netns_fd, CLONE_NEWNET) != 0)
        result = ErrnoError("setns(the container's network namespace)");
      else
        result = fn();
    });
    worker.join();
  } catch (const std::system_error& e) {
    return MakeError(e.code().value(), "starting a thread for the container's network");
  }
  return result;
}

}  // namespace vz::internal
