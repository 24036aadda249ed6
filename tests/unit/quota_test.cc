// SPDX-License-Identifier: GPL-2.0-or-later
// Disk quota values as options and configs give them, and vzquota's output.
#include "vz/quota/quota.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "quota/config.h"
#include "quota_cmd.h"
#include "vz/quota/options.h"

namespace {

using vz::DiskLimit;

TEST(QuotaOptions, DiskSpaceIsKilobytesOrSuffixed) {
  EXPECT_EQ(vz::ParseDiskSpace("1048576:1153024").value(), (DiskLimit{1048576, 1153024}));
  // OpenVZ's own sample: 2G:2.2G is 2097152:2306867 1K blocks.
  EXPECT_EQ(vz::ParseDiskSpace("2G:2.2G").value(), (DiskLimit{2097152, 2306867}));
  EXPECT_EQ(vz::ParseDiskSpace("10M").value(), (DiskLimit{10240, 10240}));
  EXPECT_EQ(vz::ParseDiskSpace("1T").value(), (DiskLimit{1u << 30, 1u << 30}));
  EXPECT_EQ(vz::ParseDiskSpace("unlimited").value(), (DiskLimit{0, 0}));
  EXPECT_EQ(vz::ParseDiskSpace("0:100").value(), (DiskLimit{0, 100}));
}

TEST(QuotaOptions, BadDiskSpaceIsRefusedWithTheReason) {
  for (const char* bad : {"", "abc", "1.5", "2P", "1B", "2G:1G", "1:x", "1G:", "-1"}) {
    auto parsed = vz::ParseDiskSpace(bad);
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().kind(), vz::ErrorKind::kInvalidArgument) << bad;
  }
  EXPECT_NE(vz::ParseDiskSpace("2G:1G").error().context().find("soft limit is above"),
            std::string::npos);
}

TEST(QuotaOptions, InodesTakeNoSuffix) {
  EXPECT_EQ(vz::ParseDiskInodes("200000:220000").value(), (DiskLimit{200000, 220000}));
  EXPECT_FALSE(vz::ParseDiskInodes("200K"));
  EXPECT_FALSE(vz::ParseDiskInodes("9:8"));
  EXPECT_EQ(vz::ParseQuotaTime("259200").value(), 259200u);
  EXPECT_FALSE(vz::ParseQuotaTime("1d"));
  EXPECT_FALSE(vz::ParseQuotaTime("unlimited"));
}

TEST(QuotaOptions, FormattedLimitsReadBack) {
  for (DiskLimit l : {DiskLimit{1, 2}, DiskLimit{0, 5}, DiskLimit{7, 0}}) {
    const std::string text = vz::FormatDiskLimit(l);
    EXPECT_EQ(vz::ParseDiskSpace(text).value(), l) << text;
  }
  EXPECT_EQ(vz::FormatDiskLimit({0, 0}), "unlimited:unlimited");
}

vz::ConfigStack Stack(const std::string& global, const std::string& ct) {
  return vz::ConfigStack(vz::ConfigFile::Parse(global).value(), vz::ConfigFile::Parse(ct).value());
}

TEST(QuotaConfig, ActiveNeedsALimitAndDiskQuotaOn) {
  auto none = vz::internal::ReadQuotaConfig(Stack("", "")).value();
  EXPECT_FALSE(none.active());
  auto on = vz::internal::ReadQuotaConfig(Stack("", "DISKSPACE=\"1G:2G\"\n")).value();
  EXPECT_TRUE(on.active());
  EXPECT_EQ(*on.space, (DiskLimit{1048576, 2097152}));
  auto off =
      vz::internal::ReadQuotaConfig(Stack("DISK_QUOTA=no\n", "DISKINODES=\"10:20\"\n")).value();
  EXPECT_FALSE(off.active());
  // The container's own DISK_QUOTA wins over vz.conf's.
  auto mine =
      vz::internal::ReadQuotaConfig(Stack("DISK_QUOTA=no\n", "DISK_QUOTA=yes\nDISKINODES=9\n"))
          .value();
  EXPECT_TRUE(mine.active());
}

TEST(QuotaConfig, QuotaInsideNeedsAnIdLimitAndDiskQuotaOn) {
  auto none = vz::internal::ReadQuotaConfig(Stack("", "")).value();
  EXPECT_EQ(none.ugid_limit, 0u);
  EXPECT_FALSE(none.ugid_active());
  auto on = vz::internal::ReadQuotaConfig(Stack("", "QUOTAUGIDLIMIT=\"100\"\n")).value();
  EXPECT_EQ(on.ugid_limit, 100u);
  EXPECT_TRUE(on.ugid_active());
  EXPECT_FALSE(on.active());  // no disk limit needed for it
  auto off =
      vz::internal::ReadQuotaConfig(Stack("DISK_QUOTA=no\n", "QUOTAUGIDLIMIT=100\n")).value();
  EXPECT_FALSE(off.ugid_active());
  EXPECT_EQ(vz::ParseUgidLimit("4294967295").value(), 4294967295u);
  EXPECT_FALSE(vz::ParseUgidLimit("unlimited"));
  EXPECT_FALSE(vz::ParseUgidLimit("1K"));
}

