// SPDX-License-Identifier: LGPL-2.1-or-later
#include "facet/facets.h"

#include <array>

#include "cpu/facet.h"
#include "dev/facet.h"
#include "identity/facet.h"
#include "io/facet.h"
#include "net/facet.h"
#include "quota/facet.h"
#include "ubc/facet.h"
#include "uts/facet.h"

namespace vz::internal {

std::span<const Facet* const> Facets() {
  static constexpr std::array<const Facet*, 8> kFacets = {&kUbcFacet,   &kCpuFacet,     &kIoFacet,
                                                          &kQuotaFacet, &kNetFacet,     &kDevFacet,
                                                          &kUtsFacet,   &kIdentityFacet};
  return kFacets;
}

Result<std::vector<std::unique_ptr<FacetChange>>> StartChanges(const Container& ct, Notes* notes) {
  std::vector<std::unique_ptr<FacetChange>> changes;
  for (const Facet* facet : Facets()) {
    if (!facet->at_start) continue;
    auto change = facet->at_start(ct, notes);
    if (!change) return std::unexpected(change.error());
    if (*change) changes.push_back(std::move(*change));
  }
  return changes;
}

Status ApplyAll(const std::vector<std::unique_ptr<FacetChange>>& changes, RunningVe& ve) {
  Undo undo;
  for (const auto& change : changes) {
    if (auto st = change->Apply(ve, undo); !st) {
      undo.Run();
      return st;
    }
  }
  undo.Keep();
  return {};
}

Status CheckBeforeStart(const Container& ct, Backend& backend) {
  for (const Facet* facet : Facets())
    if (facet->before_start)
      if (auto ok = facet->before_start(ct, backend); !ok) return ok;
  return {};
}

Status ReleaseAfterStop(const Container& ct, RunningVe& ve) {
  Status first;
  for (const Facet* facet : Facets()) {
    if (!facet->after_stop) continue;
    auto done = facet->after_stop(ct, ve);
    if (!done && first) first = std::move(done);
  }
  return first;
}

namespace {

using Changes = std::vector<std::unique_ptr<FacetChange>>;

Result<Changes> PlanAll(const Container& ct, const SetOptions& opts, Notes* notes) {
  Changes changes;
  for (const Facet* facet : Facets()) {
    auto change = facet->plan(ct, opts, notes);
    if (!change) return std::unexpected(change.error());
    if (*change) changes.push_back(std::move(*change));
  }
  return changes;
}

Status StoreAll(const Changes& changes, ConfigFile& conf) {
  for (const auto& change : changes)
    if (auto st = change->Store(conf); !st) return st;
  return {};
}

}  // namespace

Status SetFacets(Container& ct, const SetOptions& opts, RunningVe* ve, Notes* notes) {
  auto changes = PlanAll(ct, opts, notes);
  if (!changes) return std::unexpected(changes.error());
  if (!ve && !opts.save)
    return KindError(ErrorKind::kNotRunning,
                     "container is not running: use --save to store the settings");
  if (opts.save) {
    ConfigFile copy = ct.config().container();
    if (auto storable = StoreAll(*changes, copy); !storable) return storable;
  }
  if (ve) {
    if (auto applied = ApplyAll(*changes, *ve); !applied) return applied;
  }
  if (!opts.save) return {};
  if (auto staged = StoreAll(*changes, ct.config().container()); !staged) return staged;
  return ct.SaveConfig();
}

}  // namespace vz::internal
