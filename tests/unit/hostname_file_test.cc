// SPDX-License-Identifier: GPL-2.0-or-later
#include "uts/hostname_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "test_dir.h"

namespace {

namespace fs = std::filesystem;

// Runs WriteHostnameFile in a child that SIGALRM kills after 5 seconds:
// its errno, or -1 when it hung.
int WriteWithin5s(const fs::path& path) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::alarm(5);
    _exit(vz::internal::WriteHostnameFile("ct101", path.c_str()));
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(HostnameFile, AFifoIsReplacedNotOpened) {
  vztest::TestDir dir;
  const fs::path path = dir.path() / "hostname";
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  EXPECT_EQ(WriteWithin5s(path), 0) << "-1: blocked on the FIFO";
  // Reading a FIFO that is still there would block this test itself.
  ASSERT_TRUE(fs::is_regular_file(fs::symlink_status(path)));
  EXPECT_EQ(ReadAll(path), "ct101\n");
}

TEST(HostnameFile, ASymlinkIsReplacedAndItsTargetKept) {
  vztest::TestDir dir;
  dir.Write("outside", "host\n");
  const fs::path path = dir.path() / "hostname";
  fs::create_symlink(dir.path() / "outside", path);
  EXPECT_EQ(WriteWithin5s(path), 0);
  EXPECT_FALSE(fs::is_symlink(fs::symlink_status(path)));
  EXPECT_EQ(ReadAll(path), "ct101\n");
  EXPECT_EQ(ReadAll(dir.path() / "outside"), "host\n");
}

TEST(HostnameFile, ADirectoryIsAnError) {
  vztest::TestDir dir;
  fs::create_directory(dir.path() / "hostname");
  EXPECT_EQ(WriteWithin5s(dir.path() / "hostname"), EISDIR);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), {}), 1) << "a temp file was left";
}

}  // namespace
