// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/netns.h"

#include <fcntl.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <new>
#include <string>
#include <system_error>
#include <thread>

#include "inside/ve_process.h"

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

constexpr const char* kInNetns = "in the container's network namespace: ";

// What an exception escaping `fn` becomes: an error, never std::terminate
// (an exception must not leave a thread's function).
Error FromException(std::exception_ptr thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::bad_alloc&) {
    return Error(ENOMEM, std::string(kInNetns) + "out of memory");
  } catch (const std::system_error& e) {
    const bool is_errno = e.code().category() == std::generic_category() ||
                          e.code().category() == std::system_category();
    return Error(is_errno && e.code().value() ? e.code().value() : EIO,
                 kInNetns + std::string(e.what()));
  } catch (const std::exception& e) {
    return Error(EIO, kInNetns + std::string(e.what()));
  } catch (...) {
    return Error(EIO, std::string(kInNetns) + "unknown exception");
  }
}

// The worker thread's body: joins the namespace and runs `fn`, whatever it
// throws.
Status JoinAndRun(int netns_fd, const std::function<Status()>& fn) {
  if (::setns(netns_fd, CLONE_NEWNET) != 0)
    return ErrnoError("setns(the container's network namespace)");
  try {
    return fn();
  } catch (...) {
    return std::unexpected(FromException(std::current_exception()));
  }
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
    std::thread worker([&] { result = JoinAndRun(netns_fd, fn); });
    worker.join();
  } catch (const std::system_error& e) {
    return MakeError(e.code().value(), "starting a thread for the container's network");
  }
  return result;
}

}  // namespace vz::internal
