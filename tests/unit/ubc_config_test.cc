// SPDX-License-Identifier: GPL-2.0-or-later
// Resource settings in CTID.conf and the vSwap model.
#include <gtest/gtest.h>

#include <string>

#include "config_stack.h"
#include "ubc/check.h"
#include "ubc/validate.h"
#include "vz/ubc/config.h"

namespace {

using vz::kUbUnlimited;
using vz::UbcConfig;
using vz::UbLimit;

// The container's config first here, vz.conf optional.
vz::ConfigStack Stack(const std::string& ct, const std::string& global = "") {
  return vztest::Stack(global, ct);
}

UbcConfig MustRead(const std::string& ct, const std::string& global = "") {
  auto cfg = vz::ReadUbcConfig(Stack(ct, global));
  EXPECT_TRUE(cfg.has_value()) << cfg.error().message();
  return cfg.value_or(UbcConfig{});
}

UbcConfig Vswap(uint64_t ram, uint64_t swap) {
  UbcConfig cfg;
  cfg.limits[vz::kUbPhyspages] = {0, ram};
  cfg.limits[vz::kUbSwappages] = {0, swap};
  return cfg;
}

TEST(UbcConfig, ReadsKeysInTheirUnits) {
  const UbcConfig cfg = MustRead(
      "NUMPROC=\"240:240\"\nPHYSPAGES=\"0:256M\"\nKMEMSIZE=\"14372700:14790164\"\n"
      "TCPSNDBUF=1M\nNUMFILE=unlimited\nHOSTNAME=x\n");
  EXPECT_EQ(cfg.limits.size(), 5u);
  EXPECT_EQ(*cfg.Find(vz::kUbNumproc), (UbLimit{240, 240}));
  EXPECT_EQ(*cfg.Find(vz::kUbPhyspages), (UbLimit{0, 65536}));
  EXPECT_EQ(*cfg.Find(vz::kUbKmemsize), (UbLimit{14372700, 14790164}));
  EXPECT_EQ(*cfg.Find(vz::kUbTcpsndbuf), (UbLimit{1 << 20, 1 << 20}));
  EXPECT_EQ(*cfg.Find(vz::kUbNumfile), UbLimit{});
  EXPECT_EQ(cfg.Find(vz::kUbNumpty), nullptr);
}

TEST(UbcConfig, ContainerWinsOverGlobalAndOldNamesAreRead) {
  const UbcConfig cfg = MustRead("NUMPROC=100\nDCACHE=2M\nIPTENTRIES=64\n",
                                 "NUMPROC=50\nNUMPTY=8\nVM_OVERCOMMIT=1.5\nAVNUMPROC=40\n");
  EXPECT_EQ(cfg.Find(vz::kUbNumproc)->limit, 100u);
  EXPECT_EQ(cfg.Find(vz::kUbNumpty)->limit, 8u);
  EXPECT_EQ(cfg.Find(vz::kUbDcachesize)->limit, 2u << 20);
  EXPECT_EQ(cfg.Find(vz::kUbNumiptent)->limit, 64u);
  ASSERT_TRUE(cfg.vm_overcommit);
  EXPECT_DOUBLE_EQ(*cfg.vm_overcommit, 1.5);
  ASSERT_TRUE(cfg.avnumproc);
  EXPECT_EQ(cfg.avnumproc->barrier, 40u);
  // The current name wins over the old one.
  EXPECT_EQ(MustRead("DCACHE=1M\nDCACHESIZE=3M\n").Find(vz::kUbDcachesize)->limit, 3u << 20);
}

TEST(UbcConfig, MalformedValueIsBadConfigNamingTheKey) {
  for (const char* text : {"NUMPROC=\"1k\"\n", "PHYSPAGES=\"0:lots\"\n", "VM_OVERCOMMIT=-1\n"}) {
    auto cfg = vz::ReadUbcConfig(Stack(text));
    ASSERT_FALSE(cfg.has_value()) << text;
    EXPECT_EQ(cfg.error().kind(), vz::ErrorKind::kBadConfig) << text;
    const std::string key = std::string(text).substr(0, std::string(text).find('='));
    EXPECT_NE(cfg.error().message().find(key), std::string::npos) << cfg.error().message();
  }
}

TEST(UbcConfig, VswapMeansRamIsLimited) {
  EXPECT_FALSE(vz::IsVswap(UbcConfig{}));
  EXPECT_FALSE(vz::IsVswap(MustRead("PHYSPAGES=\"0:unlimited\"\n")));
  EXPECT_FALSE(vz::IsVswap(MustRead("PHYSPAGES=\"0:2147483647\"\n")));  // 32-bit LONG_MAX
  EXPECT_TRUE(vz::IsVswap(MustRead("PHYSPAGES=\"0:256M\"\n")));
}

TEST(UbcConfig, VswapDerivesSecondaryResourcesAsOpenVz) {
  const UbcConfig cfg = Vswap(65536, 131072);
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbLockedpages), (UbLimit{65536, 65536}));
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbOomguarpages), (UbLimit{65536, kUbUnlimited}));
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbVmguarpages), (UbLimit{196608, kUbUnlimited}));
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbPrivvmpages), UbLimit{});  // no overcommit: unlimited
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbPhyspages), (UbLimit{0, 65536}));
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbNumproc), UbLimit{});
}

TEST(UbcConfig, OvercommitScalesPrivvmpages) {
  UbcConfig cfg = Vswap(1000, 500);
  cfg.vm_overcommit = 1.5;
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbPrivvmpages), (UbLimit{2250, 2250}));
  cfg.limits[vz::kUbSwappages] = {0, kUbUnlimited};  // no overflow past unlimited
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbPrivvmpages), UbLimit{});
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbVmguarpages), (UbLimit{kUbUnlimited, kUbUnlimited}));
}

TEST(UbcConfig, ExplicitSettingsWinOverDerivedOnes) {
  UbcConfig cfg = Vswap(1000, 500);
  cfg.limits[vz::kUbLockedpages] = {10, 20};
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbLockedpages), (UbLimit{10, 20}));
}

TEST(UbcConfig, NothingIsDerivedWithoutVswapOrWithoutSwap) {
  UbcConfig cfg;
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbLockedpages), UbLimit{});
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbVmguarpages), (UbLimit{0, kUbUnlimited}));
  cfg.limits[vz::kUbPhyspages] = {0, 1000};  // vSwap, no swap: refused before use
  EXPECT_EQ(vz::EffectiveUbLimit(cfg, vz::kUbLockedpages), UbLimit{});
}

// The sample config `vzctl create` copies is sound and vSwap.
TEST(UbcConfig, BasicSampleIsSoundVswap) {
  auto file = vz::ConfigFile::Load(std::string(VZ_SOURCE_DIR) + "/etc/conf/ve-basic.conf-sample");
  ASSERT_TRUE(file.has_value()) << file.error().message();
  auto cfg = vz::ReadUbcConfig(vz::ConfigStack(vz::ConfigFile(), *file));
  ASSERT_TRUE(cfg.has_value()) << cfg.error().message();
  EXPECT_TRUE(vz::IsVswap(*cfg));
  EXPECT_TRUE(vz::CheckUbcLimits(*cfg).has_value());
  EXPECT_TRUE(vz::UbcWarnings(*cfg).empty());
  EXPECT_TRUE(vz::ValidateUbc(*cfg).empty());
  EXPECT_GE(cfg->Find(vz::kUbNumproc)->limit, 100u);
  EXPECT_GE(cfg->Find(vz::kUbPhyspages)->limit, 65536u);  // 256M: a Debian system boots in it
}

}  // namespace
