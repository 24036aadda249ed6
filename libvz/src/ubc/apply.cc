// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ubc/apply.h"

namespace vz::internal {

namespace {

bool MissingIsFine(const Error& e, UbId id, const UbLimit& v) {
  return e.err_no() == ENOSYS && v == DefaultUbLimit(id);
}

}  // namespace

Status ApplyUbLimits(RunningVe& ve, const UbLimits& limits, Undo& undo, bool missing_ok) {
  if (limits.empty()) return {};
  std::vector<UbId> ids;
  for (const auto& [id, v] : limits) ids.push_back(id);
  // Putting back all of them puts back those set; the rest keep their value.
  undo.Push(ve.backend.UbRestorer(ve, ids));
  for (const auto& [id, v] : limits) {
    auto set = ve.backend.SetUbLimit(ve, id, v);
    if (!set && missing_ok && MissingIsFine(set.error(), id, v)) continue;
    if (!set) return set;
  }
  return {};
}

UbLimits StartUbLimits(const UbcConfig& cfg) {
  UbLimits out;
  for (const auto& r : UbResources()) out[r.id] = EffectiveUbLimit(cfg, r.id);
  return out;
}

}  // namespace vz::internal
