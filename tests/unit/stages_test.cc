// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/core/stages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/stage_record.h"

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

// A monitor records its marks, and vzctl start replays them to its sink.
TEST(Stages, RecordedMarksReplayElsewhereWithTheirOwnTimes) {
  EXPECT_FALSE(vz::internal::RecordStages()) << "nothing to record for";
  vz::SetStageSink([](const vz::StageTime&) {});
  ASSERT_TRUE(vz::internal::RecordStages());
  vz::MarkStage("first");
  vz::MarkStage("VE created (init-to-be's report)");
  char text[256];
  vz::internal::CopyRecordedStages(text, sizeof(text));

  std::vector<vz::StageTime> seen;
  std::vector<std::string> names;
  vz::SetStageSink([&](const vz::StageTime& t) {
    names.emplace_back(t.stage);
    seen.push_back(t);
  });
  vz::internal::ReplayStages(text, "monitor");
  ASSERT_EQ(names, (std::vector<std::string>{"monitor: first",
                                             "monitor: VE created (init-to-be's report)"}));
  EXPECT_EQ(seen[1].total, seen[0].total + seen[1].took);

  // Too little room: the oldest whole lines go.
  char small[48];
  vz::internal::CopyRecordedStages(small, sizeof(small));
  names.clear();
  vz::internal::ReplayStages(small, "m");
  EXPECT_EQ(names, (std::vector<std::string>{"m: VE created (init-to-be's report)"}));
  vz::SetStageSink(nullptr);
}
