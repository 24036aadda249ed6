// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The CPU part of a change to a container (vz/set.h): its share of the
// host's CPUs, as OpenVZ's options and config keys have it:
//
//   CPUUNITS=N     8..500000, default 1000: the container's weight; two busy
//                  containers with 1000 and 3000 share a CPU 1:3
//   CPULIMIT=N     at most N% of one CPU's time (200: two CPUs' worth);
//                  0: no limit. vzctl's "--cpulimit N%" is N% of the whole
//                  host, stored as the per-CPU number
//   CPUS=N         at most N CPUs' worth of time, and the container sees N
//                  CPUs (/proc/cpuinfo, nproc); 0: all
//   CPUMASK=LIST   the CPUs its processes may run on, "0-2,7"; or "all"
//   NODEMASK=LIST  the memory nodes they may allocate from; or "all"
//
// They become the container's cgroup v2 files: cpu.weight (CPUUNITS / 10),
// cpu.max (the smaller of CPULIMIT and CPUS × 100, in % of a CPU),
// cpuset.cpus and cpuset.mems. A running container gets a change at once.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "vz/core/error.h"

namespace vz {

inline constexpr unsigned kMinCpuUnits = 8;
inline constexpr unsigned kMaxCpuUnits = 500000;
inline constexpr unsigned kDefaultCpuUnits = 1000;
// The most CPUs a count, a limit or a list may name: the kernel's NR_CPUS
// at its largest.
inline constexpr unsigned kMaxCpus = 8192;

struct CpuOptions {
  std::optional<unsigned> cpuunits;
  std::optional<unsigned> cpulimit;     // % of one CPU; 0: none
  std::optional<unsigned> cpus;         // 0: all
  std::optional<std::string> cpumask;   // "all" or a list as FormatCpuList makes it
  std::optional<std::string> nodemask;  // the same, of memory nodes

  bool empty() const { return !cpuunits && !cpulimit && !cpus && !cpumask && !nodemask; }
};

// 8..500000. kInvalidArgument with the reason when bad, as every parser
// here.
Result<unsigned> ParseCpuUnits(std::string_view text);

// "N" (% of one CPU) or "N%" (% of the whole host, at most 100, turned
// into % of one CPU for a host of `host_cpus` CPUs); 0: no limit.
Result<unsigned> ParseCpuLimit(std::string_view text, unsigned host_cpus);

// A count of CPUs, or 0 or "unlimited" for all of them.
Result<unsigned> ParseCpus(std::string_view text);

// "all", or numbers and ranges ("0-2,7") below kMaxCpus: returned in the
// form FormatCpuList gives, sorted, with adjacent numbers merged.
Result<std::string> ParseCpuList(std::string_view text);

}  // namespace vz
