// SPDX-License-Identifier: GPL-2.0-or-later
// Resource values as vzctl takes them: units, suffixes, "unlimited".
#include <gtest/gtest.h>

#include <string>

#include "vz/ubc/resources.h"
#include "vz/ubc/value.h"

namespace {

using vz::kUbUnlimited;
using vz::ParseUbLimit;
using vz::UbLimit;
using vz::UbUnit;

UbLimit Must(UbUnit unit, const std::string& text) {
  auto parsed = ParseUbLimit(unit, text);
  EXPECT_TRUE(parsed.has_value()) << text << ": " << parsed.error().message();
  EXPECT_FALSE(parsed.value_or(vz::ParsedUbLimit{}).truncated) << text;
  return parsed ? parsed->value : UbLimit{0, 0};
}

void ExpectBad(UbUnit unit, const std::string& text, const std::string& why) {
  auto parsed = ParseUbLimit(unit, text);
  ASSERT_FALSE(parsed.has_value()) << text;
  EXPECT_EQ(parsed.error().kind(), vz::ErrorKind::kInvalidArgument) << text;
  EXPECT_NE(parsed.error().message().find(why), std::string::npos) << parsed.error().message();
}

TEST(UbcValue, OneValueSetsBoth) {
  EXPECT_EQ(Must(UbUnit::kItems, "240"), (UbLimit{240, 240}));
  EXPECT_EQ(Must(UbUnit::kItems, "188:206"), (UbLimit{188, 206}));
  EXPECT_EQ(Must(UbUnit::kItems, "0"), (UbLimit{0, 0}));
}

TEST(UbcValue, UnlimitedIsLongMax) {
  EXPECT_EQ(kUbUnlimited, 9223372036854775807ULL);
  EXPECT_EQ(Must(UbUnit::kPages, "unlimited"), (UbLimit{kUbUnlimited, kUbUnlimited}));
  EXPECT_EQ(Must(UbUnit::kPages, "0:unlimited"), (UbLimit{0, kUbUnlimited}));
  EXPECT_EQ(Must(UbUnit::kBytes, "9223372036854775807"), (UbLimit{kUbUnlimited, kUbUnlimited}));
}

TEST(UbcValue, BytesTakeSuffixesOfPowersOf1024) {
  EXPECT_EQ(Must(UbUnit::kBytes, "1K:2k").barrier, 1024u);
  EXPECT_EQ(Must(UbUnit::kBytes, "1K:2k").limit, 2048u);
  EXPECT_EQ(Must(UbUnit::kBytes, "3M").limit, 3u << 20);
  EXPECT_EQ(Must(UbUnit::kBytes, "2g").limit, 2ULL << 30);
  EXPECT_EQ(Must(UbUnit::kBytes, "1T").limit, 1ULL << 40);
  EXPECT_EQ(Must(UbUnit::kBytes, "2P").limit, 8192u);  // pages
  EXPECT_EQ(Must(UbUnit::kBytes, "7b").limit, 7u);
  EXPECT_EQ(Must(UbUnit::kBytes, "1.5M").limit, 1572864u);
  EXPECT_EQ(Must(UbUnit::kBytes, "14372700:14790164"), (UbLimit{14372700, 14790164}));
}

TEST(UbcValue, PagesTakeBareNumbersAsPagesAndSuffixesAsBytes) {
  EXPECT_EQ(Must(UbUnit::kPages, "65536").limit, 65536u);
  EXPECT_EQ(Must(UbUnit::kPages, "0:256M"), (UbLimit{0, 65536}));
  EXPECT_EQ(Must(UbUnit::kPages, "1G").limit, 262144u);
  EXPECT_EQ(Must(UbUnit::kPages, "10P").limit, 10u);
  EXPECT_EQ(Must(UbUnit::kPages, "6K").limit, 1u);  // rounded down, as OpenVZ
  EXPECT_EQ(Must(UbUnit::kPages, "0.5G").limit, 131072u);
}

TEST(UbcValue, ItemsTakeNoSuffix) {
  ExpectBad(UbUnit::kItems, "1k", "no suffix");
  ExpectBad(UbUnit::kItems, "240:1M", "no suffix");
  EXPECT_EQ(Must(UbUnit::kItems, "unlimited").limit, kUbUnlimited);
}

TEST(UbcValue, MalformedValuesAreRefused) {
  ExpectBad(UbUnit::kBytes, "", "not a number");
  ExpectBad(UbUnit::kBytes, "abc", "not a number");
  ExpectBad(UbUnit::kBytes, "-1", "not a number");
  ExpectBad(UbUnit::kBytes, " 1", "not a number");
  ExpectBad(UbUnit::kBytes, "1:", "not a number");
  ExpectBad(UbUnit::kBytes, ":1", "not a number");
  ExpectBad(UbUnit::kBytes, "1:2:3", "not a number");
  ExpectBad(UbUnit::kBytes, "10X", "unknown suffix");
  ExpectBad(UbUnit::kBytes, "10KB", "unknown suffix");
  ExpectBad(UbUnit::kItems, "1.5", "fraction needs a suffix");
  ExpectBad(UbUnit::kBytes, "1.G", "after '.'");
  ExpectBad(UbUnit::kBytes, "1.1234567G", "after '.'");
  ExpectBad(UbUnit::kBytes, "99999999999999999999", "too large");
  ExpectBad(UbUnit::kBytes, "Unlimited", "not a number");
}

TEST(UbcValue, TooLargeIsCutToUnlimitedAndSaid) {
  auto parsed = ParseUbLimit(UbUnit::kBytes, "1:9223372036854775808");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->truncated);
  EXPECT_EQ(parsed->value, (UbLimit{1, kUbUnlimited}));
  parsed = ParseUbLimit(UbUnit::kBytes, "10000000T");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(parsed->truncated);
  EXPECT_EQ(parsed->value.barrier, kUbUnlimited);
}

