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

  // Too little room: the oldest whole lines go. Room for the last line
  // and its NUL and a little more, never for the first line too (the
  // lines' lengths depend on how many digits the times have).
  const std::string all(text);
  const size_t last_line = all.size() - (all.find('\n') + 1);
  std::vector<char> small(last_line + 1 + 3);
  vz::internal::CopyRecordedStages(small.data(), small.size());
  names.clear();
  vz::internal::ReplayStages(small.data(), "m");
  EXPECT_EQ(names, (std::vector<std::string>{"m: VE created (init-to-be's report)"}));
  vz::SetStageSink(nullptr);
}
