// SPDX-License-Identifier: GPL-2.0-or-later
//
// ubc_bench: what beancounter charging costs the operations it sits on.
// tests/guest/ubc_bench.sh runs it inside a container with accounting on
// and off (kernel.ub_accounting) and prints the ratios.
//
//   ubc_bench SECONDS
//     runs each operation for SECONDS and prints one line per operation:
//     "NAME ns_per_op=X"
//   Operations: fork_exec (fork, exec /bin/true, wait), open_close,
//   socket_close (a TCP socket), small_file (create, write 4 KiB, close,
//   unlink), pipe_close.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

bool ForkExec() {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/true", "true", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  return pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
}

bool OpenClose() {
  const int fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  return fd >= 0 && ::close(fd) == 0;
}

bool SocketClose() {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  return fd >= 0 && ::close(fd) == 0;
}

bool SmallFile() {
  static char block[4096];
  const int fd = ::open("/tmp/ubc_bench.tmp", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const bool ok = fd >= 0 && ::write(fd, block, sizeof(block)) == sizeof(block);
  return fd >= 0 && ::close(fd) == 0 && ok && ::unlink("/tmp/ubc_bench.tmp") == 0;
}

bool PipeClose() {
  int fds[2];
  return ::pipe2(fds, O_CLOEXEC) == 0 && ::close(fds[0]) == 0 && ::close(fds[1]) == 0;
}

// Nanoseconds per call of `op`, run for `secs`; negative when it failed.
double Measure(const std::function<bool()>& op, double secs) {
  const auto start = Clock::now();
  long n = 0;
  double elapsed = 0;
  do {
    for (int i = 0; i < 16; ++i, ++n)
      if (!op()) return -1;
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  } while (elapsed < secs);
  return elapsed * 1e9 / static_cast<double>(n);
}

}  // namespace

int main(int argc, char** argv) {
  const double secs = argc == 2 ? std::atof(argv[1]) : 0;
  if (secs <= 0) {
    std::fprintf(stderr, "usage: ubc_bench SECONDS\n");
    return 2;
  }
  const std::vector<std::pair<std::string, std::function<bool()>>> ops = {
      {"fork_exec", ForkExec},   {"open_close", OpenClose}, {"socket_close", SocketClose},
      {"small_file", SmallFile}, {"pipe_close", PipeClose},
  };
  for (const auto& [name, op] : ops) {
    const double ns = Measure(op, secs);
    if (ns < 0) {
      std::perror(name.c_str());
      return 1;
    }
    std::printf("%s ns_per_op=%.1f\n", name.c_str(), ns);
  }
  return 0;
}
