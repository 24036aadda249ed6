// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/core/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>
#include <string_view>
#include <thread>

#include "core/file.h"
#include "core/unique_fd.h"

namespace vz {

namespace {

using internal::UniqueFd;

namespace fs = std::filesystem;

// How many times Acquire opens the lock file anew after finding that the
// file it locked had been unlinked under it. Each round means that another
// process took and released the lock meanwhile; more than a few in a row
// means something keeps deleting the file.
constexpr int kMaxAttempts = 10;

fs::path LockPath(const fs::path& lock_dir, unsigned int veid) {
  return lock_dir / (std::to_string(veid) + ".lck");
}

// mkdir(dir, 0755), where an existing directory is fine.
Status MakeDir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0) return {};
  if (errno != EEXIST) return ErrnoError("mkdir(" + dir.string() + ")");
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return ErrnoError("stat(" + dir.string() + ")");
  if (!S_ISDIR(st.st_mode)) return MakeError(ENOTDIR, "mkdir(" + dir.string() + ")");
  return {};
}

// Creates the lock directory and its missing parents, like mkdir -p.
Status MakeLockDir(const fs::path& lock_dir) {
  if (lock_dir.empty()) {
    return KindError(ErrorKind::kInvalidArgument, "lock directory: empty path", EINVAL);
  }
  struct stat st;
  if (::stat(lock_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return {};
  fs::path dir;
  for (const fs::path& part : lock_dir) {
    if (part.empty()) continue;  // the trailing "" of "a/b/"
    dir /= part;
    if (auto made = MakeDir(dir); !made) return made;
  }
  return {};
}

// A pid from the first line of a lock file: "1234\n". Anything else
// (empty, garbage, 0, negative) gives nothing.
std::optional<pid_t> ParsePid(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  pid_t pid = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, pid);
  if (ec != std::errc() || ptr != end || pid <= 0) return std::nullopt;
  return pid;
}

// The pid in the lock file open on `fd`, read through the descriptor so that
// it is the file we found locked even if the path changes meanwhile.
std::optional<pid_t> ReadPid(int fd) {
  char buf[64];
  ssize_t n;
  do {
    n = ::pread(fd, buf, sizeof(buf), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return std::nullopt;
  return ParsePid(std::string_view(buf, static_cast<size_t>(n)));
}

// "pid 1234 (vzctl start 101)", or "pid 1234" when its command line cannot
// be read (the process is gone, or is a kernel thread).
std::string DescribeProcess(pid_t pid) {
  std::string who = "pid " + std::to_string(pid);
  auto cmdline = internal::ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  if (!cmdline) return who;
  std::ranges::replace(*cmdline, '\0', ' ');
  while (!cmdline->empty() && cmdline->back() == ' ') cmdline->pop_back();
  if (cmdline->empty()) return who;
  return who + " (" + *cmdline + ")";
}

// The error for a lock that another open file description holds.
std::unexpected<Error> LockedError(int fd, unsigned int veid) {
  std::string context = "container " + std::to_string(veid) + " is locked";
  if (auto pid = ReadPid(fd)) context += " by " + DescribeProcess(*pid);
  return KindError(ErrorKind::kLocked, std::move(context), EBUSY);
}

// Whether `fd` is still the file at `path`: false when its holder unlinked
// it after we opened it (and maybe another process created a new one).
Result<bool> IsCurrent(int fd, const fs::path& path) {
  struct stat by_fd;
  struct stat by_path;
  if (::fstat(fd, &by_fd) != 0) return ErrnoError("fstat(" + path.string() + ")");
  if (::stat(path.c_str(), &by_path) != 0) {
    if (errno == ENOENT) return false;
    return ErrnoError("stat(" + path.string() + ")");
  }
  return by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

// One attempt at the lock: the flocked descriptor, or -1 when the file was
// replaced under us and the caller should open the new one.
Result<int> TryLock(const fs::path& path, unsigned int veid) {
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600));
  if (fd.get() < 0) return ErrnoError("open(" + path.string() + ")");
  int rc;
  do {
    rc = ::flock(fd.get(), LOCK_EX | LOCK_NB);
  } while (rc != 0 && errno == EINTR);
  if (rc != 0 && errno != EWOULDBLOCK) return ErrnoError("flock(" + path.string() + ")");
  auto current = IsCurrent(fd.get(), path);
  if (!current) return std::unexpected(current.error());
  // A file that is no longer at the path is being released: start over,
  // whether or not its old holder has closed it yet.
  if (!*current) return -1;
  if (rc != 0) return LockedError(fd.get(), veid);
  return fd.release();
}

// Replaces the content of the lock file with "<our pid>\n".
Status WritePid(int fd, const fs::path& path) {
  std::string line = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0) return ErrnoError("ftruncate(" + path.string() + ")");
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::pwrite(fd, line.data() + done, line.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("write(" + path.string() + ")");
    if (n == 0) return MakeError(EIO, "write(" + path.string() + ")");
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return ErrnoError("fsync(" + path.string() + ")");
  return {};
}

}  // namespace

Result<CtLock> CtLock::Acquire(const fs::path& lock_dir, unsigned int veid) {
  if (auto made = MakeLockDir(lock_dir); !made) return std::unexpected(made.error());
  fs::path path = LockPath(lock_dir, veid);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto fd = TryLock(path, veid);
    if (!fd) return std::unexpected(fd.error());
    if (*fd < 0) continue;
    CtLock lock(path, *fd);  // from here on, failing releases the lock
    if (auto written = WritePid(*fd, path); !written) return std::unexpected(written.error());
    return lock;
  }
  return KindError(ErrorKind::kLocked,
                   "flock(" + path.string() + "): the lock file was replaced " +
                       std::to_string(kMaxAttempts) + " times in a row",
                   EAGAIN);
}

