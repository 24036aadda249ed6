// SPDX-License-Identifier: GPL-2.0-or-later
// The CPU facet on a fake backend: which cgroup files start and set write,
// what CTID.conf keeps, and that a refusal takes back what was written.
#include <gtest/gtest.h>

#include <algorithm>

#include "cgroup_facet_fixture.h"
#include "cpu/facet.h"

namespace {

using vztest::FakeBackend;
using vztest::Files;

// The CPU facet's files of `all`.
Files CpuFiles(const Files& all) {
  Files out;
  for (const auto& [file, value] : all)
    if (file.starts_with("cpu")) out[file] = value;
  return out;
}

using Fixture = vztest::CgroupFacetFixture;

// Start writes the defaults too: a reboot inside keeps the cgroup, with
// what a set without --save wrote.
TEST(CpuFacet, StartWritesTheDefaults) {
  Fixture f("CPUUNITS=1000\nCPUMASK=all\n");
  f.fake.state.cgroup["cpu.max"] = "25000 100000";
  ASSERT_TRUE(f.Start());
  EXPECT_EQ(CpuFiles(f.fake.state.cgroup), (Files{{"cpuset.cpus", "\n"},
                                                  {"cpuset.mems", "\n"},
                                                  {"cpu.weight", "100"},
                                                  {"cpu.max", "max 100000"}}));
}

// The index (1-based, as fail_at counts) of the first call of a start
// that writes a cgroup file.
int FirstCgroupCall(const std::string& conf) {
  Fixture probe(conf);
  EXPECT_TRUE(probe.Start());
  const auto& calls = probe.fake.calls;
  auto it = std::find_if(calls.begin(), calls.end(),
                         [](const std::string& c) { return c.starts_with("cgroup "); });
  return static_cast<int>(it - calls.begin()) + 1;
}

// A host without the controllers starts a container that needs none.
TEST(CpuFacet, ADefaultTheHostRefusesIsSkipped) {
  const int first = FirstCgroupCall("");
  for (int i = 0; i < 4; ++i) {
    Fixture f("");
    f.fake.fail_at = first + i;
    EXPECT_TRUE(f.Start()) << i;
    EXPECT_EQ(f.fake.failed, 1) << i;
    EXPECT_EQ(CpuFiles(f.fake.state.cgroup).size(), 3u) << i;
  }
}

TEST(CpuFacet, StartWritesWhatIsNotTheDefault) {
  Fixture f("CPUUNITS=3000\nCPUS=1\nCPULIMIT=150\nCPUMASK=\"0-1\"\n");
  ASSERT_TRUE(f.Start());
  EXPECT_EQ(CpuFiles(f.fake.state.cgroup), (Files{{"cpuset.cpus", "0-1"},
                                                  {"cpuset.mems", "\n"},
                                                  {"cpu.weight", "300"},
                                                  {"cpu.max", "100000 100000"}}));
  // The CPUs first, as the facet says.
  auto first = std::find_if(f.fake.calls.begin(), f.fake.calls.end(),
                            [](const std::string& c) { return c.starts_with("cgroup "); });
  ASSERT_NE(first, f.fake.calls.end());
  EXPECT_EQ(*first, "cgroup cpuset.cpus 0-1");
}

TEST(CpuFacet, SetWritesAndSaves) {
  Fixture f("CPUUNITS=3000\n");
  vz::SetOptions opts;
  opts.cpu.cpulimit = 25;
  opts.save = true;
  ASSERT_TRUE(f.Set(opts));
  EXPECT_EQ(f.fake.state.cgroup, (Files{{"cpu.max", "25000 100000"}}));
  EXPECT_NE(f.Conf().find("CPULIMIT=\"25\""), std::string::npos) << f.Conf();
  EXPECT_NE(f.Conf().find("CPUUNITS=3000"), std::string::npos) << f.Conf();
}

TEST(CpuFacet, ANamedSettingIsWrittenEvenWhenStoredAlready) {
  Fixture f("CPUUNITS=3000\n");
  vz::SetOptions opts;
  opts.cpu.cpuunits = 3000;
  ASSERT_TRUE(f.Set(opts));
  EXPECT_EQ(f.fake.state.cgroup, (Files{{"cpu.weight", "300"}}));
}

TEST(CpuFacet, CpusAndLimitMakeOneMax) {
  Fixture f("CPULIMIT=150\n");
  vz::SetOptions opts;
  opts.cpu.cpus = 1;
  ASSERT_TRUE(f.Set(opts));
  EXPECT_EQ(f.fake.state.cgroup, (Files{{"cpu.max", "100000 100000"}}));
  opts.cpu.cpus = 0;
  ASSERT_TRUE(f.Set(opts));
  EXPECT_EQ(f.fake.state.cgroup, (Files{{"cpu.max", "150000 100000"}}));
}

// Each write in turn refused: the ones before it are taken back, the
// config keeps what it had, and the error is the file's kind.
TEST(CpuFacet, ARefusalTakesBackTheWrites) {
  const std::vector<std::pair<std::string, vz::ErrorKind>> files = {
      {"cpuset.cpus", vz::ErrorKind::kSetCpumask},
      {"cpuset.mems", vz::ErrorKind::kSetNodemask},
      {"cpu.weight", vz::ErrorKind::kSetCpu},
      {"cpu.max", vz::ErrorKind::kSetCpu}};
  for (size_t i = 0; i < files.size(); ++i) {
    Fixture f("CPUUNITS=2000\n");
    const std::string conf = f.Conf();
    vz::SetOptions opts;
    opts.cpu = {.cpuunits = 500, .cpulimit = 50, .cpus = {}, .cpumask = "1", .nodemask = "0"};
    opts.save = true;
    f.fake.fail_at = static_cast<int>(i) + 1;
    auto set = f.Set(opts);
    ASSERT_FALSE(set) << files[i].first;
    EXPECT_EQ(set.error().kind(), files[i].second) << set.error().message();
    EXPECT_NE(set.error().message().find("container 101"), std::string::npos)
        << set.error().message();
    EXPECT_EQ(f.Conf(), conf);
    // What was written before the refusal is back at the stored settings.
    Files back;
    const Files stored = {{"cpuset.cpus", "\n"}, {"cpuset.mems", "\n"}, {"cpu.weight", "200"}};
    for (size_t j = 0; j < i; ++j) back[files[j].first] = stored.at(files[j].first);
    EXPECT_EQ(f.fake.state.cgroup, back) << files[i].first;
  }
}

// A setting that is not the default must be written.
TEST(CpuFacet, ARefusedSettingStopsTheStart) {
  Fixture f("CPUUNITS=3000\n");
  f.fake.fail_at = FirstCgroupCall("CPUUNITS=3000\n") + 2;  // cpu.weight
  auto started = f.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind(), vz::ErrorKind::kSetCpu);
  EXPECT_EQ(f.fake.calls.at(f.fake.fail_at - 1), "cgroup cpu.weight 300");
}

TEST(CpuFacet, ABadStoredValueStopsTheStart) {
  Fixture f("CPUUNITS=1\n");
  auto started = f.Start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().kind(), vz::ErrorKind::kBadConfig);
  EXPECT_TRUE(f.fake.calls.empty());
}

}  // namespace
