// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/core/lock.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/host_lock.h"
#include "test_dir.h"

namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string PidLine(pid_t pid) { return std::to_string(pid) + "\n"; }

// The permission bits of `path`, or -1 when it cannot be stat()ed.
int Mode(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

mode_t CurrentUmask() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// A forked process that runs `setup`, tells the parent whether it worked,
// then sleeps until it is killed. The destructor kills and reaps it, so a
// failed assertion in the parent leaves no process behind.
class Child {
 public:
  explicit Child(const std::function<bool()>& setup) {
    int fds[2];
    if (::pipe(fds) != 0) {
      ADD_FAILURE() << "pipe() failed";
      return;
    }
    pid_ = ::fork();
    if (pid_ == 0) RunChild(setup, fds[1]);
    ::close(fds[1]);
    char answer = 0;
    if (pid_ < 0) ADD_FAILURE() << "fork() failed";
    if (pid_ > 0 && ::read(fds[0], &answer, 1) != 1) ADD_FAILURE() << "child said nothing";
    ::close(fds[0]);
    ready_ = answer == 'y';
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;
  ~Child() { Kill(); }

  pid_t pid() const { return pid_; }
  bool ready() const { return ready_; }

  // SIGKILLs the child and waits until it is gone.
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

 private:
  [[noreturn]] static void RunChild(const std::function<bool()>& setup, int fd) {
    char answer = setup() ? 'y' : 'n';
    if (::write(fd, &answer, 1) != 1) ::_exit(1);
    for (;;) ::pause();
  }

  pid_t pid_ = -1;
  bool ready_ = false;
};

// A child that takes the lock of container 101 in `dir` and keeps it.
bool TakeLock(const fs::path& dir) {
  // Kept until the child is SIGKILLed, which ends it as a crashed vzctl.
  static std::optional<vz::CtLock> held;
  auto lock = vz::CtLock::Acquire(dir, 101);
  if (!lock) return false;
  held.emplace(std::move(*lock));
  return true;
}

// The pid of a process that has exited and been reaped.
pid_t DeadPid() {
  pid_t pid = ::fork();
  if (pid == 0) ::_exit(0);
  ::waitpid(pid, nullptr, 0);
  return pid;
}

// Opens `path`, writes `content` to it and flocks it: a holder that is not a
// CtLock, so that the test decides what the file says. Returns the fd.
int HoldByHand(const fs::path& path, const std::string& content) {
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (::write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size()) ||
      ::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// The command line of this process as a lock message shows it: the
// arguments from /proc/self/cmdline, separated by spaces.
std::string OurCommandLine() {
  std::string cmdline = Slurp("/proc/self/cmdline");
  std::ranges::replace(cmdline, '\0', ' ');
  while (!cmdline.empty() && cmdline.back() == ' ') cmdline.pop_back();
  return cmdline;
}

TEST(CtLock, AcquireWritesOurPid) {
  vztest::TestDir dir;
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  EXPECT_EQ(lock->path(), dir.path() / "101.lck");
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), PidLine(::getpid()));
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), ::getpid());
  EXPECT_EQ(Mode(lock->path()) & 077, 0) << "the lock file must be private";
}

TEST(CtLock, SecondAcquireInTheSameProcessIsLocked) {
  vztest::TestDir dir;
  auto first = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  auto second = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().kind(), vz::ErrorKind::kLocked);
  EXPECT_EQ(second.error().err_no(), EBUSY);
  std::string message = second.error().message();
  std::string expected = "container 101 is locked by pid " + std::to_string(::getpid()) + " (" +
                         OurCommandLine() + "): ";
  EXPECT_EQ(message.rfind(expected, 0), 0u) << message;
  EXPECT_EQ(message.find('\0'), std::string::npos) << message;
  // The failed attempt left the holder's lock file as it was.
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), PidLine(::getpid()));
}

