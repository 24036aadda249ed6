// SPDX-License-Identifier: LGPL-2.1-or-later
// The CPU facet: CPUUNITS, CPULIMIT, CPUS, CPUMASK and NODEMASK
// (facet/facet.h, vz/cpu/options.h), written to the container's cgroup.
// The cgroup may outlive a run, so start writes every setting before init
// runs (skipping a default the host cannot take); set writes those it
// changes or names, and writes the stored ones back when a later step
// fails. Errors are kSetCpu, or
// kSetCpumask and kSetNodemask for the masks, with the file and errno.
// Internal.
#pragma once

#include "facet/facet.h"

namespace vz::internal {

extern const Facet kCpuFacet;

}  // namespace vz::internal
