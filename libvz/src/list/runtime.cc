// SPDX-License-Identifier: LGPL-2.1-or-later
// A running or mounted container's disk usage and uptime.
#include <unistd.h>

#include <charconv>
#include <sstream>

#include "core/file.h"
#include "core/words.h"
#include "list/fill.h"
#include "vz/quota/quota.h"

namespace vz::internal {

namespace {

// Field 22 of /proc/<pid>/stat, the start time in clock ticks after boot.
// The fields are counted after the command name, which may hold blanks
// and parentheses: it ends at the last ')'.
std::optional<uint64_t> StartTicks(const std::filesystem::path& proc, const std::string& pid) {
  auto stat = ReadFile(proc / pid / "stat");
  if (!stat) return std::nullopt;
  const size_t close = stat->rfind(')');
  if (close == std::string::npos) return std::nullopt;
  const auto words = SplitWords(std::string_view(*stat).substr(close + 1));
  constexpr size_t kStartTime = 22 - 3;  // words[0] is field 3, the state
  if (words.size() <= kStartTime) return std::nullopt;
  uint64_t ticks = 0;
  const auto& w = words[kStartTime];
  auto [p, ec] = std::from_chars(w.data(), w.data() + w.size(), ticks);
  if (ec != std::errc()) return std::nullopt;
  return ticks;
}

}  // namespace

void FillLiveDisk(const Container& ct, Listing* out) {
  auto stat = ReadDiskQuota(ct);
  if (!stat) return;
  out->diskspace = ListedDisk{stat->space_used, stat->space.soft, stat->space.hard};
  out->diskinodes = ListedDisk{stat->inodes_used, stat->inodes.soft, stat->inodes.hard};
}

std::optional<double> ReadVeUptime(unsigned int veid, const ListSources& src) {
  auto procs = ReadFile(src.cgroup / "vz" / std::to_string(veid) / "cgroup.procs");
  auto up = ReadFirstLine(src.proc / "uptime");
  if (!procs || !up) return std::nullopt;
  // Init is the VE's oldest task. It stays in the VE's own cgroup unless
  // the VE's root moves it, so the oldest task listed there is it.
  std::optional<uint64_t> oldest;
  std::istringstream pids(*procs);
  for (std::string pid; pids >> pid;) {
    auto ticks = StartTicks(src.proc, pid);
    if (ticks && (!oldest || *ticks < *oldest)) oldest = ticks;
  }
  double now = 0;
  std::istringstream(*up) >> now;
  if (!oldest || now <= 0) return std::nullopt;
  const double started = static_cast<double>(*oldest) / static_cast<double>(::sysconf(_SC_CLK_TCK));
  return now > started ? now - started : 0.0;
}

}  // namespace vz::internal
