// SPDX-License-Identifier: LGPL-2.1-or-later
#include "ubc/facet.h"

#include "ubc/apply.h"
#include "ubc/change.h"
#include "ubc/check.h"

namespace vz::internal {

namespace {

class UbcFacetChange : public FacetChange {
 public:
  UbcFacetChange(UbcChange change, UbLimits limits, bool at_start)
      : change_(std::move(change)), limits_(std::move(limits)), at_start_(at_start) {}

  Status Store(ConfigFile& conf) const override { return StoreUbcChange(conf, change_); }

  Status Apply(RunningVe& ve, Undo& undo) const override {
    return ApplyUbLimits(ve, limits_, undo, at_start_);
  }

 private:
  UbcChange change_;  // the keys set writes
  UbLimits limits_;   // what the VE gets
  bool at_start_;
};

void AddNotes(std::vector<std::string> more, Notes* notes) {
  for (auto& note : more) notes->push_back(std::move(note));
}

// The options, checked together with the stored settings.
FacetPlan Plan(const Container& ct, const SetOptions& opts, Notes* notes) {
  auto change = ParseUbcChange(opts.ubc, notes);
  if (!change) return std::unexpected(change.error());
  if (change->empty()) return nullptr;
  auto stored = ReadUbcConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  const UbcConfig merged = MergeUbc(*stored, *change);
  const auto ids = change->ids();
  if (auto ok = CheckUbcLimits(merged, ids); !ok) return std::unexpected(ok.error());
  AddNotes(UbcWarnings(merged, ids), notes);
  UbLimits limits = LiveUbLimits(merged, *change);
  return std::make_unique<UbcFacetChange>(std::move(*change), std::move(limits), false);
}

FacetPlan AtStart(const Container& ct, Notes* notes) {
  auto cfg = ReadUbcConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  if (auto ok = CheckUbcLimits(*cfg); !ok)
    return std::unexpected(ok.error().Wrap(ct.paths().ct_conf(ct.veid()).string()));
  AddNotes(UbcWarnings(*cfg), notes);
  return std::make_unique<UbcFacetChange>(UbcChange{}, StartUbLimits(*cfg), true);
}

}  // namespace

const Facet kUbcFacet{.name = "ubc", .plan = Plan, .at_start = AtStart};

}  // namespace vz::internal
