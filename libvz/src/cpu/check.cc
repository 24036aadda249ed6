// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/cpu/check.h"

#include <algorithm>
#include <charconv>

#include "core/file.h"
#include "cpu/config.h"
#include "vz/core/container.h"
#include "vz/kernel/veinfo.h"

namespace vz {

namespace {

constexpr unsigned long long kUnitsPerBogomips = 25;

// The value of a "name\t: value" line, or empty.
std::string_view FieldValue(std::string_view line, std::string_view name) {
  if (!line.starts_with(name)) return {};
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || line.find_first_not_of(" \t", name.size()) != colon)
    return {};
  std::string_view value = line.substr(colon + 1);
  value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
  return value;
}

// BogoMIPS in hundredths, from "4589.12".
unsigned long long Hundredths(std::string_view text) {
  unsigned long long whole = 0, frac = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), whole);
  if (ec != std::errc()) return 0;
  if (p < text.data() + text.size() && *p == '.') {
    const std::string_view digits = text.substr(p - text.data() + 1, 2);
    std::from_chars(digits.data(), digits.data() + digits.size(), frac);
    if (digits.size() == 1) frac *= 10;
  }
  return whole * 100 + frac;
}

Result<CpuPromise> PromiseOf(const Paths& paths, unsigned int veid, const ConfigFile& global) {
  auto ct = Container::Open(paths, veid, global);
  if (!ct) return std::unexpected(ct.error());
  auto cfg = internal::ReadCpuConfig(ct->config());
  if (!cfg) return std::unexpected(cfg.error());
  unsigned limit = cfg->cpulimit;
  if (cfg->cpus && (!limit || cfg->cpus * 100 < limit)) limit = cfg->cpus * 100;
  return CpuPromise{veid, cfg->cpuunits, limit};
}

}  // namespace

unsigned long long CpuCheck::units() const {
  unsigned long long sum = host_cpuunits;
  for (const auto& ct : containers) sum += ct.cpuunits;
  return sum;
}

unsigned long long CpuCheck::limits() const {
  unsigned long long sum = 0;
  for (const auto& ct : containers) sum += ct.limit ? ct.limit : host_cpus * 100ULL;
  return sum;
}

NodePower ParseNodePower(std::string_view cpuinfo) {
  NodePower node;
  unsigned long long hundredths = 0;
  while (!cpuinfo.empty()) {
    const size_t end = std::min(cpuinfo.find('\n'), cpuinfo.size());
    const std::string_view line = cpuinfo.substr(0, end);
    if (!FieldValue(line, "processor").empty()) ++node.cpus;
    // x86 writes "bogomips", arm64 "BogoMIPS".
    if (auto v = FieldValue(line, "bogomips"); !v.empty()) hundredths += Hundredths(v);
    if (auto v = FieldValue(line, "BogoMIPS"); !v.empty()) hundredths += Hundredths(v);
    cpuinfo.remove_prefix(std::min(end + 1, cpuinfo.size()));
  }
  node.power = hundredths * kUnitsPerBogomips / 100;
  return node;
}

Result<CpuCheck> CheckCpu(const Paths& paths, const std::filesystem::path& proc) {
  auto running = ReadVeinfo(proc);
  if (!running) return std::unexpected(running.error());
  auto global = ConfigFile::Load(paths.vz_conf());
  if (!global) return std::unexpected(global.error());
  CpuCheck check;
  check.host_cpuunits = kDefaultCpuUnits;
  if (auto ve0 = global->Get("VE0CPUUNITS")) {
    auto units = ParseCpuUnits(*ve0);
    if (!units)
      return KindError(ErrorKind::kBadConfig,
                       "VE0CPUUNITS=\"" + *ve0 + "\": " + units.error().context());
    check.host_cpuunits = *units;
  }
  for (const auto& ve : *running) {
    auto promise = PromiseOf(paths, ve.veid, *global);
    if (!promise) return std::unexpected(promise.error());
    check.containers.push_back(*promise);
  }
  std::sort(check.containers.begin(), check.containers.end(),
            [](const CpuPromise& a, const CpuPromise& b) { return a.veid < b.veid; });
  auto cpuinfo = internal::ReadFile(proc / "cpuinfo");
  if (!cpuinfo) return std::unexpected(cpuinfo.error());
  const NodePower node = ParseNodePower(*cpuinfo);
  check.power = node.power;
  check.host_cpus = node.cpus;
  return check;
}

}  // namespace vz
