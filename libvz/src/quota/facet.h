// SPDX-License-Identifier: LGPL-2.1-or-later
// The disk quota facet: DISK_QUOTA, DISKSPACE, DISKINODES and QUOTATIME
// (facet/facet.h, vz/quota/quota.h). Limits live in the filesystem, so
// they are applied before a container starts and at once by set; a stop
// leaves them. Internal.
#pragma once

#include "facet/facet.h"

namespace vz::internal {

extern const Facet kQuotaFacet;

}  // namespace vz::internal
