// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The per-container lock: only one vzctl at a time may change a container.
//
// The lock is a file, <lock_dir>/<CTID>.lck (lock_dir is /vz/lock), whose
// first line is the pid of its holder, "1234\n", as OpenVZ writes it, so that
// old tools and humans can see who holds it. What makes the lock held is not
// the file but an flock(LOCK_EX) on it: the kernel drops that when the holder
// dies, however it dies. A lock file left behind by a process that was
// SIGKILLed, or an OpenVZ lock file nobody flocks, is therefore stale and is
// simply taken over by the next Acquire.
//
// Release unlinks the file first and closes it second. A process that opened
// the old file just before, and gets its flock once we close it, then finds
// that the path names another file (or none) and starts over on the new
// one, so two processes never both believe they hold the lock.
//
// An flock belongs to the open file description, not to the process. The
// descriptor is O_CLOEXEC, so programs vzctl executes never inherit it, but
// a fork()ed child that does not exec shares it: the flock lasts until the
// last copy of the descriptor is closed. Release() in the parent still ends
// the lock for everyone else, because it unlinks the file and the next
// Acquire locks a fresh one; only if the parent dies without releasing does
// such a child keep the container locked (naming the parent's pid).
//
// Two Acquire calls for one container in the same process conflict as well:
// each opens its own description, so the second one fails with kLocked.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <utility>

#include "vz/core/error.h"

namespace vz {

// The lock of one container, held from Acquire until Release or destruction.
class CtLock {
 public:
  // Takes the lock of container `veid` in `lock_dir`, creating the directory
  // (mode 0755, with its parents) when it is missing.
  //
  // Fails with kind kLocked (errno EBUSY) when a live process holds the
  // lock; the message names it: "container 101 is locked by pid 1234
  // (vzctl start 101)". Any failed call gives a kSystem error naming the
  // path, e.g. "open(/vz/lock/101.lck): Permission denied".
  static Result<CtLock> Acquire(const std::filesystem::path& lock_dir, unsigned int veid);

  CtLock(CtLock&& other) noexcept;
  CtLock& operator=(CtLock&& other) noexcept;
  CtLock(const CtLock&) = delete;
  CtLock& operator=(const CtLock&) = delete;
  ~CtLock();

  // Gives the lock up: removes the lock file, then closes it. Does nothing
  // when the lock was released already or moved away.
  void Release();

  // The lock file, e.g. /vz/lock/101.lck.
  const std::filesystem::path& path() const { return path_; }

 private:
  CtLock(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}

  std::filesystem::path path_;
  int fd_ = -1;  // the flocked lock file, or -1 once released
};

// The pid recorded in a lock file, if any (for messages and status). The
// process need not be alive nor hold the lock: this only reads the file.
std::optional<pid_t> LockHolder(const std::filesystem::path& lock_dir, unsigned int veid);

}  // namespace vz
