// SPDX-License-Identifier: GPL-2.0-or-later
// M2: a container's init-to-be reaches VE_ROOT under a parent that only
// host root may walk (/vz/root is 0700): it opens VE_ROOT while still host
// root and mounts relative to that descriptor as the container's root.
#include "launch/init_root.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "inside/ve_process.h"
#include "test_dir.h"
#include "userns_child.h"

namespace {

constexpr unsigned kShift = 100000;

// What the init child does from clone to pivot_root, in a user and mount
// namespace of its own (vztest::RunInMappedUserNs): an exit code that
// says which step failed (0: all).
int InitChildSteps(const std::string& ct_root) {
  const int fd = vz::internal::OpenRootDir(ct_root);
  if (fd < 0) return 10;
  if (vz::internal::BecomeContainerRoot() != 0) return 11;
  // By path, as the old code went, the container's root gets nowhere.
  if (::open(ct_root.c_str(), O_PATH | O_CLOEXEC) >= 0 || errno != EACCES) return 12;
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 13;
  if (vz::internal::EnterRootMount(fd) != 0) return 14;
  if (::access("inside", F_OK) != 0) return 15;
  if (::mount("tmpfs", "proc", "tmpfs", MS_NOSUID, nullptr) != 0) return 16;
  // The working directory is the top of a mount that pivot_root accepts.
  if (::syscall(SYS_pivot_root, ".", ".") != 0) return 17;
  return 0;
}

TEST(InitRoot, ContainerRootWorksFromADescriptorOpenedBeforeItDropsToIt) {
  if (!vztest::CanRunInMappedUserNs()) GTEST_SKIP() << "needs root and user namespaces";
  vztest::TestDir dir;
  const auto roots = dir.path() / "root", ct = roots / "101";
  ASSERT_EQ(::mkdir(roots.c_str(), 0700), 0);
  ASSERT_EQ(::mkdir(ct.c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((ct / "proc").c_str(), 0755), 0);
  ASSERT_EQ(::chown(ct.c_str(), kShift, kShift), 0);
  ASSERT_EQ(::chown((ct / "proc").c_str(), kShift, kShift), 0);
  dir.Write("root/101/inside", "x");
  EXPECT_EQ(vztest::RunInMappedUserNs(kShift, [&] { return InitChildSteps(ct.string()); }), 0);
}

}  // namespace
