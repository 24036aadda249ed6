// SPDX-License-Identifier: GPL-2.0-or-later
// /proc/user_beancounters and /proc/bc/<id>/resources, in the kernel's
// exact format (the same printf formats, so the widths are the kernel's).
#include "vz/kernel/ubc_stat.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "test_dir.h"

namespace {

constexpr const char* kRows[] = {
    "kmemsize",   "lockedpages", "privvmpages",  "shmpages",     "dummy",       "numproc",
    "physpages",  "vmguarpages", "oomguarpages", "numtcpsock",   "numflock",    "numpty",
    "numsiginfo", "tcpsndbuf",   "tcprcvbuf",    "othersockbuf", "dgramrcvbuf", "numothersock",
    "dcachesize", "numfile",     "dummy",        "dummy",        "dummy",       "numiptent"};
constexpr unsigned long kMax = 9223372036854775807UL;

std::string Header() {
  char buf[256];
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20s %20s %20s %20s %20s\n", "uid", "resource",
                "held", "maxheld", "barrier", "limit", "failcnt");
  return buf;
}

// Row `i` of UB `uid`: held = i, maxheld = 2i, numproc limited to 240,
// failcnt = `fail` for numfile.
std::string Block(unsigned uid, unsigned long fail) {
  std::string out;
  for (unsigned i = 0; i < 24; ++i) {
    char id[16] = "";
    if (i == 0) std::snprintf(id, sizeof(id), "%u:", uid);
    const bool proc = i == 5;
    char buf[256];
    std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", id, kRows[i],
                  static_cast<unsigned long>(i), 2UL * i, proc ? 240 : kMax, proc ? 240 : kMax,
                  i == 19 ? fail : 0UL);
    out += buf;
  }
  return out;
}

std::string Resources(unsigned long swap_held) {
  std::string out;
  char buf[256];
  for (const char* name : {"kmemsize", "numproc", "swappages"}) {
    // As the kernel prints them: OpenVZ's columns, with an empty id column.
    std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", "", name,
                  std::string(name) == "swappages" ? swap_held : 1UL, 2UL, 0UL, kMax, 3UL);
    out += buf;
  }
  return out;
}

TEST(UbcStat, ParsesEveryUbWithoutDummies) {
  const std::string text = "Version: 2.5\n" + Header() + Block(0, 0) + Block(101, 7);
  auto ubs = vz::ParseUserBeancounters(text);
  ASSERT_TRUE(ubs.has_value()) << ubs.error().message();
  ASSERT_EQ(ubs->size(), 2u);
  EXPECT_EQ((*ubs)[0].id, 0u);
  EXPECT_EQ((*ubs)[1].id, 101u);
  const auto& rows = (*ubs)[1].counters;
  ASSERT_EQ(rows.size(), 20u);
  EXPECT_EQ(rows[0], (vz::UbCounter{"kmemsize", 0, 0, kMax, kMax, 0}));
  EXPECT_EQ(rows[4], (vz::UbCounter{"numproc", 5, 10, 240, 240, 0}));
  EXPECT_EQ(rows[18], (vz::UbCounter{"numfile", 19, 38, kMax, kMax, 7}));
  EXPECT_EQ(rows[19].name, "numiptent");
  for (const auto& c : rows) EXPECT_NE(c.name, "dummy");
}

TEST(UbcStat, ContainerSeesItsOwnBlock) {
  auto ubs = vz::ParseUserBeancounters("Version: 2.5\n" + Header() + Block(4242, 0));
  ASSERT_TRUE(ubs.has_value());
  ASSERT_EQ(ubs->size(), 1u);
  EXPECT_EQ(ubs->front().id, 4242u);
}

TEST(UbcStat, OtherFormatsAreRefusedWithTheLine) {
  auto other = vz::ParseUserBeancounters("Version: 2.6\n" + Header() + Block(1, 0));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().err_no(), EPROTO);
  EXPECT_NE(other.error().message().find("/proc/user_beancounters:1:"), std::string::npos);

  std::string text = "Version: 2.5\n" + Header() + Block(1, 0);
  text.insert(text.find("numproc") + 7, "    x");
  auto bad = vz::ParseUserBeancounters(text, "ubc");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message().find("ubc:8:"), std::string::npos) << bad.error().message();

  auto orphan =
      vz::ParseUserBeancounters("Version: 2.5\n" + Header() + "            numproc 1 2 3 4 5\n");
  EXPECT_FALSE(orphan.has_value());
  EXPECT_FALSE(vz::ParseUserBeancounters("").has_value());
}

TEST(UbcStat, ParsesBcResources) {
  auto rows = vz::ParseBcResources(Resources(9) + "dummy 0 0 0 0 0\n");
  ASSERT_TRUE(rows.has_value()) << rows.error().message();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[2], (vz::UbCounter{"swappages", 9, 2, 0, kMax, 3}));
  EXPECT_FALSE(vz::ParseBcResources("numproc 1 2 3\n").has_value());
}

TEST(UbcStat, ReadAddsSwappagesFromProcBc) {
  vztest::TestDir proc;
  proc.Write("user_beancounters", "Version: 2.5\n" + Header() + Block(0, 0) + Block(101, 0));
  proc.Write("bc/101/resources", Resources(77));
  auto ubs = vz::ReadBeancounters(proc.path());
  ASSERT_TRUE(ubs.has_value()) << ubs.error().message();
  ASSERT_EQ(ubs->size(), 2u);
  EXPECT_EQ((*ubs)[0].counters.size(), 20u);  // no /proc/bc/0: no swappages
  ASSERT_EQ((*ubs)[1].counters.size(), 21u);
  EXPECT_EQ((*ubs)[1].counters.back(), (vz::UbCounter{"swappages", 77, 2, 0, kMax, 3}));

  vztest::TestDir empty;
  auto none = vz::ReadBeancounters(empty.path());
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().err_no(), ENOENT);
}

}  // namespace
