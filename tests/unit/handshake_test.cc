// SPDX-License-Identifier: GPL-2.0-or-later
// P7: the launch handshake reads and writes whole reports, whatever the
// pipe hands over at a time.
#include "launch/handshake.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;
using vz::internal::InitStage;
using vz::internal::ReadFull;
using vz::internal::StageReport;
using vz::internal::WriteFull;

struct Pipe {
  Pipe() { EXPECT_EQ(::pipe2(fd, O_CLOEXEC), 0); }
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) ::close(f);
  }
  void Close(int end) { ::close(fd[end]), fd[end] = -1; }
  int fd[2] = {-1, -1};
};

TEST(Handshake, AReportCrossesWhole) {
  Pipe p;
  StageReport sent{InitStage::kCreateVe, EPERM, vz::ErrorKind::kEnvCreate};
  std::strcpy(sent.detail, "refused");
  ASSERT_EQ(WriteFull(p.fd[1], &sent, sizeof(sent)), 0);
  StageReport got{};
  ASSERT_EQ(ReadFull(p.fd[0], &got, sizeof(got), steady_clock::now() + std::chrono::seconds(5)),
            static_cast<ssize_t>(sizeof(got)));
  EXPECT_EQ(got.stage, InitStage::kCreateVe);
  EXPECT_EQ(got.err_no, EPERM);
  EXPECT_EQ(got.kind, vz::ErrorKind::kEnvCreate);
  EXPECT_STREQ(got.detail, "refused");
}

TEST(Handshake, ReadFullGathersPieces) {
  Pipe p;
  ASSERT_EQ(::write(p.fd[1], "ab", 2), 2);
  ASSERT_EQ(::write(p.fd[1], "cd", 2), 2);
  char buf[4];
  EXPECT_EQ(ReadFull(p.fd[0], buf, sizeof(buf)), 4);
  EXPECT_EQ(std::memcmp(buf, "abcd", 4), 0);
}

// What came before EOF, so that a cut report is told from none at all.
TEST(Handshake, ReadFullStopsAtEof) {
  Pipe p;
  ASSERT_EQ(::write(p.fd[1], "ab", 2), 2);
  p.Close(1);
  char buf[4];
  EXPECT_EQ(ReadFull(p.fd[0], buf, sizeof(buf)), 2);
  EXPECT_EQ(ReadFull(p.fd[0], buf, sizeof(buf)), 0);
}

TEST(Handshake, ReadFullWithADeadlineTimesOut) {
  Pipe p;
  ASSERT_EQ(::write(p.fd[1], "a", 1), 1);
  char buf[2];
  errno = 0;
  EXPECT_EQ(ReadFull(p.fd[0], buf, sizeof(buf), steady_clock::now() + milliseconds(100)), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
}

TEST(Handshake, WriteFullGivesTheErrno) {
  Pipe p;
  p.Close(0);
  auto old = ::signal(SIGPIPE, SIG_IGN);
  EXPECT_EQ(WriteFull(p.fd[1], &vz::internal::kNetworkReady, 1), EPIPE);
  ::signal(SIGPIPE, old);
}

}  // namespace
