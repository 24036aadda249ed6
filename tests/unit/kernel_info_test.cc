// SPDX-License-Identifier: GPL-2.0-or-later
#include <gtest/gtest.h>

#include "test_dir.h"
#include "vz/kernel/info.h"

namespace {

TEST(KernelInfo, ReadsTheVersionLine) {
  vztest::TestDir proc;
  proc.Write("vz/version", "6.1-vz.1\n");
  auto info = vz::ReadKernelInfo(proc.path());
  ASSERT_TRUE(info.has_value()) << info.error().message();
  EXPECT_EQ(info->vz_version, "6.1-vz.1");
}

TEST(KernelInfo, MissingFileMeansNotAVeKernel) {
  vztest::TestDir proc;
  auto info = vz::ReadKernelInfo(proc.path());
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().err_no(), ENOENT);
  EXPECT_NE(info.error().message().find("not a VE kernel"), std::string::npos)
      << info.error().message();
  EXPECT_NE(info.error().message().find("vz/version"), std::string::npos) << info.error().message();
}

TEST(KernelInfo, EmptyFileIsAProtocolError) {
  vztest::TestDir proc;
  proc.Write("vz/version", "");
  auto info = vz::ReadKernelInfo(proc.path());
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().err_no(), EPROTO);
}

TEST(KernelInfo, LibraryVersionIsSet) { EXPECT_STRNE(vz::LibraryVersion(), ""); }

}  // namespace
