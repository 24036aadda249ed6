// SPDX-License-Identifier: GPL-2.0-or-later
// Limits into the memory cgroup's files, and putting them back after a
// failure. The cgroup is a plain directory here; setublimit(2) fails on
// this host (no such syscall, no such UB, or not root), which is what the
// way back is tested with.
#include <fcntl.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "kernel/system_backend.h"
#include "kernel/ubc_kernel.h"
#include "test_dir.h"
#include "ubc/apply.h"

namespace {

using vz::kUbUnlimited;
using vz::UbLimit;

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

constexpr unsigned int kNoSuchVe = 2147483000;

TEST(UbcApply, MemcgValueIsBytesOrMax) {
  EXPECT_EQ(vz::internal::MemcgValue(65536), "268435456");
  EXPECT_EQ(vz::internal::MemcgValue(0), "0");
  EXPECT_EQ(vz::internal::MemcgValue(kUbUnlimited), "max");
  EXPECT_EQ(vz::internal::MemcgValue(kUbUnlimited / 4096), "max");  // would overflow
}

TEST(UbcApply, RamLimitGoesToMemoryMax) {
  vztest::TestDir cg;
  cg.Write("memory.max", "max\n");
  ASSERT_TRUE(vz::internal::SetMemcgLimit(cg.path(), vz::kUbPhyspages, 65536).has_value());
  EXPECT_EQ(Read(cg.path() / "memory.max"), "268435456");
  ASSERT_TRUE(vz::internal::SetMemcgLimit(cg.path(), vz::kUbPhyspages, kUbUnlimited).has_value());
  EXPECT_EQ(Read(cg.path() / "memory.max"), "max");
  EXPECT_EQ(vz::internal::MemcgFile(cg.path(), vz::kUbSwappages), cg.path() / "memory.swap.max");
}

TEST(UbcApply, WithoutTheControllerOnlyUnlimitedIsFine) {
  vztest::TestDir cg;  // no memory.max: the controller is not enabled
  EXPECT_TRUE(vz::internal::SetMemcgLimit(cg.path(), vz::kUbPhyspages, kUbUnlimited).has_value());
  auto limited = vz::internal::SetMemcgLimit(cg.path(), vz::kUbPhyspages, 1000);
  ASSERT_FALSE(limited.has_value());
  EXPECT_EQ(limited.error().kind(), vz::ErrorKind::kSetUbc);
  EXPECT_NE(limited.error().message().find("memory controller"), std::string::npos)
      << limited.error().message();
  // No cgroup v2 at all.
  EXPECT_TRUE(vz::internal::SetMemcgLimit("", vz::kUbPhyspages, kUbUnlimited).has_value());
  auto none = vz::internal::SetMemcgLimit("", vz::kUbPhyspages, 1000);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().kind(), vz::ErrorKind::kSetUbc);
}

// A backend on /dev/null: setublimit(2) and the cgroup files need no
// /dev/vzctl.
struct Backend {
  vz::internal::SystemBackend backend;
  vz::internal::RunningVe ve;

  explicit Backend(const std::filesystem::path& cgroup)
      : backend(*vz::internal::SystemBackend::OnDevice(NullFd())),
        ve{kNoSuchVe, backend, cgroup, 0, std::nullopt} {}

  static int NullFd() {
    static const int fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);
    return fd;
  }
};

TEST(UbcApply, AFailureLaterIsTakenBackByTheUndo) {
  vztest::TestDir cg;
  cg.Write("memory.max", "123456789\n");
  Backend b(cg.path());
  vz::internal::Undo undo;
  // physpages (6) goes first, numfile (19) fails: memory.max is restored.
  const vz::internal::UbLimits limits = {{vz::kUbPhyspages, {0, 1000}},
                                         {vz::kUbNumfile, {100, 100}}};
  auto st = vz::internal::ApplyUbLimits(b.ve, limits, undo);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kSetUbc);
  EXPECT_NE(st.error().message().find("setublimit(2147483000, numfile, 100:100)"),
            std::string::npos)
      << st.error().message();
  EXPECT_EQ(Read(cg.path() / "memory.max"), "4096000");
  undo.Run();
  EXPECT_EQ(Read(cg.path() / "memory.max"), "123456789");
}

TEST(UbcApply, UndoTakesBackASuccessfulChange) {
  vztest::TestDir cg;
  cg.Write("memory.max", "max\n");
  Backend b(cg.path());
  vz::internal::Undo undo;
  // kmemsize cannot be set: skipped, not an error.
  const vz::internal::UbLimits limits = {{vz::kUbKmemsize, {1, 1}}, {vz::kUbPhyspages, {0, 256}}};
  ASSERT_TRUE(vz::internal::ApplyUbLimits(b.ve, limits, undo).has_value());
  EXPECT_EQ(Read(cg.path() / "memory.max"), "1048576");
  undo.Run();
  EXPECT_EQ(Read(cg.path() / "memory.max"), "max");
}

}  // namespace
