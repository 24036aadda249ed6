// SPDX-License-Identifier: GPL-2.0-or-later
// RunJoined: what the joining child reports, apart from the helper's exit
// status. No container is needed: the join step is given.
#include "../../libvz/src/run_inside.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

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
