// SPDX-License-Identifier: LGPL-2.1-or-later
// The resource facet: beancounter limits, RAM and swap (facet/facet.h).
// Internal.
#pragma once

#include "facet/facet.h"

namespace vz::internal {

extern const Facet kUbcFacet;

}  // namespace vz::internal
