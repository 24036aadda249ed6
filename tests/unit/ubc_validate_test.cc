// SPDX-License-Identifier: GPL-2.0-or-later
// Checks before limits are applied, and vzcfgvalidate's review.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "ubc/check.h"
#include "ubc/validate.h"

namespace {

using Level = vz::UbcIssue::Level;
using vz::kUbUnlimited;
using vz::UbcConfig;

// OpenVZ's ve-basic.conf-sample: vzcfgvalidate finds nothing wrong with it.
constexpr const char* kOpenVzBasic =
    "KMEMSIZE=\"14372700:14790164\"\nLOCKEDPAGES=\"2048:2048\"\nPRIVVMPAGES=\"65536:69632\"\n"
    "SHMPAGES=\"21504:21504\"\nNUMPROC=\"240:240\"\nPHYSPAGES=\"0:unlimited\"\n"
    "VMGUARPAGES=\"33792:unlimited\"\nOOMGUARPAGES=\"26112:unlimited\"\nNUMTCPSOCK=\"360:360\"\n"
    "NUMFLOCK=\"188:206\"\nNUMPTY=\"16:16\"\nNUMSIGINFO=\"256:256\"\n"
    "TCPSNDBUF=\"1720320:2703360\"\nTCPRCVBUF=\"1720320:2703360\"\n"
    "OTHERSOCKBUF=\"1126080:2097152\"\nDGRAMRCVBUF=\"262144:262144\"\nNUMOTHERSOCK=\"360:360\"\n"
    "DCACHESIZE=\"3409920:3624960\"\nNUMFILE=\"9312:9312\"\nAVNUMPROC=\"180:180\"\n"
    "NUMIPTENT=\"128:128\"\n";

UbcConfig Read(const std::string& text) {
  auto file = vz::ConfigFile::Parse(text);
  EXPECT_TRUE(file.has_value());
  auto cfg = vz::ReadUbcConfig(vz::ConfigStack(vz::ConfigFile(), file.value_or(vz::ConfigFile())));
  EXPECT_TRUE(cfg.has_value()) << cfg.error().message();
  return cfg.value_or(UbcConfig{});
}

// The one issue whose message contains `text`.
bool Has(const std::vector<vz::UbcIssue>& issues, Level level, const std::string& text) {
  return std::count_if(issues.begin(), issues.end(), [&](const vz::UbcIssue& i) {
           return i.level == level && i.message.find(text) != std::string::npos;
         }) == 1;
}

std::string Dump(const std::vector<vz::UbcIssue>& issues) {
  std::string out;
  for (const auto& i : issues)
    out += std::string(vz::UbcIssueLevelName(i.level)) + ": " + i.message + "\n";
  return out;
}

TEST(UbcCheck, BarrierAboveLimitIsRefusedNamingEachResource) {
  UbcConfig cfg;
  cfg.limits[vz::kUbNumproc] = {300, 200};
  cfg.limits[vz::kUbNumfile] = {10, 5};
  cfg.limits[vz::kUbNumpty] = {5, 10};
  auto st = vz::CheckUbcLimits(cfg);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kSetUbc);
  EXPECT_EQ(st.error().message(),
            "barrier should be <= limit for numproc (currently, 300:200), "
            "numfile (currently, 10:5)");
  // Only the resources asked about.
  const vz::UbId pty[] = {vz::kUbNumpty};
  EXPECT_TRUE(vz::CheckUbcLimits(cfg, pty).has_value());
  const vz::UbId none[] = {vz::kUbNumflock};
  EXPECT_TRUE(vz::CheckUbcLimits(cfg, none).has_value());
}

TEST(UbcCheck, VswapNeedsSwap) {
  UbcConfig cfg;
  cfg.limits[vz::kUbPhyspages] = {0, 65536};
  auto st = vz::CheckUbcLimits(cfg);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kNotEnoughUbc);
  EXPECT_NE(st.error().message().find("swappages"), std::string::npos);
  cfg.limits[vz::kUbSwappages] = {0, 0};
  EXPECT_TRUE(vz::CheckUbcLimits(cfg).has_value());
  cfg.limits[vz::kUbPhyspages] = {0, kUbUnlimited};  // not vSwap: swap not needed
  cfg.limits.erase(vz::kUbSwappages);
  EXPECT_TRUE(vz::CheckUbcLimits(cfg).has_value());
}

TEST(UbcCheck, UnenforcedResourcesAreNamedOnce) {
  UbcConfig cfg;
  cfg.limits[vz::kUbKmemsize] = {100, 200};
  cfg.limits[vz::kUbDcachesize] = {};  // unlimited: nothing to say
  cfg.limits[vz::kUbOomguarpages] = {26112, kUbUnlimited};
  cfg.limits[vz::kUbNumproc] = {10, 10};
  auto notes = vz::UbcWarnings(cfg);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_TRUE(
      notes[0].starts_with("KMEMSIZE, OOMGUARPAGES accepted for compatibility but not "
                           "enforced"))
      << notes[0];
  const vz::UbId proc[] = {vz::kUbNumproc};
  EXPECT_TRUE(vz::UbcWarnings(cfg, proc).empty());
}

