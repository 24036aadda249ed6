// SPDX-License-Identifier: GPL-2.0-or-later
// The CPU settings: the parsers of vz/cpu/options.h, CPUUNITS ... NODEMASK
// as a config has them, and the cgroup v2 values they become.
#include <gtest/gtest.h>

#include "config_stack.h"
#include "cpu/config.h"
#include "vz/cpu/options.h"

namespace {

using vz::internal::CgroupValue;
using vz::internal::CpuConfig;

TEST(CpuOptions, UnitsAreOpenVZsRange) {
  EXPECT_EQ(vz::ParseCpuUnits("8"), 8u);
  EXPECT_EQ(vz::ParseCpuUnits("1000"), 1000u);
  EXPECT_EQ(vz::ParseCpuUnits("500000"), 500000u);
  for (const char* bad : {"7", "0", "500001", "", "-5", "+10", "10x", "1e3", "4294967296"})
    EXPECT_FALSE(vz::ParseCpuUnits(bad)) << bad;
  auto err = vz::ParseCpuUnits("7");
  ASSERT_FALSE(err);
  EXPECT_EQ(err.error().kind(), vz::ErrorKind::kInvalidArgument);
  EXPECT_NE(err.error().context().find("8 to 500000"), std::string::npos);
}

TEST(CpuOptions, LimitIsOfOneCpuOrWithPercentOfTheHost) {
  EXPECT_EQ(vz::ParseCpuLimit("25", 4), 25u);
  EXPECT_EQ(vz::ParseCpuLimit("250", 4), 250u);
  EXPECT_EQ(vz::ParseCpuLimit("0", 4), 0u);
  EXPECT_EQ(vz::ParseCpuLimit("50%", 4), 200u);
  EXPECT_EQ(vz::ParseCpuLimit("100%", 2), 200u);
  for (const char* bad : {"101%", "%", "x", "-1", "25 %", "819201"})
    EXPECT_FALSE(vz::ParseCpuLimit(bad, 4)) << bad;
}

TEST(CpuOptions, CpusAreACountOrUnlimited) {
  EXPECT_EQ(vz::ParseCpus("2"), 2u);
  EXPECT_EQ(vz::ParseCpus("0"), 0u);
  EXPECT_EQ(vz::ParseCpus("unlimited"), 0u);
  for (const char* bad : {"-1", "two", "8193", ""}) EXPECT_FALSE(vz::ParseCpus(bad)) << bad;
}

TEST(CpuOptions, ListsAreSortedAndMerged) {
  EXPECT_EQ(vz::ParseCpuList("all"), "all");
  EXPECT_EQ(vz::ParseCpuList("0"), "0");
  EXPECT_EQ(vz::ParseCpuList("7,0-2"), "0-2,7");
  EXPECT_EQ(vz::ParseCpuList("3,1,2,2"), "1-3");
  EXPECT_EQ(vz::ParseCpuList("0-1,1-4,9"), "0-4,9");
  for (const char* bad : {"", ",", "1,", "2-1", "a", "1-", "-1", "8192", "0-8192", "1 2", "all,1"})
    EXPECT_FALSE(vz::ParseCpuList(bad)) << bad;
}

TEST(CpuConfig, DefaultsAreOpenVZs) {
  auto cfg = vz::internal::ReadCpuConfig(vztest::Stack("", ""));
  ASSERT_TRUE(cfg);
  EXPECT_EQ(*cfg, CpuConfig{});
  EXPECT_EQ(cfg->cpuunits, 1000u);
  EXPECT_EQ(cfg->cpumask, "all");
}

TEST(CpuConfig, ContainerOverGlobal) {
  auto cfg = vz::internal::ReadCpuConfig(vztest::Stack(
      "CPUUNITS=\"500\"\n", "CPUUNITS=3000\nCPULIMIT=50\nCPUS=2\nCPUMASK=\"1,0\"\nNODEMASK=0\n"));
  ASSERT_TRUE(cfg) << cfg.error().message();
  EXPECT_EQ(cfg->cpuunits, 3000u);
  EXPECT_EQ(cfg->cpulimit, 50u);
  EXPECT_EQ(cfg->cpus, 2u);
  EXPECT_EQ(cfg->cpumask, "0-1");
  EXPECT_EQ(cfg->nodemask, "0");
}

TEST(CpuConfig, BadValuesNameTheirKey) {
  for (const char* bad :
       {"CPUUNITS=5\n", "CPULIMIT=50%\n", "CPUS=x\n", "CPUMASK=3-1\n", "NODEMASK=node0\n"}) {
    auto cfg = vz::internal::ReadCpuConfig(vztest::Stack("", bad));
    ASSERT_FALSE(cfg) << bad;
    EXPECT_EQ(cfg.error().kind(), vz::ErrorKind::kBadConfig) << bad;
    const std::string key(bad, std::string_view(bad).find('='));
    EXPECT_NE(cfg.error().context().find(key), std::string::npos) << cfg.error().context();
  }
}

TEST(CpuConfig, WeightIsUnitsOverTen) {
  EXPECT_EQ(vz::internal::CpuWeight(1000), 100u);
  EXPECT_EQ(vz::internal::CpuWeight(3000), 300u);
  EXPECT_EQ(vz::internal::CpuWeight(8), 1u);
  EXPECT_EQ(vz::internal::CpuWeight(500000), 10000u);
}

TEST(CpuConfig, MaxIsTheSmallerLimit) {
  EXPECT_EQ(vz::internal::CpuMax(0, 0), "max 100000");
  EXPECT_EQ(vz::internal::CpuMax(25, 0), "25000 100000");
  EXPECT_EQ(vz::internal::CpuMax(0, 2), "200000 100000");
  EXPECT_EQ(vz::internal::CpuMax(150, 1), "100000 100000");
  EXPECT_EQ(vz::internal::CpuMax(50, 4), "50000 100000");
}

TEST(CpuConfig, CgroupValuesInWriteOrder) {
  CpuConfig cfg;
  cfg.cpuunits = 250;
  cfg.cpus = 1;
  cfg.cpumask = "0-1";
  const std::vector<CgroupValue> want = {{"cpuset.cpus", "0-1"},
                                         {"cpuset.mems", "\n"},
                                         {"cpu.weight", "25"},
                                         {"cpu.max", "100000 100000"}};
  EXPECT_EQ(vz::internal::CpuCgroupValues(cfg), want);
}

TEST(CpuConfig, MergeAndStoreOnlyWhatTheOptionsName) {
  vz::CpuOptions opts;
  opts.cpulimit = 30;
  opts.cpumask = "all";
  CpuConfig merged = vz::internal::MergeCpu(CpuConfig{.cpuunits = 2000, .cpumask = "1"}, opts);
  EXPECT_EQ(merged.cpuunits, 2000u);
  EXPECT_EQ(merged.cpulimit, 30u);
  EXPECT_EQ(merged.cpumask, "all");
  vz::ConfigFile conf = vztest::Stack("", "HOSTNAME=a\n").container();
  ASSERT_TRUE(vz::internal::StoreCpuConfig(conf, merged, opts));
  EXPECT_EQ(conf.Get("CPULIMIT"), "30");
  EXPECT_EQ(conf.Get("CPUMASK"), "all");
  EXPECT_FALSE(conf.Get("CPUUNITS"));
  EXPECT_EQ(conf.Get("HOSTNAME"), "a");
}

}  // namespace
