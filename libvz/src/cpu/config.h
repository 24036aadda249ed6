// SPDX-License-Identifier: LGPL-2.1-or-later
// A container's CPUUNITS, CPULIMIT, CPUS, CPUMASK and NODEMASK as its
// config has them (vz/cpu/options.h), and the cgroup v2 files they become.
// Internal.
#pragma once

#include <string>
#include <vector>

#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/cpu/options.h"

namespace vz::internal {

struct CpuConfig {
  unsigned cpuunits = kDefaultCpuUnits;
  unsigned cpulimit = 0;  // % of one CPU; 0: none
  unsigned cpus = 0;      // 0: all
  std::string cpumask = "all";
  std::string nodemask = "all";

  bool operator==(const CpuConfig&) const = default;
};

// The keys, with OpenVZ's defaults for those not set; a bad value is
// kBadConfig naming its key.
Result<CpuConfig> ReadCpuConfig(const ConfigStack& config);

// The settings once `opts` changed them.
CpuConfig MergeCpu(CpuConfig cfg, const CpuOptions& opts);

// Writes the keys `opts` touches, from `merged`.
Status StoreCpuConfig(ConfigFile& conf, const CpuConfig& merged, const CpuOptions& opts);

// One cgroup control file and what it gets.
struct CgroupValue {
  std::string file;  // "cpu.weight"
  std::string value;

  bool operator==(const CgroupValue&) const = default;
};

// The container's cgroup files for `cfg`: cpuset.cpus, cpuset.mems,
// cpu.weight, cpu.max, in the order they are written (the CPUs first, so
// that a weight or limit never applies to CPUs the container leaves).
std::vector<CgroupValue> CpuCgroupValues(const CpuConfig& cfg);

// cpu.weight for CPUUNITS: units / 10 within cpu.weight's 1..10000, so the
// default 1000 is cgroup v2's default 100.
unsigned CpuWeight(unsigned cpuunits);

// cpu.max for CPULIMIT and CPUS: "QUOTA 100000" in microseconds, or
// "max 100000".
std::string CpuMax(unsigned cpulimit, unsigned cpus);

}  // namespace vz::internal
