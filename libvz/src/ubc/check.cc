// SPDX-License-Identifier: LGPL-2.1-or-later
// The checks vzctl set and start make before applying limits.
#include "ubc/check.h"

#include <algorithm>
#include <functional>

#include "vz/ubc/value.h"

namespace vz {

namespace {

// Calls `fn` for each resource of `*ids` that `cfg` sets (each it sets,
// when `ids` is null).
void ForEachSet(const UbcConfig& cfg, const std::span<const UbId>* ids,
                const std::function<void(const UbResource&, const UbLimit&)>& fn) {
  for (const auto& r : UbResources()) {
    const UbLimit* v = cfg.Find(r.id);
    if (!v) continue;
    if (ids && std::find(ids->begin(), ids->end(), r.id) == ids->end()) continue;
    fn(r, *v);
  }
}

void Append(std::string* list, std::string_view item) {
  if (!list->empty()) *list += ", ";
  *list += item;
}

Status Check(const UbcConfig& cfg, const std::span<const UbId>* ids) {
  std::string bad;
  ForEachSet(cfg, ids, [&](const UbResource& r, const UbLimit& v) {
    if (v.barrier > v.limit)
      Append(&bad, std::string(r.name) + " (currently, " + FormatUbLimit(v) + ")");
  });
  if (!bad.empty()) return KindError(ErrorKind::kSetUbc, "barrier should be <= limit for " + bad);
  if (IsVswap(cfg) && !cfg.Find(kUbSwappages))
    return KindError(ErrorKind::kNotEnoughUbc,
                     "required UB parameter swappages is not set: a container with a RAM limit "
                     "(PHYSPAGES) needs SWAPPAGES too (vzctl set --swap)");
  return {};
}

std::vector<std::string> Warnings(const UbcConfig& cfg, const std::span<const UbId>* ids) {
  std::vector<std::string> out;
  std::string ignored;
  ForEachSet(cfg, ids, [&](const UbResource& r, const UbLimit& v) {
    if (r.backing == UbBacking::kNone && v != UbLimit{}) Append(&ignored, r.key);
    const bool memcg = r.backing == UbBacking::kMemoryMax || r.backing == UbBacking::kSwapMax;
    if (memcg && v.barrier != 0 && v.barrier != kUbUnlimited)
      out.push_back(std::string(r.key) + " barrier " + std::to_string(v.barrier) +
                    " is not used: the memory cgroup has a limit only (write 0:" +
                    (v.limit == kUbUnlimited ? "unlimited" : std::to_string(v.limit)) + ")");
  });
  if (!ignored.empty())
    out.insert(out.begin(), ignored +
                                " accepted for compatibility but not enforced: the memory cgroup "
                                "limits a container's memory (PHYSPAGES, SWAPPAGES; vzctl set "
                                "--ram, --swap)");
  return out;
}

}  // namespace

Status CheckUbcLimits(const UbcConfig& cfg) { return Check(cfg, nullptr); }

Status CheckUbcLimits(const UbcConfig& cfg, std::span<const UbId> ids) { return Check(cfg, &ids); }

std::vector<std::string> UbcWarnings(const UbcConfig& cfg) { return Warnings(cfg, nullptr); }

std::vector<std::string> UbcWarnings(const UbcConfig& cfg, std::span<const UbId> ids) {
  return Warnings(cfg, &ids);
}

}  // namespace vz
