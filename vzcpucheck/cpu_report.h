// SPDX-License-Identifier: GPL-2.0-or-later
// vzcpucheck's report of a vz::CpuCheck, in OpenVZ's words.
#pragma once

#include <string>

#include "vz/cpu/check.h"

namespace vzcpucheck {

// "Current CPU utilization: N" and "Power of the node: P", a warning when
// the first is larger, and the CPU time the containers' limits promise;
// with `verbose`, first each container's CPUUNITS (the host as 0).
std::string Report(const vz::CpuCheck& check, bool verbose);

}  // namespace vzcpucheck
