// SPDX-License-Identifier: GPL-2.0-or-later
// In-guest checks that the test machine offers what later features build on:
// namespaces, cgroup v2 controllers and the quota-enabled scratch disk.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/kcmp.h>
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs `fn` in a forked child and returns its exit status (or -1).
template <typename Fn>
int InChild(Fn fn) {
  pid_t pid = fork();
  if (pid == 0) _exit(fn());
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

TEST(Platform, AllNamespaceTypesCanBeCreated) {
  int rc = InChild([] {
    const int flags = CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET |
                      CLONE_NEWNS | CLONE_NEWCGROUP;
    if (unshare(flags) != 0) return 10;
    // The first child in the new pid namespace is its pid 1.
    return InChild([] { return getpid() == 1 ? 0 : 11; });
  });
  EXPECT_EQ(rc, 0) << "10: unshare failed, 11: first child is not pid 1";
}

TEST(Platform, CgroupV2HasMemoryPidsAndCpu) {
  const std::string controllers = Slurp("/sys/fs/cgroup/cgroup.controllers");
  for (const char* c : {"memory", "pids", "cpu"})
    EXPECT_NE(controllers.find(c), std::string::npos) << c << " missing from: " << controllers;
}

TEST(Platform, ScratchDiskIsMountedOnVz) {
  const std::string mounts = Slurp("/proc/mounts");
  EXPECT_NE(mounts.find("/dev/vda /vz ext4 "), std::string::npos) << mounts;
}

// ext4 keeps its feature flags in the superblock at byte 1024 of the device.
TEST(Platform, ScratchDiskHasQuotaAndProjectFeatures) {
  constexpr off_t kSuperblock = 1024, kRoCompatOffset = 0x64;
  constexpr uint32_t kQuota = 0x100, kProject = 0x2000;
  int fd = open("/dev/vda", O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0) << "open(/dev/vda): " << strerror(errno);
  uint32_t ro_compat = 0;
  ssize_t n = pread(fd, &ro_compat, sizeof(ro_compat), kSuperblock + kRoCompatOffset);
  close(fd);
  ASSERT_EQ(n, static_cast<ssize_t>(sizeof(ro_compat)));
  EXPECT_TRUE(ro_compat & kQuota) << std::hex << ro_compat;
  EXPECT_TRUE(ro_compat & kProject) << std::hex << ro_compat;
}

// The harness passes QEMU's CPU count as vz.smp=N; the kernel must bring
// every one of them up, or no test here ever runs on two CPUs at once.
TEST(Platform, KernelRunsEveryCpuQemuOffers) {
  const std::string cmdline = Slurp("/proc/cmdline");
  const auto at = cmdline.find("vz.smp=");
  ASSERT_NE(at, std::string::npos) << "no vz.smp= in: " << cmdline;
  const long want = std::stol(cmdline.substr(at + 7));
  EXPECT_GE(want, 2) << "the harness should offer two CPUs";
  EXPECT_EQ(sysconf(_SC_NPROCESSORS_ONLN), want)
      << "online: " << Slurp("/sys/devices/system/cpu/online");
  EXPECT_EQ(sysconf(_SC_NPROCESSORS_CONF), want)
      << "possible: " << Slurp("/sys/devices/system/cpu/possible");
}

// What a container host kernel has and the kernel's own selftests use:
// time namespaces and kcmp(2).
TEST(Platform, TimeNamespacesAndKcmpExist) {
  int rc = InChild([] { return unshare(CLONE_NEWTIME) == 0 ? 0 : 10; });
  EXPECT_EQ(rc, 0) << "unshare(CLONE_NEWTIME) failed";
  const pid_t self = getpid();
  EXPECT_EQ(syscall(SYS_kcmp, self, self, KCMP_VM, 0, 0), 0) << "kcmp: " << strerror(errno);
}

}  // namespace
