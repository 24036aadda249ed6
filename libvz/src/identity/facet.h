// SPDX-License-Identifier: LGPL-2.1-or-later
// The identity facet: NAME, DESCRIPTION and ONBOOT (facet/facet.h). They
// live in the config only; nothing is applied to a running VE. Internal.
#pragma once

#include "facet/facet.h"

namespace vz::internal {

extern const Facet kIdentityFacet;

}  // namespace vz::internal
