// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ubc/change.h"

#include "vz/ubc/value.h"

namespace vz::internal {

namespace {

std::unexpected<Error> BadOption(const std::string& option, const Error& why) {
  return KindError(ErrorKind::kInvalidArgument, "invalid --" + option + ": " + why.context());
}

Status ParseResource(const std::string& name, const std::string& text, UbcChange* change,
                     std::vector<std::string>* warnings) {
  const bool av = name == "avnumproc";
  const UbResource* r = av ? nullptr : FindUbResource(name);
  if (!av && !r) return KindError(ErrorKind::kInvalidArgument, "unknown resource '" + name + "'");
  auto parsed = ParseUbLimit(av ? UbUnit::kItems : r->unit, text);
  if (!parsed) return BadOption(name, parsed.error());
  if (parsed->truncated)
    warnings->push_back("--" + name + " " + text + ": too large, set to unlimited");
  if (av)
    change->set.avnumproc = parsed->value;
  else
    change->set.limits[r->id] = parsed->value;
  return {};
}

// --ram or --swap: 0:SIZE of physpages or swappages.
Status ParseVswap(const char* option, const std::optional<std::string>& text, UbId id,
                  UbcChange* change) {
  if (!text) return {};
  if (change->set.Find(id))
    return KindError(ErrorKind::kInvalidArgument,
                     std::string("--") + option + " and --" +
                         std::string(FindUbResource(id)->name) + " both set " +
                         std::string(FindUbResource(id)->key) + ": give one of them");
  auto pages = ParseSizeToPages(*text);
  if (!pages) return BadOption(option, pages.error());
  change->set.limits[id] = UbLimit{0, *pages};
  return {};
}

// Less than kMinRamPages cannot even start an init: refused. Less than
// kLowRamPages is allowed, with a warning that the container may be
// OOM-killed at once.
constexpr uint64_t kMinRamPages = (1u << 20) / kUbPageSize;   // 1 MiB
constexpr uint64_t kLowRamPages = (32u << 20) / kUbPageSize;  // 32 MiB

Status CheckRam(const SetOptions& opts, const UbcChange& change,
                std::vector<std::string>* warnings) {
  const auto* ram = change.set.Find(kUbPhyspages);
  if (!opts.ram || !ram) return {};
  if (ram->limit < kMinRamPages)
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid --ram " + *opts.ram + ": less than 1M cannot run a container");
  if (ram->limit < kLowRamPages && warnings)
    warnings->push_back("--ram " + *opts.ram +
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

Result<UbcChange> ParseUbcChange(const SetOptions& opts, std::vector<std::string>* warnings) {
  UbcChange change;
  for (const auto& [name, text] : opts.ubc)
    if (auto ok = ParseResource(name, text, &change, warnings); !ok)
      return std::unexpected(ok.error());
  Status ok = ParseVswap("ram", opts.ram, kUbPhyspages, &change);
  if (ok) ok = CheckRam(opts, change, warnings);
  if (ok) ok = ParseVswap("swap", opts.swap, kUbSwappages, &change);
  if (!ok) return std::unexpected(ok.error());
  if (opts.vm_overcommit) {
    auto ovc = ParseOvercommit(*opts.vm_overcommit);
    if (!ovc) return BadOption("vm_overcommit", ovc.error());
    change.set.vm_overcommit = *ovc;
    change.vm_overcommit_text = *opts.vm_overcommit;
  }
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
  if (set && change.set.vm_overcommit) set = conf.Set("VM_OVERCOMMIT", change.vm_overcommit_text);
  return set;
}

}  // namespace vz::internal
