// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/core/stages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

TEST(Stages, EachMarkReachesTheSinkInOrderWithItsTimes) {
  std::vector<std::string> names;
  std::vector<vz::StageTime> times;
  vz::SetStageSink([&](const vz::StageTime& t) {
    names.emplace_back(t.stage);
    times.push_back(t);
  });
  vz::MarkStage("one");
  vz::MarkStage("two");
  vz::SetStageSink(nullptr);
  vz::MarkStage("unheard");
  ASSERT_EQ(names, (std::vector<std::string>{"one", "two"}));
  EXPECT_GE(times[0].took.count(), 0);
  EXPECT_EQ(times[0].took, times[0].total);
  EXPECT_EQ(times[1].total, times[0].total + times[1].took);
}
