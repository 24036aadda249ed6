// SPDX-License-Identifier: LGPL-2.1-or-later
#include "identity/id_maps.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace vz::internal {

namespace {

int WriteProcFile(pid_t pid, const char* name, const std::string& text) {
  const std::string path = "/proc/" + std::to_string(pid) + "/" + name;
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0) return errno;
  const ssize_t n = ::write(fd.get(), text.data(), text.size());
  return n == static_cast<ssize_t>(text.size()) ? 0 : (n < 0 ? errno : EIO);
}

// The child's whole life: wait until the parent closes its end of the
// pipe. Only system calls: it runs on a copy of a possibly threaded
// process.
[[noreturn]] void WaitForEof(int read_end, int write_end) {
  ::close(write_end);
  char c;
  while (::read(read_end, &c, 1) < 0 && errno == EINTR) {
  }
  ::_exit(0);
}

}  // namespace

int WriteIdMaps(pid_t pid, const IdMap& map) {
  auto line = [&](uint32_t base) {
    return "0 " + std::to_string(base) + " " + std::to_string(map.count) + "\n";
  };
  if (int err = WriteProcFile(pid, "uid_map", line(map.uid_base))) return err;
  return WriteProcFile(pid, "gid_map", line(map.gid_base));
}

// Gives the child `map` and opens its user namespace.
Result<UniqueFd> MapAndOpen(pid_t pid, const IdMap& map) {
  const std::string proc = "/proc/" + std::to_string(pid);
  if (int err = WriteIdMaps(pid, map)) return MakeError(err, "write(" + proc + "/uid_map)");
  UniqueFd fd(::open((proc + "/ns/user").c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + proc + "/ns/user)");
  return fd;
}

Result<UniqueFd> UserNsWithMap(const IdMap& map) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  UniqueFd read_end(fds[0]);
  UniqueFd write_end(fds[1]);
  // fork(2) with a new user namespace: the child continues here.
  const pid_t pid = static_cast<pid_t>(::syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0));
  if (pid < 0) return ErrnoError("clone(CLONE_NEWUSER)");
  if (pid == 0) WaitForEof(fds[0], fds[1]);
  auto ns = MapAndOpen(pid, map);
  write_end = UniqueFd(-1);
  while (::waitpid(pid, nullptr, 0) < 0 && errno == EINTR) {
  }
  return ns;
}

}  // namespace vz::internal
