// SPDX-License-Identifier: GPL-2.0-or-later
// In-guest tests of what the kernel series provides so far.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <regex>
#include <sstream>

#include "commands.h"
#include "exit_codes.h"
#include "vz/kernel/info.h"

namespace {

TEST(ProcVz, VersionHasSeriesFormat) {
  auto info = vz::ReadKernelInfo();
  ASSERT_TRUE(info.has_value()) << info.error().message();
  EXPECT_TRUE(std::regex_match(info->vz_version, std::regex(R"([0-9]+\.[0-9]+-vz\.[0-9]+)")))
      << "'" << info->vz_version << "'";
}

TEST(ProcVz, VersionIsReadOnlyForEveryone) {
  struct stat st;
  ASSERT_EQ(stat("/proc/vz/version", &st), 0) << strerror(errno);
  EXPECT_EQ(st.st_mode & 07777, 0444u);
  ASSERT_EQ(stat("/proc/vz", &st), 0) << strerror(errno);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
}

TEST(Vzctl, VersionReportsTheRunningKernel) {
  auto info = vz::ReadKernelInfo();
  ASSERT_TRUE(info.has_value()) << info.error().message();
  std::ostringstream out, err;
  vzctl::Invocation inv;
  inv.version = true;
  int code = vzctl::Run(inv, vzctl::Environment{out, err, "/proc"});
  EXPECT_EQ(code, vzctl::kExitOk) << out.str() << err.str();
  EXPECT_NE(out.str().find("VE interface " + info->vz_version), std::string::npos) << out.str();
}

}  // namespace