TEST(QuotaConfig, BadValuesNameTheirKey) {
  for (const char* text :
       {"DISK_QUOTA=maybe\n", "DISKSPACE=\"lots\"\n", "DISKINODES=\"2:1\"\n",
        "QUOTATIME=\"soon\"\n", "QUOTAUGIDLIMIT=\"-1\"\n", "QUOTAUGIDLIMIT=\"4294967296\"\n"}) {
    auto cfg = vz::internal::ReadQuotaConfig(Stack("", text));
    ASSERT_FALSE(cfg) << text;
    EXPECT_EQ(cfg.error().kind(), vz::ErrorKind::kBadConfig);
    const std::string key(text, std::string_view(text).find('='));
    EXPECT_NE(cfg.error().context().find(key), std::string::npos) << cfg.error().context();
  }
}

TEST(QuotaConfig, OptionsMergeAndStore) {
  auto stored = vz::internal::ReadQuotaConfig(Stack("", "DISKSPACE=\"100:200\"\n")).value();
  vz::QuotaOptions opts;
  opts.diskinodes = DiskLimit{5, 6};
  opts.quotatime = 60;
  opts.ugidlimit = 0;
  auto merged = vz::internal::MergeQuota(stored, opts);
  EXPECT_EQ(*merged.space, (DiskLimit{100, 200}));
  EXPECT_EQ(*merged.inodes, (DiskLimit{5, 6}));
  EXPECT_EQ(*merged.grace, 60u);
  EXPECT_EQ(merged.ugid_limit, 0u);
  auto conf = vz::ConfigFile::Parse("ONBOOT=no\n").value();
  ASSERT_TRUE(vz::internal::StoreQuotaOptions(conf, opts));
  EXPECT_EQ(conf.Get("DISKINODES").value(), "5:6");
  EXPECT_EQ(conf.Get("QUOTATIME").value(), "60");
  EXPECT_EQ(conf.Get("QUOTAUGIDLIMIT").value(), "0");
  EXPECT_FALSE(conf.Get("DISKSPACE"));
}

TEST(QuotaStat, OpenVzLayout) {
  vz::DiskQuotaStat stat{.space_used = 38852,
                         .space = {1048576, 1153024},
                         .inodes_used = 2811,
                         .inodes = {200000, 220000}};
  EXPECT_EQ(vz::FormatQuotaStat(stat, 1000),
            "   resource          usage      softlimit      hardlimit    grace\n"
            "  1k-blocks          38852        1048576        1153024         \n"
            "     inodes           2811         200000         220000         \n");
  stat.space_grace_ends = 1000 + 86400 + 3600 + 61;
  stat.inode_grace_ends = 999;
  const std::string text = vz::FormatQuotaStat(stat, 1000);
  EXPECT_NE(text.find(" 1d01:01:01\n"), std::string::npos) << text;
  EXPECT_NE(text.find("     none\n"), std::string::npos) << text;
}

int Vzquota(const std::vector<std::string>& args, std::string* out, std::string* err,
            const std::filesystem::path& prefix = "/nonexistent") {
  std::ostringstream o, e;
  const int code = vzquota::Run(args, vzquota::Environment{o, e, vz::Paths{prefix}});
  *out = o.str();
  *err = e.str();
  return code;
}

TEST(Vzquota, UsageErrorsAreTwo) {
  std::string out, err;
  EXPECT_EQ(Vzquota({}, &out, &err), vzquota::kExitUsage);
  EXPECT_EQ(Vzquota({"frob", "101"}, &out, &err), vzquota::kExitUsage);
  EXPECT_NE(err.find("unknown command 'frob'"), std::string::npos) << err;
  EXPECT_EQ(Vzquota({"stat"}, &out, &err), vzquota::kExitUsage);
  EXPECT_EQ(Vzquota({"stat", "abc"}, &out, &err), vzquota::kExitUsage);
  EXPECT_EQ(Vzquota({"--bogus", "stat", "101"}, &out, &err), vzquota::kExitUsage);
  EXPECT_EQ(Vzquota({"--help"}, &out, &err), vzquota::kExitOk);
  EXPECT_NE(out.find("Usage: vzquota"), std::string::npos);
}

TEST(Vzquota, WithoutVzConfItIsASystemError) {
  std::string out, err;
  EXPECT_EQ(Vzquota({"stat", "101"}, &out, &err), vzquota::kExitSystem);
  EXPECT_NE(err.find("vz.conf"), std::string::npos) << err;
}

TEST(Vzquota, UnknownContainerHasNoQuota) {
  char tmpl[] = "/tmp/vzquota-test.XXXXXX";
  ASSERT_NE(::mkdtemp(tmpl), nullptr);
  const std::filesystem::path root = tmpl;
  std::filesystem::create_directories(root / "etc/vz/conf");
  std::ofstream(root / "etc/vz/vz.conf") << "VE_PRIVATE=\"" << (root / "$VEID").string() << "\"\n";
  std::string out, err;
  EXPECT_EQ(Vzquota({"show", "101"}, &out, &err, root), vzquota::kExitNoQuota);
  EXPECT_NE(err.find("container 101 does not exist"), std::string::npos) << err;
  EXPECT_TRUE(out.empty());
  // A container without disk quota (its private area is no project).
  std::ofstream(root / "etc/vz/conf/101.conf") << "ONBOOT=no\n";
  std::filesystem::create_directories(root / "101");
  EXPECT_EQ(Vzquota({"stat", "101"}, &out, &err, root), vzquota::kExitNoQuota);
  EXPECT_NE(err.find("vzctl quotainit 101"), std::string::npos) << err;
  std::filesystem::remove_all(root);
}

}  // namespace
