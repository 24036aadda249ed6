// SPDX-License-Identifier: LGPL-2.1-or-later
// The facets, in the order a starting VE gets them (facet/facet.h). Internal.
#pragma once

#include <memory>
#include <span>
#include <vector>

#include "facet/facet.h"

namespace vz::internal {

// 1. ubc: resource limits, before anything runs in the VE;
//    (quota: its limits are set before the launch, by before_start;)
// 2. net: venet addresses, host routes, veth pairs, moved devices;
// 3. dev: the devices the VE may open (DEVICES, DEVNODES), before its
//    init runs; the nodes of DEVNODES are bound by init-to-be at start;
// 4. uts: hostname and DNS, written inside by init itself at start (so
//    not in at_start), and last by set, as they cannot be taken back;
// 5. identity: name, description, onboot: config only.
std::span<const Facet* const> Facets();

// What a starting VE gets from every facet, in order (at_start).
Result<std::vector<std::unique_ptr<FacetChange>>> StartChanges(const Container& ct, Notes* notes);

// Applies `changes` in order; on a failure takes back what was applied
// and returns the error.
Status ApplyAll(const std::vector<std::unique_ptr<FacetChange>>& changes, RunningVe& ve);

// Every facet's before_start check; the first failure.
Status CheckBeforeStart(const Container& ct, Backend& backend);

// Every facet's after_stop, all of them even when one fails; the first
// failure.
Status ReleaseAfterStop(const Container& ct, RunningVe& ve);

// vzctl set over every facet: plans each facet's part of `opts` (all are
// checked before anything is applied), then, when the container runs
// (`backend` given), applies them in order with `ve`, taking back what was
// applied when one fails; then, with opts.save, stores them in CTID.conf,
// which is first tried on a copy so that a change the file cannot hold
// fails before anything is applied. kNotRunning without `backend` and
// without save. Notes go to *notes.
Status SetFacets(Container& ct, const SetOptions& opts, RunningVe* ve, Notes* notes);

}  // namespace vz::internal
