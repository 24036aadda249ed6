// SPDX-License-Identifier: LGPL-2.1-or-later
// The disk I/O facet: IOPRIO, IOLIMIT and IOPSLIMIT (facet/facet.h,
// vz/io/options.h), written to the container's cgroup: io.bfq.weight, and
// io.max for the disk that holds its private area, found when it is
// applied. Start writes the settings that are not the default, before
// init runs; set writes those it changes or names, and takes them back
// when a later step fails. A disk whose scheduler is not BFQ ignores the
// weight: a note says so. Errors are kSetIo, with the file and errno.
// Internal.
#pragma once

#include "facet/facet.h"

namespace vz::internal {

extern const Facet kIoFacet;

}  // namespace vz::internal
