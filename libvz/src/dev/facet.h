// SPDX-License-Identifier: LGPL-2.1-or-later
// The device facet: DEVICES and DEVNODES (facet/facet.h,
// vz/dev/options.h). The kernel keeps a VE's device access only while the
// VE exists, so start gives it again, after the VE exists and before its
// init runs; set changes it at once. What is bound into the container's
// /dev for a node of DEVNODES is the host's copy of it, owned by the
// container's root (dev/node_copy.h): bound by its init-to-be at start
// (DevNodesAtStart), and by set in a helper inside. The copies go when the
// VE ends (after_stop). Internal.
#pragma once

#include <string>
#include <vector>

#include "dev/layout.h"
#include "facet/facet.h"

namespace vz::internal {

extern const Facet kDevFacet;

// Makes the copies of the nodes of DEVNODES afresh (the earlier ones
// removed first), for the init-to-be to bind. kBadConfig when DEVNODES is
// malformed, kSetDevices when the host lacks a node or a copy cannot be
// made.
Result<std::vector<DevNodeBind>> DevNodesAtStart(const Container& ct);

// Removes the container's copies, with their directory (a failed start,
// a stop, destroy); nothing when there are none.
Status RemoveDevNodeCopies(const Container& ct);

}  // namespace vz::internal