TEST(UbcCheck, MemoryCgroupHasNoBarrier) {
  UbcConfig cfg;
  cfg.limits[vz::kUbPhyspages] = {100, 200};
  cfg.limits[vz::kUbSwappages] = {0, 200};
  auto notes = vz::UbcWarnings(cfg);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0],
            "PHYSPAGES barrier 100 is not used: the memory cgroup has a limit only "
            "(write 0:200)");
}

TEST(UbcValidate, OpenVzBasicSampleIsClean) {
  const auto issues = vz::ValidateUbc(Read(kOpenVzBasic));
  EXPECT_TRUE(issues.empty()) << Dump(issues);
}

TEST(UbcValidate, MissingResourcesAreErrors) {
  const auto issues = vz::ValidateUbc(Read("NUMPROC=240\nPHYSPAGES=0:unlimited\n"));
  EXPECT_TRUE(Has(issues, Level::kError, "parameter numtcpsock not found")) << Dump(issues);
  EXPECT_TRUE(Has(issues, Level::kError, "parameter kmemsize not found")) << Dump(issues);
  EXPECT_FALSE(Has(issues, Level::kError, "numproc")) << Dump(issues);
}

TEST(UbcValidate, PairsAndFormulasOfATraditionalConfig) {
  std::string text = kOpenVzBasic;
  auto replace = [&](const std::string& from, const std::string& to) {
    text.replace(text.find(from), from.size(), to);
  };
  replace("NUMPROC=\"240:240\"", "NUMPROC=\"240:250\"");
  replace("VMGUARPAGES=\"33792:unlimited\"", "VMGUARPAGES=\"99999:100000\"");
  replace("KMEMSIZE=\"14372700:14790164\"", "KMEMSIZE=\"1000000:900000\"");
  replace("TCPSNDBUF=\"1720320:2703360\"", "TCPSNDBUF=\"1720320:1720320\"");
  replace("DGRAMRCVBUF=\"262144:262144\"", "DGRAMRCVBUF=\"65536:65536\"");
  replace("NUMFILE=\"9312:9312\"", "NUMFILE=\"1000:1000\"");
  const auto issues = vz::ValidateUbc(Read(text));
  EXPECT_TRUE(Has(issues, Level::kError,
                  "barrier should be equal to limit for numproc (currently, 240:250)"))
      << Dump(issues);
  EXPECT_TRUE(Has(issues, Level::kError,
                  "limit should be = 9223372036854775807 for vmguarpages (currently, 100000)"));
  EXPECT_TRUE(Has(issues, Level::kError,
                  "barrier should be <= limit for kmemsize (currently, 1000000:900000)"));
  EXPECT_TRUE(Has(issues, Level::kError, "kmemsize.bar should be > 10997760 (currently, 1000000)"))
      << Dump(issues);
  EXPECT_TRUE(Has(issues, Level::kWarning, "privvmpages.bar should be > 99999 (currently, 65536)"));
  EXPECT_TRUE(Has(issues, Level::kError,
                  "tcpsndbuf.lim-tcpsndbuf.bar should be > 921600 (currently, "
                  "1720320-1720320=0)"));
  EXPECT_TRUE(Has(issues, Level::kRecommendation, "dgramrcvbuf.bar should be > 132096"));
  EXPECT_TRUE(Has(issues, Level::kWarning, "numfile should be > 5760 (currently, 1000)"));
  EXPECT_FALSE(Has(issues, Level::kWarning, "dcachesize.lim"));
}

TEST(UbcValidate, VswapConfigChecksRamAndSwapOnly) {
  const auto cfg = Read("PHYSPAGES=\"10:256M\"\nSWAPPAGES=\"0:1G\"\nNUMPROC=\"5:1\"\n");
  auto issues = vz::ValidateUbc(cfg);
  EXPECT_EQ(issues.size(), 1u) << Dump(issues);
  EXPECT_TRUE(Has(issues, Level::kError, "physpages.bar should be = 0 (currently, 10)"));
  issues = vz::ValidateUbc(cfg, vz::HostMemory{.ram_pages = 32768, .swap_pages = 1000000});
  EXPECT_TRUE(Has(issues, Level::kWarning, "physpages.lim should be <= 32768 (currently, 65536)"))
      << Dump(issues);
  EXPECT_FALSE(Has(issues, Level::kWarning, "swappages.lim"));
}

TEST(UbcValidate, HostMemoryIsRead) {
  auto host = vz::ReadHostMemory();
  ASSERT_TRUE(host.has_value());
  EXPECT_GT(host->ram_pages, 0u);
}

}  // namespace
