// SPDX-License-Identifier: GPL-2.0-or-later
// CreateContainer against a tree of its own: creates of different CTIDs
// that run at the same moment must not both take one id range (M3).
#include "vz/fs/create.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/id_check.h"

namespace {

namespace fs = std::filesystem;

class CreateTree : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vz-create.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    Write("etc/vz/vz.conf", "VE_ROOT=\"" + (root_ / "vz/root/$VEID").string() +
                                "\"\nVE_PRIVATE=\"" + (root_ / "vz/private/$VEID").string() +
                                "\"\nTEMPLATE=\"" + (root_ / "vz/template").string() +
                                "\"\nLOCKDIR=\"" + (root_ / "vz/lock").string() + "\"\n");
    Write("tmpl/bin/hello", "hello\n");
    fs::create_directories(root_ / "vz/template/cache");
    fs::create_directories(root_ / "etc/vz/conf");
    const std::string tar = "tar -C " + (root_ / "tmpl").string() + " -czf " +
                            (root_ / "vz/template/cache/tiny.tar.gz").string() + " .";
    ASSERT_EQ(std::system(tar.c_str()), 0);
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }

  // Forks a process that waits until the pipe `go` reads end of file, then creates
  // container `veid` with LOCAL_UID = LOCAL_GID = `base` and exits 0 on
  // success, 1 when refused, 2 on a broken tree.
  pid_t ForkCreate(unsigned int veid, uint32_t base, const int go[2]) {
    pid_t pid = ::fork();
    if (pid != 0) return pid;
    ::close(go[1]);
    char c;
    while (::read(go[0], &c, 1) > 0) {
    }
    auto ct = vz::Container::Open(vz::Paths{.prefix = root_}, veid);
    if (!ct) ::_exit(2);
    vz::CreateOptions opts;
    opts.ostemplate = "tiny";
    opts.local_uid = base;
    opts.local_gid = base;
    auto created = vz::CreateContainer(*ct, opts);
    if (!created && created.error().kind() != vz::ErrorKind::kInvalidArgument)
      std::fprintf(stderr, "create %u: %s\n", veid, created.error().message().c_str());
    ::_exit(created ? 0 : 1);
  }

  static int ExitCode(pid_t pid) {
    int status = 0;
    if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
    return WEXITSTATUS(status);
  }

  fs::path root_;
};

// Eight creates of different CTIDs with the same explicit range, let go at
// once, several times over: in each round exactly one may have the range.
TEST_F(CreateTree, RacingCreatesOfOneRangeLetExactlyOneIn) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  constexpr int kRounds = 4;
  constexpr unsigned int kRacers = 8;
  for (int round = 0; round < kRounds; ++round) {
    const uint32_t base = 8000000 + 100000 * static_cast<uint32_t>(round);
    int go[2];
    ASSERT_EQ(::pipe(go), 0);
    std::vector<pid_t> pids;
    for (unsigned int i = 0; i < kRacers; ++i)
      pids.push_back(ForkCreate(1000 + 100 * round + i, base, go));
    ::close(go[0]);
    ::close(go[1]);  // all of them start now
    int won = 0, refused = 0;
    for (pid_t pid : pids) {
      const int code = ExitCode(pid);
      won += code == 0;
      refused += code == 1;
    }
    EXPECT_EQ(won, 1) << "round " << round;
    EXPECT_EQ(refused, static_cast<int>(kRacers) - 1) << "round " << round;
  }
}

// A create waits while the id ranges are locked, and then sees the range
// that the holder wrote meanwhile.
TEST_F(CreateTree, CreateWaitsForTheIdRangesLockAndSeesWhatWasWrittenUnderIt) {
  int go[2];
  ASSERT_EQ(::pipe(go), 0);
  // Forked before the lock is taken, so that it holds no copy of it.
  const pid_t pid = ForkCreate(305, 8000000, go);
  const fs::path lock = root_ / "vz/lock" / (std::string(vz::kIdRangesLockName) + ".lck");
  fs::create_directories(lock.parent_path());
  int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);
  ::close(go[0]);
  ::close(go[1]);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int status = 0;
  EXPECT_EQ(::waitpid(pid, &status, WNOHANG), 0) << "create did not wait for the lock";
  // What another create would have written under the lock.
  Write("etc/vz/conf/102.conf", "LOCAL_UID=\"8000000\"\nLOCAL_GID=\"8000000\"\n");
  ::close(fd);
  EXPECT_EQ(ExitCode(pid), 1);
  EXPECT_FALSE(fs::exists(root_ / "etc/vz/conf/305.conf"));
  EXPECT_FALSE(fs::exists(root_ / "vz/private/305"));
}

}  // namespace
