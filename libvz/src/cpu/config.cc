// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cpu/config.h"

#include <algorithm>

#include "core/config_key.h"

namespace vz::internal {

namespace {

constexpr unsigned kPeriodUs = 100000;  // cpu.max's period: 1% of a CPU is 1000 us

// CPULIMIT as stored: a number, % of one CPU.
Result<unsigned> ParseStoredLimit(std::string_view text) {
  if (text.ends_with('%'))
    return KindError(ErrorKind::kInvalidArgument, "'" + std::string(text) + "': must be a number");
  return ParseCpuLimit(text, 1);
}

// A list as cpuset.cpus and cpuset.mems take it: "all" is the parent's
// (an empty list; written as a newline).
std::string CpusetList(const std::string& list) { return list == "all" ? "\n" : list; }

}  // namespace

Result<CpuConfig> ReadCpuConfig(const ConfigStack& config) {
  CpuConfig cfg;
  Status ok = ReadConfigKey(config, "CPUUNITS", ParseCpuUnits, &cfg.cpuunits);
  if (ok) ok = ReadConfigKey(config, "CPULIMIT", ParseStoredLimit, &cfg.cpulimit);
  if (ok) ok = ReadConfigKey(config, "CPUS", ParseCpus, &cfg.cpus);
  if (ok) ok = ReadConfigKey(config, "CPUMASK", ParseCpuList, &cfg.cpumask);
  if (ok) ok = ReadConfigKey(config, "NODEMASK", ParseCpuList, &cfg.nodemask);
  if (!ok) return std::unexpected(ok.error());
  return cfg;
}

CpuConfig MergeCpu(CpuConfig cfg, const CpuOptions& opts) {
  cfg.cpuunits = opts.cpuunits.value_or(cfg.cpuunits);
  cfg.cpulimit = opts.cpulimit.value_or(cfg.cpulimit);
  cfg.cpus = opts.cpus.value_or(cfg.cpus);
  cfg.cpumask = opts.cpumask.value_or(cfg.cpumask);
  cfg.nodemask = opts.nodemask.value_or(cfg.nodemask);
  return cfg;
}

Status StoreCpuConfig(ConfigFile& conf, const CpuConfig& merged, const CpuOptions& opts) {
  Status ok;
  if (ok && opts.cpuunits) ok = conf.Set("CPUUNITS", std::to_string(merged.cpuunits));
  if (ok && opts.cpulimit) ok = conf.Set("CPULIMIT", std::to_string(merged.cpulimit));
  if (ok && opts.cpus) ok = conf.Set("CPUS", std::to_string(merged.cpus));
  if (ok && opts.cpumask) ok = conf.Set("CPUMASK", merged.cpumask);
  if (ok && opts.nodemask) ok = conf.Set("NODEMASK", merged.nodemask);
  return ok;
}

unsigned CpuWeight(unsigned cpuunits) { return std::clamp(cpuunits / 10, 1u, 10000u); }

std::string CpuMax(unsigned cpulimit, unsigned cpus) {
  unsigned percent = cpulimit;
  if (cpus && (!percent || cpus * 100 < percent)) percent = cpus * 100;
  const std::string period = " " + std::to_string(kPeriodUs);
  if (!percent) return "max" + period;
  return std::to_string(static_cast<unsigned long long>(percent) * (kPeriodUs / 100)) + period;
}

std::vector<CgroupValue> CpuCgroupValues(const CpuConfig& cfg) {
  return {{"cpuset.cpus", CpusetList(cfg.cpumask)},
          {"cpuset.mems", CpusetList(cfg.nodemask)},
          {"cpu.weight", std::to_string(CpuWeight(cfg.cpuunits))},
          {"cpu.max", CpuMax(cfg.cpulimit, cfg.cpus)}};
}

}  // namespace vz::internal
