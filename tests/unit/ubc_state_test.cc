// SPDX-License-Identifier: GPL-2.0-or-later
// The failcnt values vzubc saw last.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "test_dir.h"
#include "vz/ubc/state.h"

namespace {

TEST(FailcntState, DeltaIsTheGrowthSinceLastSeen) {
  EXPECT_EQ(vz::FailcntDelta(std::nullopt, 0), 0u);
  EXPECT_EQ(vz::FailcntDelta(std::nullopt, 5), 5u);  // never seen: all of it
  EXPECT_EQ(vz::FailcntDelta(5, 5), 0u);
  EXPECT_EQ(vz::FailcntDelta(5, 8), 3u);
  EXPECT_EQ(vz::FailcntDelta(8, 2), 2u);  // went down: a new UB
}

TEST(FailcntState, SerializesAndParsesBack) {
  vz::FailcntState state;
  state.Set(101, "numproc", 3);
  state.Set(0, "numfile", 12);
  state.Set(101, "numproc", 4);
  const std::string text = state.Serialize();
  EXPECT_EQ(text,
            "# vzubc: failcnt last seen, \"UB resource failcnt\"\n0 numfile 12\n101 numproc 4\n");
  auto back = vz::FailcntState::Parse(text);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->Get(101, "numproc"), 4u);
  EXPECT_EQ(back->Get(0, "numfile"), 12u);
  EXPECT_EQ(back->Get(101, "numfile"), std::nullopt);
}

TEST(FailcntState, MalformedStateNamesTheLine) {
  auto bad = vz::FailcntState::Parse("# c\n101 numproc 3\n101 numproc\n", "st");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("st:3:"), std::string::npos) << bad.error().message();
  EXPECT_FALSE(vz::FailcntState::Parse("x numproc 3\n").has_value());
  EXPECT_FALSE(vz::FailcntState::Parse("1 numproc -3\n").has_value());
}

TEST(FailcntState, SaveIsAtomicAndLoadReadsIt) {
  vztest::TestDir dir;
  const auto path = dir.path() / "var/lib/vz/vzubc.state";
  auto missing = vz::FailcntState::Load(path);
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->Get(1, "numproc"), std::nullopt);
  vz::FailcntState state;
  state.Set(7, "numpty", 1);
  ASSERT_TRUE(state.Save(path).has_value());
  state.Set(7, "numpty", 2);
  ASSERT_TRUE(state.Save(path).has_value());
  auto loaded = vz::FailcntState::Load(path);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_EQ(loaded->Get(7, "numpty"), 2u);
  size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(path.parent_path())) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);  // no temporary file left
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0644u);
}

}  // namespace
