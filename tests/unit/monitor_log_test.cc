// SPDX-License-Identifier: GPL-2.0-or-later
// L7: the monitor logs through syslog, as "vzctl[PID]: CT 101: ...", facility
// daemon.
#include "launch/monitor_log.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <vector>

namespace {

std::vector<std::pair<int, std::string>>* g_lines = nullptr;

void Capture(int priority, const std::string& line) { g_lines->emplace_back(priority, line); }

TEST(MonitorLog, PrefixesTheContainer) {
  std::vector<std::pair<int, std::string>> lines;
  g_lines = &lines;
  auto old = vz::internal::SetMonitorLogSink(&Capture);
  vz::internal::MonitorLog(LOG_ERR, 101, "not restarted: rebooted 5 times within a minute");
  vz::internal::SetMonitorLogSink(old);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].first, LOG_ERR);
  EXPECT_EQ(lines[0].second, "CT 101: not restarted: rebooted 5 times within a minute");
}

// In a child with a mount namespace of its own, /dev is a fresh tmpfs whose
// /dev/log is a socket of the test's: the datagram syslog(3) sends there is
// what a syslog daemon would get. Exit code 0 when it is as expected; the
// datagram goes to `out` (a pipe) for the message.
[[noreturn]] void SyslogChild(int out) {
  auto fail = [&](const std::string& why) {
    (void)!::write(out, why.data(), why.size());
    ::_exit(1);
  };
  if (::unshare(CLONE_NEWNS) != 0) ::_exit(77);
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) ::_exit(77);
  if (::mount("tmpfs", "/dev", "tmpfs", 0, "mode=0755") != 0) ::_exit(77);
  int sock = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::strcpy(addr.sun_path, "/dev/log");
  if (sock < 0 || ::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    fail("bind(/dev/log) failed");
  vz::internal::MonitorLog(LOG_WARNING, 101, "monitor stays in the cgroup of vzctl start");
  timeval tv{2, 0};
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  char buf[1024];
  ssize_t n = ::recv(sock, buf, sizeof(buf) - 1, 0);
  if (n <= 0) fail("syslog sent nothing to /dev/log");
  const std::string got(buf, static_cast<size_t>(n));
  (void)!::write(out, got.data(), got.size());
  // <28>: facility daemon (3 << 3) and priority warning (4).
  const std::string tag = "vzctl[" + std::to_string(::getpid()) + "]: ";
  if (!got.starts_with("<28>") ||
      got.find(tag + "CT 101: monitor stays in the cgroup of vzctl start") == std::string::npos)
    ::_exit(1);
  ::_exit(0);
}

TEST(MonitorLog, GoesToSyslogAsVzctlWithItsPidAtFacilityDaemon) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for a mount namespace";
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(pipe_fds[0]);
    SyslogChild(pipe_fds[1]);
  }
  ::close(pipe_fds[1]);
  std::string said;
  char buf[512];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buf, sizeof(buf))) > 0) said.append(buf, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "no mount namespace here";
  EXPECT_EQ(WEXITSTATUS(status), 0) << said;
}

}  // namespace
