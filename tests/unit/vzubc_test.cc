// SPDX-License-Identifier: GPL-2.0-or-later
// vzubc: human units, the table, JSON, and failcnt growth between runs.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "options.h"
#include "report.h"
#include "run.h"
#include "test_dir.h"

namespace {

using vz::UbUnit;

constexpr unsigned long kMax = 9223372036854775807UL;

// /proc/user_beancounters with UB 101: numproc and numfile (failcnt
// `fail`), the kernel's formats.
std::string Proc(unsigned long fail) {
  std::string out = "Version: 2.5\n";
  char buf[256];
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20s %20s %20s %20s %20s\n", "uid", "resource",
                "held", "maxheld", "barrier", "limit", "failcnt");
  out += buf;
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", "101:", "kmemsize",
                2202009UL, 2621440UL, kMax, kMax, 0UL);
  out += buf;
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", "", "numproc",
                12UL, 20UL, 240UL, 240UL, 0UL);
  out += buf;
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", "", "physpages",
                1024UL, 2048UL, 0UL, 65536UL, 0UL);
  out += buf;
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", "", "numfile",
                512UL, 600UL, 9312UL, 9312UL, fail);
  out += buf;
  return out;
}

struct RunResult {
  int code;
  std::string out, err;
};

RunResult RunVzubc(const std::vector<std::string>& args, const std::filesystem::path& proc) {
  std::ostringstream out, err;
  std::istringstream in;
  auto opts = vzubc::ParseOptions(args);
  if (!opts) return {2, "", opts.error()};
  vzubc::Environment env{out, err, in, proc, vz::Paths{proc / "prefix"}};
  const int code = vzubc::Run(*opts, env);
  return {code, out.str(), err.str()};
}

TEST(Vzubc, HumanValues) {
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kItems, 240), "240");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kItems, 123456789), "123456789");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kBytes, 512), "512");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kBytes, 1536), "1.5K");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kBytes, 2202009), "2.1M");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kBytes, 300 << 20), "300M");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kPages, 65536), "256M");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kPages, 0), "0");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kPages, kMax), "-");
  EXPECT_EQ(vzubc::HumanValue(UbUnit::kItems, kMax), "-");
  EXPECT_EQ(vzubc::UnitOf("physpages"), UbUnit::kPages);
  EXPECT_EQ(vzubc::UnitOf("newfangled"), UbUnit::kItems);
}

TEST(Vzubc, TableMarksRowsWhoseFailcntGrew) {
  vz::Beancounter ub{101, {{"numproc", 12, 20, 240, 240, 0}, {"numfile", 512, 600, 9312, 9312, 5}}};
  vz::FailcntState last;
  last.Set(101, "numfile", 2);
  const auto report = vzubc::BuildReport({ub}, last);
  ASSERT_EQ(report.size(), 1u);
  EXPECT_EQ(report[0].rows[0].failcnt_delta, 0u);
  EXPECT_EQ(report[0].rows[1].failcnt_delta, 3u);
  const std::string table = vzubc::FormatTable(report, false);
  EXPECT_NE(table.find("CT 101"), std::string::npos) << table;
  EXPECT_NE(table.find("\n  numproc             12        20       240       240         0\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("\n* numfile            512       600      9312      9312         5 (+3)\n"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("failcnt grew"), std::string::npos);
  EXPECT_EQ(table.find("\033["), std::string::npos);
  const std::string colored = vzubc::FormatTable(report, true);
  EXPECT_NE(colored.find("\033[1;31m* numfile"), std::string::npos) << colored;
  EXPECT_EQ(colored.find("\033[1;31m  numproc"), std::string::npos);
}

TEST(Vzubc, JsonHasOneObjectPerContainer) {
  vz::Beancounter ub{101, {{"numproc", 12, 20, 240, 240, 4}, {"physpages", 1, 2, 0, kMax, 0}}};
  const auto json = nlohmann::json::parse(vzubc::FormatJson(vzubc::BuildReport({ub}, {})));
  ASSERT_TRUE(json.is_array());
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0]["ctid"], 101);
  EXPECT_EQ(json[0]["numproc"]["held"], 12);
  EXPECT_EQ(json[0]["numproc"]["maxheld"], 20);
  EXPECT_EQ(json[0]["numproc"]["barrier"], 240);
  EXPECT_EQ(json[0]["numproc"]["limit"], 240);
  EXPECT_EQ(json[0]["numproc"]["failcnt"], 4);
  EXPECT_EQ(json[0]["numproc"]["failcnt_delta"], 4);
  EXPECT_EQ(json[0]["physpages"]["limit"].get<uint64_t>(), kMax);
  EXPECT_EQ(nlohmann::json::parse(vzubc::FormatJson({})), nlohmann::json::array());
}

