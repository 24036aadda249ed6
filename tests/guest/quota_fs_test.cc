// SPDX-License-Identifier: GPL-2.0-or-later
// Disk quota on the guest's scratch disk (ext4 with project quota, mounted
// prjquota on /vz), through libvz without a kernel VE: create makes the
// private area the container's project with its limits, the limits hold
// for the container's ids, quotaon/off/init and destroy do what they say,
// and a filesystem without project quota (the guest's tmpfs /tmp) is
// refused before anything is made.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "quota_cmd.h"
#include "vz/fs/create.h"
#include "vz/fs/destroy.h"
#include "vz/quota/quota.h"

namespace {

namespace fs = std::filesystem;

constexpr unsigned int kCt = 101;
constexpr uid_t kCtRoot = 65536 * kCt;  // the default map's container root

// fsx_projid of `path` and whether it has the inherit flag; -1 on error.
int ProjectOf(const fs::path& path, bool* inherit = nullptr) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  fsxattr attr{};
  const bool ok = fd >= 0 && ::ioctl(fd, FS_IOC_FSGETXATTR, &attr) == 0;
  if (fd >= 0) ::close(fd);
  if (inherit) *inherit = (attr.fsx_xflags & FS_XFLAG_PROJINHERIT) != 0;
  return ok ? static_cast<int>(attr.fsx_projid) : -1;
}

class QuotaFs : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vz-quota.XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    char on_disk[] = "/vz/quota-test.XXXXXX";
    ASSERT_NE(::mkdtemp(on_disk), nullptr);
    mnt_ = on_disk;
    WriteConfig("");
    Write("tmpl/bin/hello", "hello\n");
    fs::create_directories(root_ / "etc/vz/conf");
    fs::create_directories(root_ / "vz/template/cache");
    const std::string tar = "tar -C " + (root_ / "tmpl").string() + " -czf " +
                            (root_ / "vz/template/cache/tiny.tar.gz").string() + " .";
    ASSERT_EQ(std::system(tar.c_str()), 0);
  }
  void TearDown() override {
    fs::remove_all(root_);
    fs::remove_all(mnt_);
  }

  // vz.conf with the private areas on /vz (or on `private_base`).
  void WriteConfig(const std::string& extra, const fs::path& private_base = {}) {
    const fs::path base = private_base.empty() ? mnt_ / "private" : private_base;
    Write("etc/vz/vz.conf", "VE_ROOT=\"" + (root_ / "vz/root/$VEID").string() +
                                "\"\nVE_PRIVATE=\"" + (base / "$VEID").string() +
                                "\"\nTEMPLATE=\"" + (root_ / "vz/template").string() +
                                "\"\nLOCKDIR=\"" + (root_ / "vz/lock").string() + "\"\n" + extra);
  }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }
  vz::Container Open() { return vz::Container::Open(vz::Paths{.prefix = root_}, kCt).value(); }
  vz::Status Create(std::optional<vz::DiskLimit> space, std::optional<vz::DiskLimit> inodes) {
    auto ct = Open();
    vz::CreateOptions opts;
    opts.ostemplate = "tiny";
    opts.diskspace = space;
    opts.diskinodes = inodes;
    return vz::CreateContainer(ct, opts);
  }
  fs::path Private() const { return mnt_ / "private" / std::to_string(kCt); }

  fs::path root_, mnt_;
};

TEST_F(QuotaFs, CreateMakesThePrivateAreaItsProjectWithLimits) {
  ASSERT_TRUE(Create(vz::DiskLimit{1000, 2000}, vz::DiskLimit{100, 200}));
  bool inherit = false;
  EXPECT_EQ(ProjectOf(Private(), &inherit), static_cast<int>(kCt));
  EXPECT_TRUE(inherit);
  EXPECT_EQ(ProjectOf(Private() / "bin"), static_cast<int>(kCt));
  EXPECT_EQ(ProjectOf(Private() / "bin/hello"), static_cast<int>(kCt));
  auto stat = vz::ReadDiskQuota(Open());
  ASSERT_TRUE(stat) << stat.error().message();
  EXPECT_EQ(stat->space, (vz::DiskLimit{1000, 2000}));
  EXPECT_EQ(stat->inodes, (vz::DiskLimit{100, 200}));
  EXPECT_GE(stat->inodes_used, 3u);  // the area, bin/, bin/hello
  EXPECT_GE(stat->space_used, 4u);
  auto conf = vz::ConfigFile::Load(root_ / "etc/vz/conf/101.conf").value();
  EXPECT_EQ(conf.Get("DISKSPACE").value(), "1000:2000");
}

