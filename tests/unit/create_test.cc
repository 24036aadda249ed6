// SPDX-License-Identifier: GPL-2.0-or-later
// CreateContainer against a tree of its own: creates of different CTIDs
// that run at the same moment must not both take one id range (M3); the
// overlay layout's private areas and shared template trees.
#include "vz/fs/create.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/id_check.h"
#include "vz/fs/destroy.h"
#include "vz/fs/layout.h"

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

// Creates container `veid` from "tiny" with the given layout (none: the
// configs' choice), ids from 8000000 + 100000 * (veid % 10).
vz::Status CreateIn(const fs::path& root, unsigned int veid, std::optional<vz::Layout> layout) {
  auto ct = vz::Container::Open(vz::Paths{.prefix = root}, veid);
  if (!ct) return std::unexpected(ct.error());
  vz::CreateOptions opts;
  opts.ostemplate = "tiny";
  opts.layout = layout;
  opts.local_uid = opts.local_gid = 8000000 + 100000 * (veid % 10);
  return vz::CreateContainer(*ct, opts);
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Layout, ParsesOnlySimfsAndOverlay) {
  EXPECT_EQ(vz::ParseLayout("simfs"), vz::Layout::kSimfs);
  EXPECT_EQ(vz::ParseLayout("overlay"), vz::Layout::kOverlay);
  for (const char* bad : {"", "ploop", "Overlay", "simfs "}) {
    auto layout = vz::ParseLayout(bad);
    ASSERT_FALSE(layout) << bad;
    EXPECT_EQ(layout.error().kind(), vz::ErrorKind::kInvalidArgument);
  }
  EXPECT_EQ(vz::LayoutName(vz::Layout::kOverlay), "overlay");
}

// Two overlay containers of one template: each private area is an empty
// layer owned by its own root, and both name one tree, unpacked once with
// the template's own ids under a directory for host root only.
TEST_F(CreateTree, OverlayContainersShareOneTreeOfTheTemplate) {
  if (geteuid() != 0) GTEST_SKIP() << "create sets file ownership: needs root";
  ASSERT_TRUE(CreateIn(root_, 201, vz::Layout::kOverlay));
  ASSERT_TRUE(CreateIn(root_, 202, vz::Layout::kOverlay));
  const fs::path priv = root_ / "vz/private/201";
  EXPECT_NE(ReadAll(root_ / "etc/vz/conf/201.conf").find("VE_LAYOUT=\"overlay\""),
            std::string::npos);
  struct stat st;
  ASSERT_EQ(::lstat((priv / "upper").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 8100000u);
  EXPECT_TRUE(fs::is_empty(priv / "upper"));
  EXPECT_TRUE(fs::is_directory(priv / "work"));
  EXPECT_TRUE(fs::is_directory(priv / "lower"));
  const fs::path tree = fs::read_symlink(priv / "template");
  EXPECT_EQ(tree, fs::read_symlink(root_ / "vz/private/202/template"));
  EXPECT_EQ(tree.parent_path(), root_ / "vz/template/tree/tiny");
  EXPECT_EQ(ReadAll(tree / "bin/hello"), "hello\n");
  ASSERT_EQ(::lstat((tree / "bin/hello").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 0u) << "the tree keeps the template's ids";
  ASSERT_EQ(::lstat((root_ / "vz/template/tree").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
}

// A cache rewritten after a container was made gives the next container a
// tree of its own; the first keeps its tree, and destroy takes only the
// container's layer.
TEST_F(CreateTree, AnUpdatedCacheGivesNewContainersANewTree) {
  if (geteuid() != 0) GTEST_SKIP() << "create sets file ownership: needs root";
  ASSERT_TRUE(CreateIn(root_, 203, vz::Layout::kOverlay));
  const fs::path old_tree = fs::read_symlink(root_ / "vz/private/203/template");
  Write("tmpl/bin/hello", "hello again\n");
  const std::string tar = "tar -C " + (root_ / "tmpl").string() + " -czf " +
                          (root_ / "vz/template/cache/tiny.tar.gz").string() + " .";
  ASSERT_EQ(std::system(tar.c_str()), 0);
  ASSERT_TRUE(CreateIn(root_, 204, vz::Layout::kOverlay));
  const fs::path new_tree = fs::read_symlink(root_ / "vz/private/204/template");
  EXPECT_NE(new_tree, old_tree);
  EXPECT_EQ(ReadAll(old_tree / "bin/hello"), "hello\n");
  EXPECT_EQ(ReadAll(new_tree / "bin/hello"), "hello again\n");
  auto ct = vz::Container::Open(vz::Paths{.prefix = root_}, 203);
  ASSERT_TRUE(ct);
  ASSERT_TRUE(vz::DestroyContainer(*ct));
  EXPECT_FALSE(fs::exists(root_ / "vz/private/203"));
  EXPECT_TRUE(fs::exists(old_tree / "bin/hello"));
}

// vz.conf chooses the layout when create is not told; CTID.conf then says
// it, so a later change of vz.conf does not change the container.
TEST_F(CreateTree, CreateWritesTheLayoutItUsed) {
  if (geteuid() != 0) GTEST_SKIP() << "create sets file ownership: needs root";
  ASSERT_TRUE(CreateIn(root_, 205, std::nullopt));
  EXPECT_NE(ReadAll(root_ / "etc/vz/conf/205.conf").find("VE_LAYOUT=\"simfs\""), std::string::npos);
  EXPECT_TRUE(fs::exists(root_ / "vz/private/205/bin/hello"));
  std::ofstream(root_ / "etc/vz/vz.conf", std::ios::app) << "VE_LAYOUT=\"overlay\"\n";
  ASSERT_TRUE(CreateIn(root_, 206, std::nullopt));
  EXPECT_TRUE(fs::is_symlink(root_ / "vz/private/206/template"));
  auto ct = vz::Container::Open(vz::Paths{.prefix = root_}, 205);
  ASSERT_TRUE(ct);
  EXPECT_EQ(vz::ContainerLayout(*ct), vz::Layout::kSimfs);
}

// A layout create does not know is refused before anything is written.
TEST_F(CreateTree, AnUnknownLayoutInVzConfIsRefusedCleanly) {
  std::ofstream(root_ / "etc/vz/vz.conf", std::ios::app) << "VE_LAYOUT=\"ploop\"\n";
  auto created = CreateIn(root_, 207, std::nullopt);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().kind(), vz::ErrorKind::kBadConfig);
  EXPECT_NE(created.error().message().find("ploop"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "etc/vz/conf/207.conf"));
  EXPECT_FALSE(fs::exists(root_ / "vz/private/207"));
}

}  // namespace
