// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/init_rlimits.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <string>

#include "core/file.h"

namespace vz::internal {

namespace {

constexpr rlim_t kInfinity = RLIM_INFINITY;
constexpr rlim_t kMiB = 1024 * 1024;

// kernel.threads-max, or 0 when it cannot be read.
unsigned long ThreadsMax() {
  auto line = ReadFirstLine("/proc/sys/kernel/threads-max");
  if (!line) return 0;
  unsigned long value = 0;
  auto [ptr, ec] = std::from_chars(line->data(), line->data() + line->size(), value);
  return ec == std::errc() ? value : 0;
}

// Sets `limit`, or, when a hard limit may not be raised (no
// CAP_SYS_RESOURCE), as much of it as the current hard limit allows.
int SetOrClamp(int resource, rlimit limit) {
  if (::setrlimit(resource, &limit) == 0) return 0;
  rlimit now{};
  if (errno != EPERM || ::getrlimit(resource, &now) != 0) return errno;
  limit.rlim_max = std::min(limit.rlim_max, now.rlim_max);
  limit.rlim_cur = std::min(limit.rlim_cur, limit.rlim_max);
  return ::setrlimit(resource, &limit) == 0 ? 0 : errno;
}

}  // namespace

std::vector<BootRlimit> BootRlimits(unsigned long threads_max) {
  std::vector<BootRlimit> limits = {
      {RLIMIT_CPU, {kInfinity, kInfinity}},
      {RLIMIT_FSIZE, {kInfinity, kInfinity}},
      {RLIMIT_DATA, {kInfinity, kInfinity}},
      {RLIMIT_STACK, {8 * kMiB, kInfinity}},
      {RLIMIT_CORE, {0, kInfinity}},
      {RLIMIT_RSS, {kInfinity, kInfinity}},
      {RLIMIT_NOFILE, {1024, 4096}},
      {RLIMIT_MEMLOCK, {8 * kMiB, 8 * kMiB}},
      {RLIMIT_AS, {kInfinity, kInfinity}},
      {RLIMIT_LOCKS, {kInfinity, kInfinity}},
      {RLIMIT_MSGQUEUE, {819200, 819200}},
      {RLIMIT_NICE, {0, 0}},
      {RLIMIT_RTPRIO, {0, 0}},
      {RLIMIT_RTTIME, {kInfinity, kInfinity}},
  };
  if (threads_max / 2 > 0) {
    const rlim_t half = threads_max / 2;
    limits.push_back({RLIMIT_NPROC, {half, half}});
    limits.push_back({RLIMIT_SIGPENDING, {half, half}});
  }
  return limits;
}

int ResetToBootRlimits() {
  int first_err = 0;
  for (const auto& [resource, limit] : BootRlimits(ThreadsMax())) {
    const int err = SetOrClamp(resource, limit);
    if (first_err == 0) first_err = err;
  }
  return first_err;
}

}  // namespace vz::internal
