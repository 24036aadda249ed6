// SPDX-License-Identifier: GPL-2.0-or-later
#include "core/remove_tree.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "test_dir.h"

namespace {

namespace fs = std::filesystem;

// Lowers the soft RLIMIT_NOFILE for one scope.
class FewDescriptors {
 public:
  explicit FewDescriptors(rlim_t limit) {
    ::getrlimit(RLIMIT_NOFILE, &saved_);
    rlimit low = saved_;
    low.rlim_cur = limit;
    ::setrlimit(RLIMIT_NOFILE, &low);
  }
  FewDescriptors(const FewDescriptors&) = delete;
  FewDescriptors& operator=(const FewDescriptors&) = delete;
  ~FewDescriptors() { ::setrlimit(RLIMIT_NOFILE, &saved_); }

 private:
  rlimit saved_{};
};

// `depth` nested directories "d" below `dir`, made through descriptors
// because the whole path is longer than PATH_MAX.
void MakeDeep(const fs::path& dir, int depth) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  for (int i = 0; i < depth; ++i) {
    ASSERT_EQ(::mkdirat(fd, "d", 0755), 0);
    const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ::close(fd);
    ASSERT_GE(next, 0);
    fd = next;
  }
  ::close(::openat(fd, "f", O_WRONLY | O_CREAT | O_CLOEXEC, 0644));
  ::close(fd);
}

TEST(RemoveTree, RemovesATreeDeeperThanTheDescriptorLimit) {
  vztest::TestDir dir;
  fs::create_directory(dir.path() / "tree");
  MakeDeep(dir.path() / "tree", 3000);
  vz::Status removed;
  {
    FewDescriptors few(32);
    removed = vz::internal::RemoveTree(dir.path() / "tree");
  }
  ASSERT_TRUE(removed.has_value()) << removed.error().message();
  EXPECT_FALSE(fs::exists(fs::symlink_status(dir.path() / "tree")));
}

TEST(RemoveTree, RemovesLinksNotWhatTheyPointAt) {
  vztest::TestDir dir;
  dir.Write("outside/keep", "host");
  dir.Write("tree/a/b/file", "x");
  fs::create_directory_symlink(dir.path() / "outside", dir.path() / "tree/a/b/link");
  fs::create_symlink(dir.path() / "outside/keep", dir.path() / "tree/a/file-link");
  auto removed = vz::internal::RemoveTree(dir.path() / "tree");
  ASSERT_TRUE(removed.has_value()) << removed.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "tree"));
  EXPECT_TRUE(fs::exists(dir.path() / "outside/keep"));
}

TEST(RemoveTree, ATopThatIsASymlinkIsUnlinkedItself) {
  vztest::TestDir dir;
  dir.Write("outside/keep", "host");
  fs::create_directory_symlink(dir.path() / "outside", dir.path() / "link");
  auto removed = vz::internal::RemoveTree(dir.path() / "link");
  ASSERT_TRUE(removed.has_value()) << removed.error().message();
  EXPECT_FALSE(fs::exists(fs::symlink_status(dir.path() / "link")));
  EXPECT_TRUE(fs::exists(dir.path() / "outside/keep"));
}

TEST(RemoveTree, AMissingPathIsNothingToDo) {
  vztest::TestDir dir;
  EXPECT_TRUE(vz::internal::RemoveTree(dir.path() / "nope").has_value());
}

// Runs RemoveTree(path): 0 when it failed with `err` naming `entry`, 1 when
// it failed otherwise, 2 when it succeeded.
int RemoveResult(const fs::path& path, const std::string& entry, int err) {
  auto removed = vz::internal::RemoveTree(path);
  if (removed) return 2;
  const bool named = removed.error().message().find(entry) != std::string::npos;
  return removed.error().err_no() == err && named ? 0 : 1;
}

// Runs RemoveTree(path) as user nobody in a child: 0 when it failed with
// EACCES naming `entry`, 1 when it failed otherwise, 2 when it succeeded.
int RemoveAsNobody(const fs::path& path, const std::string& entry) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::setresgid(65534, 65534, 65534) != 0 || ::setresuid(65534, 65534, 65534) != 0) _exit(3);
    _exit(RemoveResult(path, entry, EACCES));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(RemoveTree, AFailureIsAnErrorNamingTheEntry) {
  vztest::TestDir dir;
  dir.Write("tree/locked/file", "x");
  const fs::path tree = dir.path() / "tree";
  if (::geteuid() == 0) {
    ::chmod(dir.path().c_str(), 0755);
    for (const fs::path& p : {tree, tree / "locked", tree / "locked/file"})
      ASSERT_EQ(::chown(p.c_str(), 65534, 65534), 0);
  }
  ::chmod((tree / "locked").c_str(), 0555);
  const int result = ::geteuid() == 0 ? RemoveAsNobody(tree, "tree/locked/file")
                                      : RemoveResult(tree, "tree/locked/file", EACCES);
  ::chmod((tree / "locked").c_str(), 0755);
  EXPECT_EQ(result, 0) << "0: EACCES naming the file, 1: another error, 2: success";
  EXPECT_TRUE(fs::exists(tree / "locked/file"));
}

// In a child with a mount namespace of its own, bind-mounts `source` on
// `target` (the same file system, so the same st_dev) and removes `tree`:
// 0 when that failed with EXDEV naming the mount point, 1 when it failed
// otherwise, 2 when it succeeded, 77 when the child could not set up.
int RemoveAcrossBindMount(const fs::path& source, const fs::path& target, const fs::path& tree) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::unshare(CLONE_NEWNS) != 0 ||
        ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
        ::mount(source.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) != 0)
      _exit(77);
    const int result = RemoveResult(tree, "tree/a/mnt", EXDEV);
    ::umount2(target.c_str(), MNT_DETACH);
    _exit(result);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(RemoveTree, ABindMountOfTheSameFileSystemIsNotCrossed) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for a mount namespace";
  vztest::TestDir dir;
  dir.Write("outside/keep", "host");
  dir.Write("tree/a/file", "x");
  fs::create_directory(dir.path() / "tree/a/mnt");
  const int result =
      RemoveAcrossBindMount(dir.path() / "outside", dir.path() / "tree/a/mnt", dir.path() / "tree");
  if (result == 77) GTEST_SKIP() << "no mount namespace here";
  EXPECT_EQ(result, 0) << "0: EXDEV naming the mount point, 1: another error, 2: success";
  EXPECT_TRUE(fs::exists(dir.path() / "outside/keep"));
}

}  // namespace
