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

#include "core/file.h"
#include "core/lock_file.h"
#include "core/unique_fd.h"

namespace vz {

namespace {

using internal::DescribeProcess;
using internal::MakeLockDir;
using internal::ParsePid;
using internal::ReadPid;
using internal::UniqueFd;
using internal::WritePid;

namespace fs = std::filesystem;

// How many times Acquire opens the lock file anew after finding that the
// file it locked had been unlinked under it. Each round means that another
// process took and released the lock meanwhile; more than a few in a row
// means something keeps deleting the file.
constexpr int kMaxAttempts = 10;

fs::path LockPath(const fs::path& lock_dir, unsigned int veid) {
  return lock_dir / (std::to_string(veid) + ".lck");
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

std::optional<pid_t> LockHolder(const fs::path& lock_dir, unsigned int veid) {
  auto content = internal::ReadFile(LockPath(lock_dir, veid));
  if (!content) return std::nullopt;
  return ParsePid(*content);
}

}  // namespace vz
