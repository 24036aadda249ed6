// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/ubc_kernel.h"

#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "core/file.h"
#include "kernel/cgroup.h"
#include "vz/kernel/ubc_stat.h"
#include "vz/ubc/value.h"

namespace vz::internal {

namespace {

// x86_64 syscall number of OpenVZ's setublimit(2).
constexpr long kSysSetublimit = 502;

Error AsSetUbc(const Error& e) { return Error(e.err_no(), e.context(), ErrorKind::kSetUbc); }

bool HostHasSwap() {
  struct sysinfo si {};
  return ::sysinfo(&si) != 0 || si.totalswap > 0;
}

// The beancounter's rows, by name.
std::map<std::string, UbLimit> ReadBeancounterRows(unsigned int veid) {
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

}  // namespace

Status SetUbLimitSyscall(unsigned int veid, UbId id, const UbLimit& value) {
  unsigned long limits[2] = {value.barrier, value.limit};
  if (::syscall(kSysSetublimit, veid, static_cast<unsigned long>(id), limits) == 0) return {};
  const std::string name(FindUbResource(id) ? FindUbResource(id)->name : "?");
  return KindError(
      ErrorKind::kSetUbc,
      "setublimit(" + std::to_string(veid) + ", " + name + ", " + FormatUbLimit(value) + ")",
      errno);
}

std::filesystem::path MemcgFile(const std::filesystem::path& cgroup, UbId id) {
  return cgroup / (id == kUbSwappages ? "memory.swap.max" : "memory.max");
}

std::string MemcgValue(uint64_t pages) {
  if (pages >= kUbUnlimited / kUbPageSize) return "max";
  return std::to_string(pages * kUbPageSize);
}

Status SetMemcgLimit(const std::filesystem::path& cgroup, UbId id, uint64_t pages) {
  const bool unlimited = MemcgValue(pages) == "max";
  const char* name = id == kUbSwappages ? "swappages" : "physpages";
  if (cgroup.empty()) {
    if (unlimited) return {};
    return KindError(ErrorKind::kSetUbc,
                     std::string(name) +
                         ": the host has no cgroup v2 on /sys/fs/cgroup, "
                         "whose memory controller enforces it",
                     EOPNOTSUPP);
  }
  auto written = WriteCgroupFile(MemcgFile(cgroup, id), MemcgValue(pages));
  if (written || written.error().err_no() != ENOENT) {
    if (written) return {};
    return std::unexpected(AsSetUbc(written.error()));
  }
  if (unlimited || (id == kUbSwappages && !HostHasSwap())) return {};
  return std::unexpected(
      AsSetUbc(written.error().Wrap(std::string(name) + ": the memory controller is not enabled "
                                                        "for the container's cgroup")));
}

UbcSnapshot TakeUbSnapshot(unsigned int veid, const std::filesystem::path& cgroup,
                           const std::vector<UbId>& ids) {
  UbcSnapshot snap{veid, cgroup, {}, {}};
  const auto rows = ReadBeancounterRows(veid);
  for (UbId id : ids) {
    const UbResource* r = FindUbResource(id);
    if (r->backing == UbBacking::kBeancounter) {
      if (auto it = rows.find(std::string(r->name)); it != rows.end())
        snap.beancounter[id] = it->second;
    } else if (r->backing != UbBacking::kNone && !cgroup.empty()) {
      if (auto text = ReadFirstLine(MemcgFile(cgroup, id))) snap.memcg[id] = *text;
    }
  }
  return snap;
}

void RestoreUbSnapshot(const UbcSnapshot& snapshot) {
  for (const auto& [id, v] : snapshot.beancounter) (void)SetUbLimitSyscall(snapshot.veid, id, v);
  for (const auto& [id, text] : snapshot.memcg)
    (void)WriteCgroupFile(MemcgFile(snapshot.cgroup, id), text);
}

}  // namespace vz::internal
