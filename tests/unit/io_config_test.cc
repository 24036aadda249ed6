// SPDX-License-Identifier: GPL-2.0-or-later
// The disk I/O settings: the parsers of vz/io/options.h, IOPRIO, IOLIMIT
// and IOPSLIMIT as a config has them, the cgroup values they become, and
// the disk io.max names, found through a sysfs of the test's own.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>

#include "config_stack.h"
#include "io/config.h"
#include "io/disk.h"
#include "test_dir.h"
#include "vz/io/options.h"

namespace {

namespace fs = std::filesystem;
using vz::internal::IoConfig;

TEST(IoOptions, PrioIs0To7) {
  EXPECT_EQ(vz::ParseIoPrio("0"), 0u);
  EXPECT_EQ(vz::ParseIoPrio("7"), 7u);
  for (const char* bad : {"8", "-1", "", "x", "+3"}) EXPECT_FALSE(vz::ParseIoPrio(bad)) << bad;
}

TEST(IoOptions, LimitIsMegabytesWithoutASuffix) {
  EXPECT_EQ(vz::ParseIoLimit("5"), 5u << 20);
  EXPECT_EQ(vz::ParseIoLimit("5M"), 5u << 20);
  EXPECT_EQ(vz::ParseIoLimit("512K"), 512u << 10);
  EXPECT_EQ(vz::ParseIoLimit("1000B"), 1000u);
  EXPECT_EQ(vz::ParseIoLimit("2G"), 2ULL << 30);
  EXPECT_EQ(vz::ParseIoLimit("0"), 0u);
  EXPECT_EQ(vz::ParseIoLimit("unlimited"), 0u);
  for (const char* bad : {"3G", "2049", "5X", "M", "", "-5", "1.5M"})
    EXPECT_FALSE(vz::ParseIoLimit(bad)) << bad;
  EXPECT_EQ(vz::ParseStoredIoLimit("5242880"), 5242880u);
  EXPECT_FALSE(vz::ParseStoredIoLimit("5000000000"));
}

TEST(IoOptions, IopsAreACount) {
  EXPECT_EQ(vz::ParseIopsLimit("300"), 300u);
  EXPECT_EQ(vz::ParseIopsLimit("unlimited"), 0u);
  for (const char* bad : {"-1", "3k", "", "4294967296"})
    EXPECT_FALSE(vz::ParseIopsLimit(bad)) << bad;
}

TEST(IoConfig, ReadMergeStore) {
  auto cfg = vz::internal::ReadIoConfig(vztest::Stack("IOPRIO=2\n", "IOLIMIT=1048576\n"));
  ASSERT_TRUE(cfg) << cfg.error().message();
  EXPECT_EQ(*cfg, (IoConfig{2, 1048576, 0}));
  EXPECT_EQ(*vz::internal::ReadIoConfig(vztest::Stack("", "")), IoConfig{});
  for (const char* bad : {"IOPRIO=9\n", "IOLIMIT=lots\n", "IOPSLIMIT=-3\n"}) {
    auto read = vz::internal::ReadIoConfig(vztest::Stack("", bad));
    ASSERT_FALSE(read) << bad;
    EXPECT_EQ(read.error().kind(), vz::ErrorKind::kBadConfig);
    EXPECT_NE(read.error().context().find(std::string(bad, std::string_view(bad).find('='))),
              std::string::npos);
  }
  vz::IoOptions opts;
  opts.iopslimit = 100;
  const IoConfig merged = vz::internal::MergeIo(*cfg, opts);
  EXPECT_EQ(merged, (IoConfig{2, 1048576, 100}));
  vz::ConfigFile conf = vztest::Stack("", "").container();
  ASSERT_TRUE(vz::internal::StoreIoConfig(conf, merged, opts));
  EXPECT_EQ(conf.Get("IOPSLIMIT"), "100");
  EXPECT_FALSE(conf.Get("IOLIMIT"));
}

TEST(IoConfig, WeightDoublesPerStep) {
  EXPECT_EQ(vz::internal::BfqWeight(4), "default 100");
  EXPECT_EQ(vz::internal::BfqWeight(7), "default 800");
  EXPECT_EQ(vz::internal::BfqWeight(1), "default 12");
  EXPECT_EQ(vz::internal::BfqWeight(0), "default 6");
}

TEST(IoConfig, MaxNamesTheDisk) {
  const vz::internal::BlockDisk disk{254, 16, "vdb", "bfq"};
  EXPECT_EQ(vz::internal::IoMax(disk, IoConfig{4, 5u << 20, 0}),
            "254:16 rbps=5242880 wbps=5242880 riops=max wiops=max");
  EXPECT_EQ(vz::internal::IoMax(disk, IoConfig{}), "254:16 rbps=max wbps=max riops=max wiops=max");
}

// A sysfs whose dev/block entry for the test directory's device is a
// partition of disk "vdz", 254:0.
TEST(IoDisk, APartitionsDiskIsFound) {
  vztest::TestDir dir;
  struct stat st;
  ASSERT_EQ(::stat(dir.path().c_str(), &st), 0);
  if (::major(st.st_dev) == 0) GTEST_SKIP() << "the test directory is on no block device";
  const std::string numbers =
      std::to_string(::major(st.st_dev)) + ":" + std::to_string(::minor(st.st_dev));
  dir.Write("sys/devices/vdz/dev", "254:0\n");
  dir.Write("sys/devices/vdz/queue/scheduler", "mq-deadline [bfq] none\n");
  dir.Write("sys/devices/vdz/vdz1/dev", numbers + "\n");
  dir.Write("sys/devices/vdz/vdz1/partition", "1\n");
  fs::create_directories(dir.path() / "sys/dev/block");
  fs::create_symlink("../../devices/vdz/vdz1", dir.path() / "sys/dev/block" / numbers);
  auto disk = vz::internal::DiskHolding(dir.path(), dir.path() / "sys");
  ASSERT_TRUE(disk) << disk.error().message();
  EXPECT_EQ(disk->major, 254u);
  EXPECT_EQ(disk->minor, 0u);
  EXPECT_EQ(disk->name, "vdz");
  EXPECT_EQ(disk->scheduler, "bfq");
}

TEST(IoDisk, NoBlockDeviceIsSaid) {
  vztest::TestDir dir;
  auto disk = vz::internal::DiskHolding(dir.path() / "missing", dir.path() / "sys");
  ASSERT_FALSE(disk);
  EXPECT_EQ(disk.error().kind(), vz::ErrorKind::kSetIo);
  EXPECT_NE(disk.error().message().find("missing"), std::string::npos);
  auto proc = vz::internal::DiskHolding("/proc", dir.path() / "sys");
  ASSERT_FALSE(proc);
  EXPECT_NE(proc.error().message().find("no block device"), std::string::npos)
      << proc.error().message();
}

}  // namespace