TEST(Vzubc, SecondRunShowsOnlyNewFailures) {
  vztest::TestDir proc;
  proc.Write("user_beancounters", Proc(5));
  auto first = RunVzubc({"--json"}, proc.path());
  ASSERT_EQ(first.code, 0) << first.err;
  EXPECT_EQ(nlohmann::json::parse(first.out)[0]["numfile"]["failcnt_delta"], 5);
  EXPECT_TRUE(std::filesystem::exists(proc.path() / "prefix/var/lib/vz/vzubc.state"));

  auto same = RunVzubc({"-j"}, proc.path());
  EXPECT_EQ(nlohmann::json::parse(same.out)[0]["numfile"]["failcnt_delta"], 0);
  auto table = RunVzubc({}, proc.path());
  EXPECT_EQ(table.out.find("* "), std::string::npos) << table.out;

  proc.Write("user_beancounters", Proc(9));
  auto grew = RunVzubc({"101"}, proc.path());
  ASSERT_EQ(grew.code, 0) << grew.err;
  EXPECT_NE(grew.out.find("* numfile"), std::string::npos) << grew.out;
  EXPECT_NE(grew.out.find("9 (+4)"), std::string::npos) << grew.out;
  EXPECT_NE(grew.out.find("2.1M"), std::string::npos) << grew.out;  // kmemsize held
  EXPECT_NE(grew.out.find("256M"), std::string::npos) << grew.out;  // physpages limit
}

TEST(Vzubc, NoStateLeavesTheStateAlone) {
  vztest::TestDir proc;
  proc.Write("user_beancounters", Proc(5));
  auto r = RunVzubc({"-n", "-j"}, proc.path());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["numfile"]["failcnt_delta"], 5);
  EXPECT_FALSE(std::filesystem::exists(proc.path() / "prefix/var/lib/vz/vzubc.state"));
  const auto state = proc.path() / "my.state";
  ASSERT_EQ(RunVzubc({"--state", state.string()}, proc.path()).code, 0);
  EXPECT_TRUE(std::filesystem::exists(state));
}

TEST(Vzubc, JsonSurvivesBytesThatAreNotUtf8) {
  vztest::TestDir proc;
  proc.Write("saved",
             "Version: 2.5\n uid resource held maxheld barrier limit failcnt\n"
             " 101: kmem\xff 1 2 3 4 5\n");
  auto r = RunVzubc({"-n", "-f", (proc.path() / "saved").string(), "-j"}, proc.path());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  ASSERT_EQ(json.size(), 1u);
  EXPECT_TRUE(json[0].contains("kmem\xef\xbf\xbd")) << r.out;
}

TEST(Vzubc, FileOptionAndErrors) {
  vztest::TestDir proc;
  proc.Write("saved", Proc(1));
  auto r = RunVzubc({"-n", "-f", (proc.path() / "saved").string(), "-j"}, proc.path());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["ctid"], 101);

  auto missing = RunVzubc({"-n"}, proc.path());  // no user_beancounters
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("user_beancounters"), std::string::npos) << missing.err;

  proc.Write("user_beancounters", Proc(0));
  auto unknown = RunVzubc({"-n", "101", "202"}, proc.path());
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("CT 202"), std::string::npos) << unknown.err;
  EXPECT_NE(unknown.out.find("CT 101"), std::string::npos);

  EXPECT_EQ(RunVzubc({"--bogus"}, proc.path()).code, 2);
  EXPECT_EQ(RunVzubc({"abc"}, proc.path()).code, 2);
  EXPECT_EQ(RunVzubc({"-n", "--state", "x"}, proc.path()).code, 2);
  auto help = RunVzubc({"--help"}, proc.path());
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("Usage: vzubc"), std::string::npos);
}

}  // namespace
