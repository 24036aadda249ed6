// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/ve_clock.h"

#include <fcntl.h>
#include <sched.h>

#include <cerrno>

#include "launch/handshake.h"

namespace vz::internal {

std::string ClockOffsets(const timespec& boottime, const timespec& monotonic) {
  return "monotonic " + std::to_string(-static_cast<long long>(monotonic.tv_sec)) +
         " 0\nboottime " + std::to_string(-static_cast<long long>(boottime.tv_sec)) + " 0\n";
}

Result<UniqueFd> NewContainerClock() {
  UniqueFd own(::open("/proc/self/ns/time", O_RDONLY | O_CLOEXEC));
  if (own.get() < 0 && errno == ENOENT) return own;  // no time namespaces
  if (own.get() < 0) return ErrnoError("open(/proc/self/ns/time)");
  if (::unshare(CLONE_NEWTIME) != 0) return ErrnoError("unshare(CLONE_NEWTIME)");
  timespec boottime{}, monotonic{};
  ::clock_gettime(CLOCK_BOOTTIME, &boottime);
  ::clock_gettime(CLOCK_MONOTONIC, &monotonic);
  // The file is the main thread's (there is none per thread), whose
  // namespace for children unshare() just made.
  UniqueFd fd(::open("/proc/self/timens_offsets", O_WRONLY | O_CLOEXEC));
  int err = fd.get() < 0 ? errno : 0;
  const std::string offsets = ClockOffsets(boottime, monotonic);
  if (!err) err = WriteFull(fd.get(), offsets.data(), offsets.size());
  if (!err) return own;
  (void)RestoreOwnClock(own);
  return MakeError(err, "write(/proc/self/timens_offsets)");
}

int RestoreOwnClock(const UniqueFd& own) {
  if (own.get() < 0) return 0;
  return ::setns(own.get(), CLONE_NEWTIME) == 0 ? 0 : errno;
}

}  // namespace vz::internal
