// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ubc/apply.h"

#include "core/file.h"
#include "kernel/cgroup.h"
#include "kernel/ubc_kernel.h"
#include "vz/kernel/ubc_stat.h"

namespace vz::internal {

namespace {

bool IsMemcg(const UbResource& r) {
  return r.backing == UbBacking::kMemoryMax || r.backing == UbBacking::kSwapMax;
}

Status ApplyOne(unsigned int veid, const UbResource& r, const UbLimit& v,
                const std::filesystem::path& cgroup) {
  if (r.backing == UbBacking::kBeancounter) return SetUbLimitSyscall(veid, r.id, v);
  if (IsMemcg(r)) return SetMemcgLimit(cgroup, r.id, v.limit);
  return {};  // counted by the memory cgroup; nothing to set
}

// The kernel's current barrier and limit of the UB's resources, by name.
std::map<std::string, UbLimit> ReadCurrent(unsigned int veid) {
  std::map<std::string, UbLimit> out;
  const std::filesystem::path file = "/proc/bc/" + std::to_string(veid) + "/resources";
  auto text = ReadFile(file);
  auto rows = text ? ParseBcResources(*text, file.string())
                   : Result<std::vector<UbCounter>>(std::unexpected(text.error()));
  if (rows) {
    for (const auto& c : *rows) out[c.name] = {c.barrier, c.limit};
    return out;
  }
  auto all = ReadBeancounters();  // a kernel without /proc/bc
  for (const auto& ub : all ? *all : std::vector<Beancounter>{})
    if (ub.id == veid)
      for (const auto& c : ub.counters) out[c.name] = {c.barrier, c.limit};
  return out;
}

UbcSnapshot TakeSnapshot(unsigned int veid, const UbLimits& limits,
                         const std::filesystem::path& cgroup) {
  UbcSnapshot snap{veid, cgroup, {}, {}};
  const auto current = ReadCurrent(veid);
  for (const auto& [id, v] : limits) {
    const UbResource* r = FindUbResource(id);
    if (r->backing == UbBacking::kBeancounter) {
      auto it = current.find(std::string(r->name));
      if (it != current.end()) snap.beancounter[id] = it->second;
    } else if (IsMemcg(*r) && !cgroup.empty()) {
      if (auto text = ReadFirstLine(MemcgFile(cgroup, id))) snap.memcg[id] = *text;
    }
  }
  return snap;
}

// The part of `snap` about `ids`.
UbcSnapshot Part(const UbcSnapshot& snap, const std::vector<UbId>& ids) {
  UbcSnapshot part{snap.veid, snap.cgroup, {}, {}};
  for (UbId id : ids) {
    if (auto it = snap.beancounter.find(id); it != snap.beancounter.end())
      part.beancounter.insert(*it);
    if (auto it = snap.memcg.find(id); it != snap.memcg.end()) part.memcg.insert(*it);
  }
  return part;
}

}  // namespace

Status ApplyUbLimits(unsigned int veid, const UbLimits& limits, const std::filesystem::path& cgroup,
                     UbcSnapshot* before) {
  if (limits.empty()) return {};
  const UbcSnapshot snap = TakeSnapshot(veid, limits, cgroup);
  std::vector<UbId> done;
  for (const auto& [id, v] : limits) {
    if (auto st = ApplyOne(veid, *FindUbResource(id), v, cgroup); !st) {
      RestoreUbLimits(Part(snap, done));
      return st;
    }
    done.push_back(id);
  }
  if (before) *before = snap;
  return {};
}

void RestoreUbLimits(const UbcSnapshot& snapshot) {
  for (const auto& [id, v] : snapshot.beancounter) (void)SetUbLimitSyscall(snapshot.veid, id, v);
  for (const auto& [id, text] : snapshot.memcg)
    (void)WriteCgroupFile(MemcgFile(snapshot.cgroup, id), text);
}

Status ApplyStartUbc(unsigned int veid, const UbcConfig& cfg, const std::filesystem::path& cgroup) {
  for (const auto& r : UbResources()) {
    const UbLimit v = EffectiveUbLimit(cfg, r.id);
    auto st = ApplyOne(veid, r, v, cgroup);
    if (!st && st.error().err_no() == ENOSYS && v == DefaultUbLimit(r.id)) continue;
    if (!st) return st;
  }
  return {};
}

}  // namespace vz::internal