TEST(CtLock, OtherContainersAreNotLocked) {
  vztest::TestDir dir;
  auto first = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(first.has_value()) << first.error().message();
  auto other = vz::CtLock::Acquire(dir.path(), 102);
  ASSERT_TRUE(other.has_value()) << other.error().message();
  EXPECT_EQ(other->path(), dir.path() / "102.lck");
}

TEST(CtLock, ReleaseRemovesTheFileAndAllowsReacquire) {
  vztest::TestDir dir;
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  lock->Release();
  EXPECT_FALSE(fs::exists(dir.path() / "101.lck"));
  lock->Release();  // a second Release does nothing
  auto again = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(again.has_value()) << again.error().message();
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), PidLine(::getpid()));
}

TEST(CtLock, DestructorReleases) {
  vztest::TestDir dir;
  {
    auto lock = vz::CtLock::Acquire(dir.path(), 101);
    ASSERT_TRUE(lock.has_value()) << lock.error().message();
    ASSERT_TRUE(fs::exists(dir.path() / "101.lck"));
  }
  EXPECT_FALSE(fs::exists(dir.path() / "101.lck"));
  EXPECT_TRUE(vz::CtLock::Acquire(dir.path(), 101).has_value());
}

TEST(CtLock, MovingHandsTheLockOn) {
  vztest::TestDir dir;
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  auto other = vz::CtLock::Acquire(dir.path(), 102);
  ASSERT_TRUE(other.has_value()) << other.error().message();
  {
    vz::CtLock moved(std::move(*lock));
    lock->Release();  // the moved-from object holds nothing
    EXPECT_TRUE(fs::exists(dir.path() / "101.lck"));
    // Assigning releases what `other` held and takes over 101.
    *other = std::move(moved);
    EXPECT_FALSE(fs::exists(dir.path() / "102.lck"));
    EXPECT_EQ(other->path(), dir.path() / "101.lck");
  }
  EXPECT_TRUE(fs::exists(dir.path() / "101.lck"));
  EXPECT_FALSE(vz::CtLock::Acquire(dir.path(), 101).has_value());
  other->Release();
  EXPECT_FALSE(fs::exists(dir.path() / "101.lck"));
}

TEST(CtLock, LockOfAnotherProcessIsRespected) {
  vztest::TestDir dir;
  Child child([&] { return TakeLock(dir.path()); });
  ASSERT_TRUE(child.ready());
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().kind(), vz::ErrorKind::kLocked);
  std::string message = lock.error().message();
  std::string expected = "locked by pid " + std::to_string(child.pid()) + " (";
  EXPECT_NE(message.find(expected), std::string::npos) << message;
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), child.pid());
}

TEST(CtLock, LockOfAKilledProcessIsTakenOver) {
  vztest::TestDir dir;
  Child child([&] { return TakeLock(dir.path()); });
  ASSERT_TRUE(child.ready());
  pid_t child_pid = child.pid();
  ASSERT_FALSE(vz::CtLock::Acquire(dir.path(), 101).has_value());
  child.Kill();
  // The killed child could not clean up: its lock file is still there.
  ASSERT_EQ(vz::LockHolder(dir.path(), 101), child_pid);
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), PidLine(::getpid()));
}

TEST(CtLock, UnlockedOldStyleLockFileIsTakenOver) {
  vztest::TestDir dir;
  dir.Write("101.lck", "999999\n");
  ASSERT_EQ(vz::LockHolder(dir.path(), 101), 999999);
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  // Exactly our pid: nothing of the longer old content is left.
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), PidLine(::getpid()));
}

TEST(CtLock, GarbageLockFileIsTakenOver) {
  vztest::TestDir dir;
  dir.Write("101.lck", "not a pid\nat all\n");
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), std::nullopt);
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), PidLine(::getpid()));
}

TEST(CtLock, HolderWithoutCommandLineIsNamedByPid) {
  vztest::TestDir dir;
  pid_t dead = DeadPid();
  int fd = HoldByHand(dir.path() / "101.lck", PidLine(dead));
  ASSERT_GE(fd, 0);
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ::close(fd);
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().kind(), vz::ErrorKind::kLocked);
  EXPECT_EQ(lock.error().context(), "container 101 is locked by pid " + std::to_string(dead));
}