// Writes as the container's root (no CAP_SYS_RESOURCE) until they fail;
// the bytes written, or -errno of the failure other than EDQUOT. The
// directory is opened first, as host root: the private areas' directory
// is for host root only (the container reaches its area through a mount).
long WriteAsContainerRoot(const fs::path& file) {
  const int dirfd = ::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dirfd < 0) return -errno;
  int pipefd[2];
  if (::pipe(pipefd) != 0) return -errno;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::close(pipefd[0]);
    long total = 0;
    if (::setgid(kCtRoot) == 0 && ::setuid(kCtRoot) == 0) {
      int fd = ::openat(dirfd, file.filename().c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      static char block[4096];
      ssize_t n = 0;
      while (fd >= 0 && (n = ::write(fd, block, sizeof(block))) > 0 && total < (8 << 20))
        total += n;
      if (fd < 0 || (n < 0 && errno != EDQUOT)) total = -errno;
      if (fd >= 0 && ::fsync(fd) != 0 && errno != EDQUOT) total = -errno;
    } else {
      total = -errno;
    }
    (void)!::write(pipefd[1], &total, sizeof(total));
    ::_exit(0);
  }
  ::close(pipefd[1]);
  ::close(dirfd);
  long total = -EIO;
  (void)!::read(pipefd[0], &total, sizeof(total));
  ::close(pipefd[0]);
  ::waitpid(pid, nullptr, 0);
  return total;
}

TEST_F(QuotaFs, TheContainersWritesStopAtTheHardLimit) {
  ASSERT_TRUE(Create(vz::DiskLimit{100, 300}, std::nullopt));
  const long written = WriteAsContainerRoot(Private() / "big");
  ASSERT_GT(written, 0) << "write failed: " << std::strerror(static_cast<int>(-written));
  // 300 KiB in all, less what the tree already holds.
  EXPECT_LE(written, 300 * 1024);
  EXPECT_GE(written, 250 * 1024);
  auto stat = vz::ReadDiskQuota(Open());
  ASSERT_TRUE(stat);
  EXPECT_LE(stat->space_used, 300u);
  EXPECT_NE(stat->space_grace_ends, 0);  // past the soft limit: the grace time runs
}

TEST_F(QuotaFs, QuotaOffRemovesTheLimitsAndQuotaOnSetsThemAgain) {
  ASSERT_TRUE(Create(vz::DiskLimit{100, 300}, vz::DiskLimit{50, 60}));
  auto ct = Open();
  ASSERT_TRUE(vz::QuotaOff(ct));
  auto off = vz::ReadDiskQuota(ct).value();
  EXPECT_EQ(off.space, (vz::DiskLimit{0, 0}));
  EXPECT_EQ(off.inodes, (vz::DiskLimit{0, 0}));
  EXPECT_GT(WriteAsContainerRoot(Private() / "big"), 1 << 20);  // no limit now
  ::unlink((Private() / "big").c_str());
  ASSERT_TRUE(vz::QuotaOn(ct));
  auto on = vz::ReadDiskQuota(ct).value();
  EXPECT_EQ(on.space, (vz::DiskLimit{100, 300}));
  EXPECT_EQ(on.inodes, (vz::DiskLimit{50, 60}));
}

