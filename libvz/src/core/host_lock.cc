// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/host_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "core/lock_file.h"

namespace vz::internal {

namespace fs = std::filesystem;

namespace {

// A flock(2) wait that the caller can give up: a thread blocks in flock on
// a descriptor of its own for the same open file (the lock belongs to the
// open file, so it is the caller's once taken) and reports. The caller
// thus wakes when the holder lets go, not on a timer. A thread given up
// stays blocked until the holder lets go, then drops the lock at once.
struct LockWait {
  std::mutex mutex;
  std::condition_variable done;
  bool finished = false, abandoned = false;
  int err = 0;
};

void BlockInFlock(std::shared_ptr<LockWait> wait, UniqueFd fd) {
  int err = 0;
  while (::flock(fd.get(), LOCK_EX) != 0 && (err = errno) == EINTR) err = 0;
  std::lock_guard guard(wait->mutex);
  if (wait->abandoned) return;  // fd closes: with the caller's, the lock goes
  wait->finished = true;
  wait->err = err;
  wait->done.notify_one();
}

// 0 once `fd`'s open file holds the lock, ETIMEDOUT at `deadline`, or the
// errno of a failure.
int WaitForFlock(int fd, std::chrono::steady_clock::time_point deadline) {
  UniqueFd own(::fcntl(fd, F_DUPFD_CLOEXEC, 0));
  if (own.get() < 0) return errno;
  auto wait = std::make_shared<LockWait>();
  std::thread(BlockInFlock, wait, std::move(own)).detach();
  std::unique_lock guard(wait->mutex);
  if (wait->done.wait_until(guard, deadline, [&] { return wait->finished; })) return wait->err;
  wait->abandoned = true;
  return ETIMEDOUT;
}

}  // namespace

Result<HostLock> HostLock::Acquire(const fs::path& lock_dir, const std::string& name,
                                   std::chrono::milliseconds timeout) {
  if (auto made = MakeLockDir(lock_dir); !made) return std::unexpected(made.error());
  fs::path path = lock_dir / (name + ".lck");
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return ErrnoError("open(" + path.string() + ")");
  int err = 0;
  while (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0 && (err = errno) == EINTR) err = 0;
  if (err == EWOULDBLOCK && timeout.count() > 0)
    err = WaitForFlock(fd.get(), std::chrono::steady_clock::now() + timeout);
  if (err == EWOULDBLOCK || err == ETIMEDOUT) {
    std::string context = path.string() + " is held";
    if (auto pid = ReadPid(fd.get())) context += " by " + DescribeProcess(*pid);
    return KindError(ErrorKind::kLocked, std::move(context), EBUSY);
  }
  if (err) return MakeError(err, "flock(" + path.string() + ")");
  if (auto written = WritePid(fd.get(), path); !written) return std::unexpected(written.error());
  return HostLock(std::move(path), std::move(fd));
}

void HostLock::Release() { fd_ = UniqueFd(-1); }

}  // namespace vz::internal