TEST(CtLock, HolderWithoutPidIsNotNamed) {
  vztest::TestDir dir;
  int fd = HoldByHand(dir.path() / "101.lck", "");
  ASSERT_GE(fd, 0);
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ::close(fd);
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().kind(), vz::ErrorKind::kLocked);
  EXPECT_EQ(lock.error().context(), "container 101 is locked");
}

TEST(CtLock, ForkedChildDoesNotKeepTheLockAfterRelease) {
  vztest::TestDir dir;
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  Child child([] { return true; });  // inherits the flocked descriptor
  ASSERT_TRUE(child.ready());
  lock->Release();
  auto again = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(again.has_value()) << again.error().message();
}

TEST(CtLock, DescriptorIsCloseOnExec) {
  vztest::TestDir dir;
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  int found = 0;
  for (const auto& entry : fs::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    if (fs::read_symlink(entry.path(), ec) != fs::canonical(lock->path())) continue;
    int fd = std::stoi(entry.path().filename().string());
    EXPECT_NE(::fcntl(fd, F_GETFD) & FD_CLOEXEC, 0) << "fd " << fd;
    ++found;
  }
  EXPECT_EQ(found, 1);
}

TEST(CtLock, ReleaseLeavesAReplacedFileAlone) {
  vztest::TestDir dir;
  auto lock = vz::CtLock::Acquire(dir.path(), 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  fs::remove(lock->path());
  dir.Write("101.lck", "999999\n");
  lock->Release();
  EXPECT_EQ(Slurp(dir.path() / "101.lck"), "999999\n");
}

// The body of one contender in ConcurrentAcquirersExcludeEachOther: takes
// and drops the lock again and again, and while it holds it owns `marker`,
// which O_EXCL proves no other holder has. Exits 0, or 2 when it found the
// marker taken (two holders at once), or 3 on an unexpected error.
[[noreturn]] void Contend(const fs::path& dir, int rounds) {
  fs::path marker = dir / "holder";
  for (int i = 0; i < rounds; ++i) {
    auto lock = vz::CtLock::Acquire(dir, 101);
    if (!lock && lock.error().kind() == vz::ErrorKind::kLocked) continue;
    if (!lock) ::_exit(3);
    int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) ::_exit(errno == EEXIST ? 2 : 3);
    ::close(fd);
    ::sched_yield();
    ::unlink(marker.c_str());
    lock->Release();
  }
  ::_exit(0);
}

TEST(CtLock, ConcurrentAcquirersExcludeEachOther) {
  vztest::TestDir dir;
  std::vector<pid_t> pids;
  for (int i = 0; i < 4; ++i) {
    pid_t pid = ::fork();
    if (pid == 0) Contend(dir.path(), 2000);
    ASSERT_GT(pid, 0) << "fork() failed";
    pids.push_back(pid);
  }
  for (pid_t pid : pids) {
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
    EXPECT_EQ(WEXITSTATUS(status), 0) << "2 means two holders at once";
  }
}

TEST(CtLock, MissingLockDirIsCreated) {
  vztest::TestDir dir;
  fs::path lock_dir = dir.path() / "vz" / "lock";
  auto lock = vz::CtLock::Acquire(lock_dir, 101);
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  EXPECT_TRUE(fs::is_directory(lock_dir));
  EXPECT_EQ(Mode(lock_dir), static_cast<int>(0755 & ~CurrentUmask()));
  EXPECT_EQ(Slurp(lock_dir / "101.lck"), PidLine(::getpid()));
}

