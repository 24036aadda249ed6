// SPDX-License-Identifier: GPL-2.0-or-later
// M2: a container's init-to-be reaches VE_ROOT under a parent that only
// host root may walk (/vz/root is 0700): it opens VE_ROOT while still host
// root and mounts relative to that descriptor as the container's root.
#include "launch/init_root.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <string>

#include "inside/ve_process.h"
#include "test_dir.h"

namespace {

constexpr unsigned kShift = 100000;

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return static_cast<bool>(out.flush());
}

// What the init child does from clone to pivot_root, in a user and mount
// namespace of its own: an exit code that says which step failed (0: all).
int InitChildSteps(const std::string& ct_root, int ready_w, int go_r) {
  if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return 9;
  char c = 'u';
  if (::write(ready_w, &c, 1) != 1 || ::read(go_r, &c, 1) != 1) return 9;
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
  if (::geteuid() != 0 || std::system("unshare -U -m true 2>/dev/null") != 0)
    GTEST_SKIP() << "needs root and user namespaces";
  vztest::TestDir dir;
  const auto roots = dir.path() / "root", ct = roots / "101";
  ASSERT_EQ(::mkdir(roots.c_str(), 0700), 0);
  ASSERT_EQ(::mkdir(ct.c_str(), 0755), 0);
  ASSERT_EQ(::mkdir((ct / "proc").c_str(), 0755), 0);
  ASSERT_EQ(::chown(ct.c_str(), kShift, kShift), 0);
  ASSERT_EQ(::chown((ct / "proc").c_str(), kShift, kShift), 0);
  dir.Write("root/101/inside", "x");
  int ready[2], go[2];
  ASSERT_EQ(::pipe2(ready, O_CLOEXEC), 0);
  ASSERT_EQ(::pipe2(go, O_CLOEXEC), 0);
  const pid_t pid =
      vz::internal::ForkRun([&] { return InitChildSteps(ct.string(), ready[1], go[0]); });
  ASSERT_GT(pid, 0);
  char c;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  const std::string proc = "/proc/" + std::to_string(pid) + "/";
  const std::string map = "0 " + std::to_string(kShift) + " 65536\n";
  EXPECT_TRUE(WriteFile(proc + "uid_map", map));
  EXPECT_TRUE(WriteFile(proc + "gid_map", map));
  ASSERT_EQ(::write(go[1], "g", 1), 1);
  EXPECT_EQ(vz::internal::WaitExitCode(pid), 0);
  for (int fd : {ready[0], ready[1], go[0], go[1]}) ::close(fd);
}

}  // namespace
