// SPDX-License-Identifier: LGPL-2.1-or-later
// The network facet: venet addresses, veth pairs, moved host devices
// (facet/facet.h, net/config.h). Internal.
#pragma once

#include "facet/facet.h"

namespace vz::internal {

extern const Facet kNetFacet;

}  // namespace vz::internal
