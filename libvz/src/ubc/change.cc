// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ubc/change.h"

#include <charconv>

#include "vz/ubc/value.h"

namespace vz::internal {

namespace {

// "1.5", not "1.500000": the shortest text that reads back as `v`.
std::string Shortest(double v) {
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// --ram or --swap: 0:SIZE of physpages or swappages.
Status SetVswap(const char* option, std::optional<uint64_t> pages, UbId id, UbcChange* change) {
  if (!pages) return {};
  if (change->set.Find(id))
    return KindError(ErrorKind::kInvalidArgument,
                     std::string("--") + option + " and --" +
                         std::string(FindUbResource(id)->name) + " both set " +
                         std::string(FindUbResource(id)->key) + ": give one of them");
  change->set.limits[id] = UbLimit{0, *pages};
  return {};
}

// Less than kMinRamPages cannot even start an init: refused. Less than
// kLowRamPages is allowed, with a warning that the container may be
// OOM-killed at once.
constexpr uint64_t kMinRamPages = (1u << 20) / kUbPageSize;   // 1 MiB
constexpr uint64_t kLowRamPages = (32u << 20) / kUbPageSize;  // 32 MiB

Status CheckRam(const UbcOptions& opts, std::vector<std::string>* warnings) {
  if (!opts.ram_pages) return {};
  const std::string ram = std::to_string(*opts.ram_pages * kUbPageSize / 1024) + "K";
  if (*opts.ram_pages < kMinRamPages)
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid --ram " + ram + ": less than 1M cannot run a container");
  if (*opts.ram_pages < kLowRamPages && warnings)
    warnings->push_back("--ram " + ram +
                        " is below 32M: the container may be killed for memory at once");
  return {};
}

}  // namespace

bool UbcChange::empty() const { return set.limits.empty() && !set.avnumproc && !set.vm_overcommit; }

std::vector<UbId> UbcChange::ids() const {
  std::vector<UbId> out;
  for (const auto& [id, v] : set.limits) out.push_back(id);
  return out;
}

bool UbcChange::touches_vswap() const {
  return set.Find(kUbPhyspages) || set.Find(kUbSwappages) || set.vm_overcommit;
}

Result<UbcChange> ParseUbcChange(const UbcOptions& opts, std::vector<std::string>* warnings) {
  UbcChange change;
  change.set.limits = opts.limits;
  change.set.avnumproc = opts.avnumproc;
  Status ok = SetVswap("ram", opts.ram_pages, kUbPhyspages, &change);
  if (ok) ok = CheckRam(opts, warnings);
  if (ok) ok = SetVswap("swap", opts.swap_pages, kUbSwappages, &change);
  if (!ok) return std::unexpected(ok.error());
  change.set.vm_overcommit = opts.vm_overcommit;
  return change;
}

UbcConfig MergeUbc(const UbcConfig& stored, const UbcChange& change) {
  UbcConfig merged = stored;
  for (const auto& [id, v] : change.set.limits) merged.limits[id] = v;
  if (change.set.avnumproc) merged.avnumproc = change.set.avnumproc;
  if (change.set.vm_overcommit) merged.vm_overcommit = change.set.vm_overcommit;
  return merged;
}

UbLimits LiveUbLimits(const UbcConfig& merged, const UbcChange& change) {
  UbLimits out;
  for (const auto& [id, v] : change.set.limits) out[id] = v;
  if (!change.touches_vswap()) return out;
  for (const auto& r : UbResources())
    if (IsVswapDerived(r.id) && !merged.Find(r.id)) out[r.id] = EffectiveUbLimit(merged, r.id);
  return out;
}

Status StoreUbcChange(ConfigFile& conf, const UbcChange& change) {
  Status set;
  for (const auto& [id, v] : change.set.limits) {
    const UbResource* r = FindUbResource(id);
    if (set) set = conf.Set(r->key, FormatUbLimit(v));
    if (id == kUbDcachesize) conf.Erase("DCACHE");  // OpenVZ's old names
    if (id == kUbNumiptent) conf.Erase("IPTENTRIES");
  }
  if (set && change.set.avnumproc)
    set = conf.Set("AVNUMPROC", FormatUbLimit(*change.set.avnumproc));
  if (set && change.set.vm_overcommit)
    set = conf.Set("VM_OVERCOMMIT", Shortest(*change.set.vm_overcommit));
  return set;
}

}  // namespace vz::internal