CtLock::CtLock(CtLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

CtLock& CtLock::operator=(CtLock&& other) noexcept {
  if (this != &other) {
    Release();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

CtLock::~CtLock() { Release(); }

void CtLock::Release() {
  if (fd_ < 0) return;
  // Unlink while the flock is still held, so that a process waiting on this
  // file sees the change once it gets the flock. Leave a file alone that is
  // no longer ours: someone else removed ours and made a new one.
  auto current = IsCurrent(fd_, path_);
  if (current && *current) ::unlink(path_.c_str());
  ::close(fd_);
  fd_ = -1;
}

Result<HostLock> HostLock::Acquire(const fs::path& lock_dir, const std::string& name,
                                   std::chrono::milliseconds timeout) {
  if (auto made = MakeLockDir(lock_dir); !made) return std::unexpected(made.error());
  fs::path path = lock_dir / (name + ".lck");
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return ErrnoError("open(" + path.string() + ")");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return ErrnoError("flock(" + path.string() + ")");
    if (std::chrono::steady_clock::now() >= deadline) {
      std::string context = path.string() + " is held";
      if (auto pid = ReadPid(fd.get())) context += " by " + DescribeProcess(*pid);
      return KindError(ErrorKind::kLocked, std::move(context), EBUSY);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (auto written = WritePid(fd.get(), path); !written) return std::unexpected(written.error());
  return HostLock(std::move(path), fd.release());
}

HostLock::HostLock(HostLock&& other) noexcept
    : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}

HostLock& HostLock::operator=(HostLock&& other) noexcept {
  if (this != &other) {
    Release();
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

HostLock::~HostLock() { Release(); }

void HostLock::Release() {
  if (fd_ < 0) return;
  ::close(fd_);
  fd_ = -1;
}

std::optional<pid_t> LockHolder(const fs::path& lock_dir, unsigned int veid) {
  auto content = internal::ReadFile(LockPath(lock_dir, veid));
  if (!content) return std::nullopt;
  return ParsePid(*content);
}

}  // namespace vz
