// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/host_lock.h"

#include <fcntl.h>
#include <sys/file.h>

#include <thread>

#include "core/lock_file.h"

namespace vz::internal {

namespace fs = std::filesystem;

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
  return HostLock(std::move(path), std::move(fd));
}

void HostLock::Release() { fd_ = UniqueFd(-1); }

}  // namespace vz::internal
