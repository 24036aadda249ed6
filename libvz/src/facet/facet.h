// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Facets: the parts of a container's settings, each in a folder of its own.
// Internal.
//
// A facet (net/, uts/, ubc/, cpu/, io/, quota/, dev/, identity/) owns some config
// keys and the options that change them, and knows how to bring a VE to
// its settings.
// It offers the same operations to every verb:
//
//   plan      the facet's part of a vzctl set: parsed from the options and
//             checked against the stored settings, as a FacetChange (or
//             nullptr when the options do not touch the facet);
//   at_start  what a starting VE gets: the stored settings as a change from
//             nothing (at_start itself is nullptr for a facet with nothing
//             to do there);
//   before_start, after_stop (optional): a check vzctl start makes before
//             it launches anything, and what is left to do on the host
//             once the VE ended (stop, the monitor, a failed launch);
//
// and a FacetChange then offers
//
//   Store     writes the keys it changes to a config file;
//   Apply     brings a running VE to it through the backend, pushing the
//             inverse of each step done on an Undo.
//
// So one code path applies, say, an IP address, whether at start or by
// set. facet/facets.cc lists the facets in the order start applies them;
// set plans them all before applying any, applies in the same order, and
// on a failure takes back what it applied, newest first.
//
// Adding a facet: a folder with a facet.cc defining a `const Facet kXFacet`,
// its options in SetOptions, and one line in facet/facets.cc.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/undo.h"
#include "facet/running_ve.h"
#include "vz/core/config.h"
#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/set.h"

namespace vz::internal {

class FacetChange {
 public:
  virtual ~FacetChange() = default;
  // Writes the keys the change sets to `conf`; refuses what the file
  // cannot hold. Callers stage on a copy first: a refusal may leave `conf`
  // half written.
  virtual Status Store(ConfigFile& conf) const = 0;
  // Applies the change to running VE `ve`. On failure, the steps done are
  // on `undo` (for the caller to run), the failed one is not.
  virtual Status Apply(RunningVe& ve, Undo& undo) const = 0;
};

using Notes = std::vector<std::string>;
using FacetPlan = Result<std::unique_ptr<FacetChange>>;

struct Facet {
  std::string_view name;
  FacetPlan (*plan)(const Container& ct, const SetOptions& opts, Notes* notes) = nullptr;
  FacetPlan (*at_start)(const Container& ct, Notes* notes) = nullptr;
  // Optional: what vzctl start checks before it launches anything.
  Status (*before_start)(const Container& ct, Backend& backend) = nullptr;
  // Optional: after the VE ended, takes back what the kernel did not take
  // back with it; best effort, for whatever the config says now.
  Status (*after_stop)(const Container& ct, RunningVe& ve) = nullptr;
};

}  // namespace vz::internal
