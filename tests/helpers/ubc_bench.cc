// SPDX-License-Identifier: GPL-2.0-or-later
//
// ubc_bench: what beancounter charging costs the operations it sits on.
// tests/guest/ubc_bench.sh runs it inside a container with accounting on
// and off (kernel.ub_accounting) and prints the ratios.
//
//   ubc_bench SECONDS [OPERATION...]
//     runs each operation for SECONDS and prints one line per operation:
//     "NAME ns_per_op=X"
//   Operations: fork_exec (fork, exec /bin/true, wait), open_close,
//   socket_close (a TCP socket), small_file (create, write 4 KiB, close,
//   unlink), pipe_close; without names, these five. tests/guest/
//   quota_bench.sh names also file_write (write 1 MiB in 64 KiB blocks,
//   close, unlink) and file_create (create an empty file, close, unlink).
//   tests/guest/view_bench.sh names read_meminfo, read_stat, read_uptime,
//   read_loadavg, read_cpuinfo (open, read to the end, close) and sysinfo.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
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

bool FileWrite() {
  static char block[64 << 10];
  const int fd = ::open("/ubc_bench.big", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0;
  for (int i = 0; ok && i < 16; ++i) ok = ::write(fd, block, sizeof(block)) == sizeof(block);
  return fd >= 0 && ::close(fd) == 0 && ok && ::unlink("/ubc_bench.big") == 0;
}

bool FileCreate() {
  const int fd = ::open("/ubc_bench.new", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  return fd >= 0 && ::close(fd) == 0 && ::unlink("/ubc_bench.new") == 0;
}

bool PipeClose() {
  int fds[2];
  return ::pipe2(fds, O_CLOEXEC) == 0 && ::close(fds[0]) == 0 && ::close(fds[1]) == 0;
}

// Reads `path` to the end, as a program that parses it does.
bool ReadAll(const char* path) {
  static char buf[16 << 10];
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ssize_t n;
  while ((n = ::read(fd, buf, sizeof(buf))) > 0) {
  }
  return ::close(fd) == 0 && n == 0;
}

bool Sysinfo() {
  struct sysinfo si {};
  return ::sysinfo(&si) == 0;
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
  const double secs = argc >= 2 ? std::atof(argv[1]) : 0;
  if (secs <= 0) {
    std::fprintf(stderr, "usage: ubc_bench SECONDS [OPERATION...]\n");
    return 2;
  }
  const std::map<std::string, std::function<bool()>> all = {
      {"fork_exec", ForkExec},
      {"open_close", OpenClose},
      {"socket_close", SocketClose},
      {"small_file", SmallFile},
      {"pipe_close", PipeClose},
      {"file_write", FileWrite},
      {"file_create", FileCreate},
      {"read_meminfo", [] { return ReadAll("/proc/meminfo"); }},
      {"read_stat", [] { return ReadAll("/proc/stat"); }},
      {"read_uptime", [] { return ReadAll("/proc/uptime"); }},
      {"read_loadavg", [] { return ReadAll("/proc/loadavg"); }},
      {"read_cpuinfo", [] { return ReadAll("/proc/cpuinfo"); }},
      {"sysinfo", Sysinfo},
  };
  std::vector<std::string> names(argv + 2, argv + argc);
  if (names.empty())
    names = {"fork_exec", "open_close", "socket_close", "small_file", "pipe_close"};
  for (const auto& name : names) {
    auto found = all.find(name);
    if (found == all.end()) {
      std::fprintf(stderr, "ubc_bench: unknown operation '%s'\n", name.c_str());
      return 2;
    }
    const auto& op = found->second;
    const double ns = Measure(op, secs);
    if (ns < 0) {
      std::perror(name.c_str());
      return 1;
    }
    std::printf("%s ns_per_op=%.1f\n", name.c_str(), ns);
  }
  return 0;
}
