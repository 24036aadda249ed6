// SPDX-License-Identifier: GPL-2.0-or-later
// M5: vzctl start and the monitor wait for a launch report with a deadline.
#include "core/timed_read.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

struct Pipe {
  Pipe() { EXPECT_EQ(::pipe2(fd, O_CLOEXEC), 0); }
  ~Pipe() {
    for (int f : fd)
      if (f >= 0) ::close(f);
  }
  void CloseWriteEnd() { ::close(fd[1]), fd[1] = -1; }
  int fd[2] = {-1, -1};
};

// A child that never writes nor closes (stopped, or blocked on a FIFO)
// no longer holds the reader up for ever.
TEST(ReadBefore, NothingByTheDeadlineIsEtimedout) {
  Pipe p;
  char buf[8];
  const auto start = steady_clock::now();
  errno = 0;
  EXPECT_EQ(vz::internal::ReadBefore(p.fd[0], buf, sizeof(buf), start + milliseconds(200)), -1);
  EXPECT_EQ(errno, ETIMEDOUT);
  const auto waited = steady_clock::now() - start;
  EXPECT_GE(waited, milliseconds(190));
  EXPECT_LT(waited, std::chrono::seconds(5));
}

TEST(ReadBefore, ReturnsWhatIsThereAndEofAsZero) {
  Pipe p;
  ASSERT_EQ(::write(p.fd[1], "abc", 3), 3);
  char buf[8];
  const auto deadline = steady_clock::now() + std::chrono::seconds(5);
  EXPECT_EQ(vz::internal::ReadBefore(p.fd[0], buf, sizeof(buf), deadline), 3);
  p.CloseWriteEnd();
  EXPECT_EQ(vz::internal::ReadBefore(p.fd[0], buf, sizeof(buf), deadline), 0);
}

TEST(ReadBefore, APassedDeadlineStillReadsWhatIsThere) {
  Pipe p;
  ASSERT_EQ(::write(p.fd[1], "x", 1), 1);
  char c;
  EXPECT_EQ(vz::internal::ReadBefore(p.fd[0], &c, 1, steady_clock::now() - milliseconds(1)), 1);
}

}  // namespace
