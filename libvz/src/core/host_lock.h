// SPDX-License-Identifier: LGPL-2.1-or-later
//
// HostLock: a lock over all containers for a short step that reads and then writes
// what they share, so that two vzctl for different containers cannot both
// decide on the same thing: the file <lock_dir>/<name>.lck (the id ranges
// of LOCAL_UID/LOCAL_GID use "id-ranges"), flocked LOCK_EX. Unlike
// CtLock, the file is never removed: only the flock matters, and the kernel
// drops it when the holder dies. The holder's pid is written into the file
// for humans. Internal.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>

#include "core/unique_fd.h"
#include "vz/core/error.h"

namespace vz::internal {

class HostLock {
 public:
  // Waits up to `timeout` for the lock, creating the lock directory like
  // CtLock::Acquire does. A lock held for longer fails with kind kLocked
  // (errno EBUSY): "/vz/lock/id-ranges.lck is held by pid 1234 (vzctl
  // create 102 ...)". A step under this lock takes milliseconds, so a long
  // wait means a holder that is stopped or hung. The wait ends when the
  // holder lets go (a thread blocks in flock for it), not on a timer; a
  // wait given up leaves that thread until the holder lets go.
  static Result<HostLock> Acquire(const std::filesystem::path& lock_dir, const std::string& name,
                                  std::chrono::milliseconds timeout);

  // Gives the lock up (closes the file). Does nothing when already released.
  void Release();

  const std::filesystem::path& path() const { return path_; }

 private:
  HostLock(std::filesystem::path path, UniqueFd fd) : path_(std::move(path)), fd_(std::move(fd)) {}

  std::filesystem::path path_;
  UniqueFd fd_;
};

}  // namespace vz::internal
