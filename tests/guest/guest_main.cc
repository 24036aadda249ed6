// SPDX-License-Identifier: GPL-2.0-or-later
//
// main() for the in-guest test binary. Besides GoogleTest's usual output it
// prints one line per test in the harness protocol, which the host side of
// qemu-harness counts:
//
//   VZTEST: ok <Suite.Name>
//   VZTEST: not ok <Suite.Name>
//   VZTEST: skip <Suite.Name>
#include <gtest/gtest.h>

#include <cstdio>

namespace {

class HarnessReporter : public testing::EmptyTestEventListener {
  void OnTestEnd(const testing::TestInfo& info) override {
    const auto* result = info.result();
    const char* verdict = result->Skipped() ? "skip" : result->Passed() ? "ok" : "not ok";
    std::printf("VZTEST: %s %s.%s\n", verdict, info.test_suite_name(), info.name());
    std::fflush(stdout);
  }
};

}  // namespace

int main(int argc, char** argv) {
  testing::InitGoogleTest(&argc, argv);
  testing::UnitTest::GetInstance()->listeners().Append(new HarnessReporter);
  return RUN_ALL_TESTS();
}
