// SPDX-License-Identifier: GPL-2.0-or-later
// RunJoined: what the joining child reports, apart from the helper's exit
// status. No container is needed: the join step is given.
#include "inside/run_inside.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>

namespace {

using vz::internal::InsideStdio;
using vz::internal::RunJoined;
using vz::internal::RunOptions;

int NoJoin() { return 0; }

TEST(RunJoined, EveryExitStatusOfTheHelperIsItsOwn) {
  const RunOptions timed{true, InsideStdio::kNull, std::chrono::seconds(30)};
  for (int status : {0, 1, 124, 125, 126, 127}) {
    auto code = RunJoined(
        NoJoin, [&] { return status; }, timed);
    ASSERT_TRUE(code.has_value()) << status << ": " << code.error().message();
    EXPECT_EQ(*code, status);
  }
}

TEST(RunJoined, AHelperPastItsTimeoutIsKilledAndReported) {
  auto code = RunJoined(NoJoin, [] { return ::raise(SIGSTOP); },
                        {true, InsideStdio::kNull, std::chrono::seconds(1)});
  ASSERT_FALSE(code.has_value());
  EXPECT_EQ(code.error().err_no(), ETIMEDOUT);
}

TEST(RunJoined, AFailedJoinIsAnErrorWithItsErrno) {
  auto code = RunJoined([] { return EPERM; }, [] { return 0; }, {});
  ASSERT_FALSE(code.has_value());
  EXPECT_EQ(code.error().err_no(), EPERM);
  EXPECT_NE(code.error().message().find("joining"), std::string::npos) << code.error().message();
}

TEST(RunJoined, WithoutWaitingItReturnsAtOnce) {
  auto code = RunJoined(NoJoin, [] { return 7; }, {false, InsideStdio::kNull, std::nullopt});
  ASSERT_TRUE(code.has_value()) << code.error().message();
  EXPECT_EQ(*code, 0);
}

}  // namespace

namespace {

// The targets of fds 0-2, "0:... 1:... 2:...".
std::string StdioTargets() {
  std::string all;
  for (int i = 0; i < 3; ++i) {
    char buf[256] = {};
    const std::string link = "/proc/self/fd/" + std::to_string(i);
    (void)!::readlink(link.c_str(), buf, sizeof(buf) - 1);
    all += std::to_string(i) + ":" + buf + " ";
  }
  return all;
}

// The helper: reports where its stdio leads and echoes one input line.
int ReportAndEcho() {
  std::string line;
  char c;
  while (::read(0, &c, 1) == 1 && c != '\n') line += c;
  const std::string out = "targets " + StdioTargets() + "got:" + line + "\n";
  (void)!::write(1, out.data(), out.size());
  return 0;
}

// In a child whose stdio and controlling terminal is the slave of a new
// pty, runs ReportAndEcho through RunJoined with `stdio`, types a line on
// the master and returns what the master shows.
std::string RunOnPty(InsideStdio stdio) {
  int master = -1, slave = -1;
  if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0) return "openpty failed";
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setsid();
    ::ioctl(slave, TIOCSCTTY, 0);
    for (int i = 0; i < 3; ++i) ::dup2(slave, i);
    ::close(slave);
    ::close(master);
    auto code = RunJoined(NoJoin, ReportAndEcho, {true, stdio, std::chrono::seconds(10)});
    ::_exit(code ? *code : 99);
  }
  ::close(slave);
  (void)!::write(master, "ping\n", 5);
  std::string shown;
  for (pollfd p{master, POLLIN, 0}; ::poll(&p, 1, 10000) > 0;) {
    char buf[512];
    const ssize_t n = ::read(master, buf, sizeof(buf));
    if (n <= 0) break;
    shown.append(buf, n);
    if (shown.find("got:") != std::string::npos && shown.back() == '\n') break;
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(master);
  return shown;
}

TEST(RunJoined, NoProcessInsideHoldsTheCallersTerminal) {
  const std::string shown = RunOnPty(InsideStdio::kRelayTerminals);
  EXPECT_NE(shown.find("got:ping"), std::string::npos) << shown;
  const auto targets = shown.find("targets ");
  ASSERT_NE(targets, std::string::npos) << shown;
  const std::string fds = shown.substr(targets);
  EXPECT_EQ(fds.find("/dev/pts"), std::string::npos) << fds;
  EXPECT_EQ(fds.find("/dev/ptmx"), std::string::npos) << fds;
  EXPECT_NE(fds.find("0:pipe:"), std::string::npos) << fds;
  EXPECT_NE(fds.find("1:pipe:"), std::string::npos) << fds;
  EXPECT_NE(fds.find("2:pipe:"), std::string::npos) << fds;
}

}  // namespace