TEST(CtLock, LockDirThatIsAFileIsASystemError) {
  vztest::TestDir dir;
  dir.Write("lock", "not a directory\n");
  auto lock = vz::CtLock::Acquire(dir.path() / "lock", 101);
  ASSERT_FALSE(lock.has_value());
  EXPECT_EQ(lock.error().kind(), vz::ErrorKind::kSystem);
  EXPECT_EQ(lock.error().err_no(), ENOTDIR);
  std::string message = lock.error().message();
  std::string expected = "mkdir(" + (dir.path() / "lock").string() + "): ";
  EXPECT_EQ(message.rfind(expected, 0), 0u) << message;
}

TEST(LockHolder, ReadsThePidOfAnyLockFile) {
  vztest::TestDir dir;
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), std::nullopt);
  dir.Write("101.lck", "1234\n");
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), 1234);
  dir.Write("101.lck", "0\n");
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), std::nullopt);
  dir.Write("101.lck", "-5\n");
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), std::nullopt);
  dir.Write("101.lck", "12ab\n");
  EXPECT_EQ(vz::LockHolder(dir.path(), 101), std::nullopt);
}

// In a Child: takes the id-ranges lock of `dir` and keeps it until the
// child ends.
bool HoldIdRanges(const fs::path& dir) {
  static std::optional<vz::internal::HostLock> held;
  auto lock = vz::internal::HostLock::Acquire(dir, "id-ranges", std::chrono::seconds(1));
  if (!lock) return false;
  held.emplace(std::move(*lock));
  return true;
}

TEST(HostLock, SecondHolderWaitsThenFailsNamingTheFirst) {
  vztest::TestDir dir;
  Child holder([&] { return HoldIdRanges(dir.path()); });
  ASSERT_TRUE(holder.ready());
  const auto start = std::chrono::steady_clock::now();
  auto lock =
      vz::internal::HostLock::Acquire(dir.path(), "id-ranges", std::chrono::milliseconds(200));
  ASSERT_FALSE(lock.has_value());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
  EXPECT_EQ(lock.error().kind(), vz::ErrorKind::kLocked);
  EXPECT_NE(lock.error().message().find((dir.path() / "id-ranges.lck").string() +
                                        " is held by pid " + std::to_string(holder.pid())),
            std::string::npos)
      << lock.error().message();
  holder.Kill();  // the kernel drops the flock of a dead holder
  lock = vz::internal::HostLock::Acquire(dir.path(), "id-ranges", std::chrono::milliseconds(200));
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  EXPECT_EQ(Slurp(dir.path() / "id-ranges.lck"), PidLine(::getpid()));
}

TEST(HostLock, AWaiterGetsTheLockWhenTheHolderLetsGo) {
  vztest::TestDir dir;
  Child holder([&] { return HoldIdRanges(dir.path()); });
  ASSERT_TRUE(holder.ready());
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    holder.Kill();
  });
  auto lock = vz::internal::HostLock::Acquire(dir.path(), "id-ranges", std::chrono::seconds(30));
  release.join();
  ASSERT_TRUE(lock.has_value()) << lock.error().message();
  EXPECT_EQ(Slurp(dir.path() / "id-ranges.lck"), PidLine(::getpid()));
  // Held by us now: another open file of the same lock does not get it.
  EXPECT_FALSE(
      vz::internal::HostLock::Acquire(dir.path(), "id-ranges", std::chrono::milliseconds(50)));
}

TEST(HostLock, ReleaseLetsTheNextOneInAndKeepsTheFile) {
  vztest::TestDir dir;
  auto first =
      vz::internal::HostLock::Acquire(dir.path() / "sub", "x", std::chrono::milliseconds(0));
  ASSERT_TRUE(first.has_value()) << first.error().message();
  EXPECT_FALSE(
      vz::internal::HostLock::Acquire(dir.path() / "sub", "x", std::chrono::milliseconds(0)));
  first->Release();
  EXPECT_TRUE(fs::exists(dir.path() / "sub/x.lck"));
  EXPECT_TRUE(
      vz::internal::HostLock::Acquire(dir.path() / "sub", "x", std::chrono::milliseconds(0)));
}

}  // namespace
