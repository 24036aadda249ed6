// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/ubc/config.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "vz/ubc/value.h"

namespace vz {

namespace {

constexpr uint64_t kUnlimited32 = 2147483647;

std::unexpected<Error> BadKey(std::string_view key, std::string_view value, const Error& why) {
  return KindError(ErrorKind::kBadConfig,
                   std::string(key) + "=\"" + std::string(value) + "\": " + why.context());
}

// The value of `key`, or of OpenVZ's old name for it.
std::optional<std::pair<std::string, std::string>> Lookup(const ConfigStack& config,
                                                          std::string_view key) {
  if (auto v = config.Get(key)) return std::pair{std::string(key), *v};
  const std::string_view alias = key == "DCACHESIZE"  ? "DCACHE"
                                 : key == "NUMIPTENT" ? "IPTENTRIES"
                                                      : "";
  if (auto v = alias.empty() ? std::nullopt : config.Get(alias))
    return std::pair{std::string(alias), *v};
  return std::nullopt;
}

Result<std::optional<UbLimit>> ReadLimit(const ConfigStack& config, std::string_view key,
                                         UbUnit unit) {
  auto found = Lookup(config, key);
  if (!found) return std::nullopt;
  auto parsed = ParseUbLimit(unit, found->second);
  if (!parsed) return BadKey(found->first, found->second, parsed.error());
  return parsed->value;
}

Status ReadExtras(const ConfigStack& config, UbcConfig* cfg) {
  auto av = ReadLimit(config, "AVNUMPROC", UbUnit::kItems);
  if (!av) return std::unexpected(av.error());
  cfg->avnumproc = *av;
  auto ovc = config.Get("VM_OVERCOMMIT");
  if (!ovc || ovc->empty()) return {};
  auto parsed = ParseOvercommit(*ovc);
  if (!parsed) return BadKey("VM_OVERCOMMIT", *ovc, parsed.error());
  cfg->vm_overcommit = *parsed;
  return {};
}

uint64_t AddPages(uint64_t a, uint64_t b) { return a >= kUbUnlimited - b ? kUbUnlimited : a + b; }

std::optional<UbLimit> Derived(const UbcConfig& cfg, UbId id) {
  const UbLimit* ram = cfg.Find(kUbPhyspages);
  const UbLimit* swap = cfg.Find(kUbSwappages);
  if (!IsVswap(cfg) || !swap) return std::nullopt;
  const uint64_t r = ram->limit, both = AddPages(ram->limit, swap->limit);
  switch (id) {
    case kUbLockedpages:
      return UbLimit{r, r};
    case kUbOomguarpages:
      return UbLimit{r, kUbUnlimited};
    case kUbVmguarpages:
      return UbLimit{both, kUbUnlimited};
    case kUbPrivvmpages: {
      if (!cfg.vm_overcommit) return UbLimit{};
      const long double v = static_cast<long double>(both) * *cfg.vm_overcommit;
      const uint64_t p =
          v >= static_cast<long double>(kUbUnlimited) ? kUbUnlimited : static_cast<uint64_t>(v);
      return UbLimit{p, p};
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

const UbLimit* UbcConfig::Find(UbId id) const {
  auto it = limits.find(id);
  return it == limits.end() ? nullptr : &it->second;
}

Result<UbcConfig> ReadUbcConfig(const ConfigStack& config) {
  UbcConfig cfg;
  for (const auto& r : UbResources()) {
    auto limit = ReadLimit(config, r.key, r.unit);
    if (!limit) return std::unexpected(limit.error());
    if (*limit) cfg.limits[r.id] = **limit;
  }
  if (auto extras = ReadExtras(config, &cfg); !extras) return std::unexpected(extras.error());
  return cfg;
}

Result<double> ParseOvercommit(std::string_view text) {
  double v = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v) || v <= 0)
    return KindError(ErrorKind::kInvalidArgument,
                     "'" + std::string(text) + "' is not a number above 0");
  return v;
}

bool IsVswap(const UbcConfig& cfg) {
  const UbLimit* ram = cfg.Find(kUbPhyspages);
  return ram && ram->limit != kUbUnlimited && ram->limit != kUnlimited32;
}

bool IsVswapDerived(UbId id) {
  return id == kUbLockedpages || id == kUbOomguarpages || id == kUbVmguarpages ||
         id == kUbPrivvmpages;
}

UbLimit DefaultUbLimit(UbId id) {
  return id == kUbVmguarpages ? UbLimit{0, kUbUnlimited} : UbLimit{};
}

UbLimit EffectiveUbLimit(const UbcConfig& cfg, UbId id) {
  if (const UbLimit* set = cfg.Find(id)) return *set;
  if (auto derived = Derived(cfg, id)) return *derived;
  return DefaultUbLimit(id);
}

}  // namespace vz
