// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cpu/facet.h"

#include <algorithm>

#include "cpu/config.h"

namespace vz::internal {

namespace {

using Values = std::vector<CgroupValue>;

// The key a cgroup file holds, and the error kind of a refusal.
struct FileKey {
  const char* file;
  const char* key;
  ErrorKind kind;
};
constexpr FileKey kFileKeys[] = {
    {"cpuset.cpus", "CPUMASK", ErrorKind::kSetCpumask},
    {"cpuset.mems", "NODEMASK", ErrorKind::kSetNodemask},
    {"cpu.weight", "CPUUNITS", ErrorKind::kSetCpu},
    {"cpu.max", "CPULIMIT/CPUS", ErrorKind::kSetCpu},
};

const FileKey& KeyOf(const std::string& file) {
  return *std::find_if(std::begin(kFileKeys), std::end(kFileKeys),
                       [&](const FileKey& k) { return file == k.file; });
}

std::unexpected<Error> Refused(const RunningVe& ve, const CgroupValue& v, const Error& e) {
  const FileKey& k = KeyOf(v.file);
  std::string why = std::string("setting ") + k.key + " of container " + std::to_string(ve.veid) +
                    ": " + e.context();
  if (e.err_no() == ENOENT)
    why += " (the host's cgroup v2 lacks the controller" +
           std::string(v.file == "cpu.max" ? ", or the kernel CONFIG_CFS_BANDWIDTH)" : ")");
  return KindError(k.kind, why, e.err_no());
}

class CpuChange : public FacetChange {
 public:
  // `defaults`: writes of a default value may fail (a host without the
  // controller); they are skipped.
  CpuChange(CpuOptions opts, CpuConfig merged, Values writes, Values undo, Values defaults = {})
      : opts_(std::move(opts)),
        merged_(std::move(merged)),
        writes_(std::move(writes)),
        undo_(std::move(undo)),
        defaults_(std::move(defaults)) {}

  Status Store(ConfigFile& conf) const override { return StoreCpuConfig(conf, merged_, opts_); }

  Status Apply(RunningVe& ve, Undo& undo) const override {
    for (size_t i = 0; i < writes_.size(); ++i) {
      if (auto set = ve.backend.SetCgroupValue(ve, writes_[i].file, writes_[i].value); !set) {
        if (IsDefault(writes_[i])) continue;
        return Refused(ve, writes_[i], set.error());
      }
      const CgroupValue back = undo_[i];
      undo.Push([&ve, back] { (void)ve.backend.SetCgroupValue(ve, back.file, back.value); });
    }
    return {};
  }

 private:
  CpuOptions opts_;
  CpuConfig merged_;
  Values writes_, undo_;  // undo_[i] takes writes_[i] back
  Values defaults_;

  bool IsDefault(const CgroupValue& v) const {
    return std::find(defaults_.begin(), defaults_.end(), v) != defaults_.end();
  }
};

// Whether the options name the setting `file` holds.
bool Named(const CpuOptions& opts, const std::string& file) {
  if (file == "cpuset.cpus") return opts.cpumask.has_value();
  if (file == "cpuset.mems") return opts.nodemask.has_value();
  if (file == "cpu.weight") return opts.cpuunits.has_value();
  return opts.cpulimit || opts.cpus;
}

FacetPlan Plan(const Container& ct, const SetOptions& set, Notes*) {
  const CpuOptions& opts = set.cpu;
  if (opts.empty()) return nullptr;
  auto stored = ReadCpuConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  CpuConfig merged = MergeCpu(*stored, opts);
  const Values before = CpuCgroupValues(*stored), after = CpuCgroupValues(merged);
  Values writes, undo;
  for (size_t i = 0; i < after.size(); ++i)
    if (after[i] != before[i] || Named(opts, after[i].file)) {
      writes.push_back(after[i]);
      undo.push_back(before[i]);
    }
  return std::make_unique<CpuChange>(opts, std::move(merged), std::move(writes), std::move(undo));
}

// The cgroup may hold what a set without --save wrote before a reboot
// inside (the monitor keeps it), or a stopped run's that could not be
// removed (cgroups the VE made in it): start writes every setting. A
// default that cannot be written is skipped, so that a host without the
// cpu or cpuset controller starts the containers that need neither.
FacetPlan AtStart(const Container& ct, Notes*) {
  auto cfg = ReadCpuConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  const Values defaults = CpuCgroupValues(CpuConfig{});
  return std::make_unique<CpuChange>(CpuOptions{}, std::move(*cfg), CpuCgroupValues(*cfg), defaults,
                                     defaults);
}

}  // namespace

const Facet kCpuFacet{.name = "cpu", .plan = Plan, .at_start = AtStart};

}  // namespace vz::internal