TEST_F(QuotaFs, QuotaInitCountsAnOlderContainerAndFollowsNothing) {
  WriteConfig("DISK_QUOTA=\"no\"\n");
  ASSERT_TRUE(Create(vz::DiskLimit{1000, 2000}, std::nullopt));
  EXPECT_EQ(ProjectOf(Private()), 0);
  auto ct = Open();
  EXPECT_EQ(vz::ReadDiskQuota(ct).error().kind(), vz::ErrorKind::kQuotaInit);
  EXPECT_EQ(vz::QuotaInit(ct).error().kind(), vz::ErrorKind::kQuotaInit);  // DISK_QUOTA=no
  // What a container's root could leave in its tree: links out of it.
  fs::create_directories(mnt_ / "outside");
  std::ofstream(mnt_ / "outside/file") << "host\n";
  fs::create_directory_symlink(mnt_ / "outside", Private() / "escape");
  fs::create_symlink(mnt_ / "outside/file", Private() / "escape-file");
  ASSERT_EQ(::lchown((Private() / "escape").c_str(), kCtRoot, kCtRoot), 0);
  ASSERT_EQ(::mkfifo((Private() / "fifo").c_str(), 0644), 0);
  WriteConfig("");
  ct = Open();
  auto init = vz::QuotaInit(ct);
  ASSERT_TRUE(init) << init.error().message();
  EXPECT_EQ(ProjectOf(Private()), static_cast<int>(kCt));
  EXPECT_EQ(ProjectOf(Private() / "bin/hello"), static_cast<int>(kCt));
  EXPECT_EQ(ProjectOf(mnt_ / "outside"), 0);
  EXPECT_EQ(ProjectOf(mnt_ / "outside/file"), 0);
  auto stat = vz::ReadDiskQuota(ct);
  ASSERT_TRUE(stat) << stat.error().message();
  EXPECT_EQ(stat->space, (vz::DiskLimit{1000, 2000}));
  // Every entry but the FIFO counts: the symlinks were made again, with
  // their targets and owners.
  uint64_t entries = 1;  // the area itself
  for (auto it = fs::recursive_directory_iterator(Private()); it != fs::end(it); ++it) ++entries;
  EXPECT_EQ(stat->inodes_used, entries - 1);
  EXPECT_EQ(fs::read_symlink(Private() / "escape"), mnt_ / "outside");
  struct stat st {};
  ASSERT_EQ(::lstat((Private() / "escape").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, kCtRoot);
}

TEST_F(QuotaFs, CreateCountsEveryEntryOfTheTemplate) {
  fs::create_directory_symlink("bin", root_ / "tmpl/sbin");
  fs::create_symlink("hello", root_ / "tmpl/bin/hi");
  const std::string tar = "tar -C " + (root_ / "tmpl").string() + " -czf " +
                          (root_ / "vz/template/cache/tiny.tar.gz").string() + " .";
  ASSERT_EQ(std::system(tar.c_str()), 0);
  ASSERT_TRUE(Create(vz::DiskLimit{1000, 2000}, std::nullopt));
  auto stat = vz::ReadDiskQuota(Open());
  ASSERT_TRUE(stat) << stat.error().message();
  EXPECT_EQ(stat->inodes_used, 5u);  // ., bin, bin/hello, bin/hi, sbin
}

TEST_F(QuotaFs, DestroyRemovesTheLimits) {
  ASSERT_TRUE(Create(vz::DiskLimit{100, 300}, std::nullopt));
  auto ct = Open();
  ASSERT_TRUE(vz::DestroyContainer(ct));
  // A new container 101 without limits is not held to the old ones.
  WriteConfig("DISK_QUOTA=\"no\"\n");
  ASSERT_TRUE(Create(std::nullopt, std::nullopt));
  WriteConfig("");
  ct = Open();
  ASSERT_TRUE(vz::QuotaInit(ct));
  auto stat = vz::ReadDiskQuota(ct).value();
  EXPECT_EQ(stat.space, (vz::DiskLimit{0, 0}));
}

TEST_F(QuotaFs, VzquotaStatPrintsTheKernelsNumbers) {
  ASSERT_TRUE(Create(vz::DiskLimit{1048576, 1153024}, vz::DiskLimit{200000, 220000}));
  std::ostringstream out, err;
  const int code =
      vzquota::Run({"stat", "101"}, vzquota::Environment{out, err, vz::Paths{.prefix = root_}});
  EXPECT_EQ(code, vzquota::kExitOk) << err.str();
  EXPECT_NE(out.str().find("1048576        1153024"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("200000         220000"), std::string::npos) << out.str();
}

TEST_F(QuotaFs, AFilesystemWithoutProjectQuotaIsRefusedBeforeAnythingIsMade) {
  // The guest's /tmp is a tmpfs: no project quota there.
  WriteConfig("", root_ / "plain");
  fs::create_directories(root_ / "plain");
  auto created = Create(vz::DiskLimit{1000, 2000}, std::nullopt);
  ASSERT_FALSE(created);
  EXPECT_EQ(created.error().kind(), vz::ErrorKind::kQuotaOn);
  EXPECT_NE(created.error().message().find("has no project quota"), std::string::npos)
      << created.error().message();
  EXPECT_NE(created.error().message().find("tune2fs -O quota,project"), std::string::npos);
  EXPECT_FALSE(fs::exists(root_ / "plain/101"));
  EXPECT_FALSE(fs::exists(root_ / "plain/101.tmp-create"));
  EXPECT_FALSE(fs::exists(root_ / "etc/vz/conf/101.conf"));
}

}  // namespace