TEST(UbcValue, FormatReadsBack) {
  EXPECT_EQ(vz::FormatUbLimit({240, 240}), "240:240");
  EXPECT_EQ(vz::FormatUbLimit({0, kUbUnlimited}), "0:unlimited");
  EXPECT_EQ(vz::FormatUbLimit({}), "unlimited:unlimited");
  for (const UbLimit v : {UbLimit{1, 2}, UbLimit{0, kUbUnlimited}, UbLimit{}})
    EXPECT_EQ(Must(UbUnit::kPages, vz::FormatUbLimit(v)), v);
}

TEST(UbcValue, SizesBecomePagesRoundedUp) {
  EXPECT_EQ(vz::ParseSizeToPages("256M").value_or(0), 65536u);
  EXPECT_EQ(vz::ParseSizeToPages("4096").value_or(0), 1u);
  EXPECT_EQ(vz::ParseSizeToPages("4097").value_or(0), 2u);
  EXPECT_EQ(vz::ParseSizeToPages("1.5G").value_or(0), 393216u);
  EXPECT_EQ(vz::ParseSizeToPages("0").value_or(1), 0u);
  EXPECT_EQ(vz::ParseSizeToPages("unlimited").value_or(0), kUbUnlimited);
  EXPECT_FALSE(vz::ParseSizeToPages("256Q").has_value());
  EXPECT_FALSE(vz::ParseSizeToPages("").has_value());
}

TEST(UbcResources, TableHasOpenVzNumbersNamesAndUnits) {
  const auto all = vz::UbResources();
  EXPECT_EQ(all.size(), 21u);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1].id, all[i].id);
  const vz::UbResource* numproc = vz::FindUbResource("NUMPROC");
  ASSERT_NE(numproc, nullptr);
  EXPECT_EQ(numproc->id, 5);
  EXPECT_EQ(numproc->name, "numproc");
  EXPECT_EQ(numproc->unit, UbUnit::kItems);
  EXPECT_EQ(numproc->backing, vz::UbBacking::kBeancounter);
  EXPECT_EQ(vz::FindUbResource("physpages")->backing, vz::UbBacking::kMemoryMax);
  EXPECT_EQ(vz::FindUbResource("swappages")->id, 24);
  EXPECT_EQ(vz::FindUbResource("swappages")->backing, vz::UbBacking::kSwapMax);
  for (const char* unenforced : {"kmemsize", "dcachesize", "oomguarpages"})
    EXPECT_EQ(vz::FindUbResource(unenforced)->backing, vz::UbBacking::kNone) << unenforced;
  EXPECT_EQ(vz::FindUbResource("DCACHE")->id, 18);
  EXPECT_EQ(vz::FindUbResource("iptentries")->id, 23);
  EXPECT_EQ(vz::FindUbResource("tcpsndbuf")->unit, UbUnit::kBytes);
  EXPECT_EQ(vz::FindUbResource("privvmpages")->unit, UbUnit::kPages);
  EXPECT_EQ(vz::FindUbResource("dummy"), nullptr);
  EXPECT_EQ(vz::FindUbResource(4), nullptr);
  EXPECT_EQ(vz::FindUbResource(25), nullptr);
  EXPECT_EQ(vz::FindUbResource(19)->name, "numfile");
}

}  // namespace
