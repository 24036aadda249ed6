// SPDX-License-Identifier: LGPL-2.1-or-later
//
// How much CPU the host has promised, as OpenVZ's vzcpucheck reports it:
// the CPUUNITS of the running containers and of the host itself
// (VE0CPUUNITS in vz.conf) against the node's power, which is 25 units
// per BogoMIPS of each CPU; and the CPU time the containers' limits
// (CPULIMIT, CPUS) allow together, against the host's CPUs.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "vz/core/error.h"
#include "vz/core/paths.h"

namespace vz {

struct CpuPromise {
  unsigned int veid = 0;
  unsigned cpuunits = 0;
  unsigned limit = 0;  // % of one CPU its CPULIMIT and CPUS allow; 0: no limit
};

struct CpuCheck {
  std::vector<CpuPromise> containers;  // the running ones, by CTID
  unsigned host_cpuunits = 0;          // VE0CPUUNITS
  unsigned host_cpus = 0;              // CPUs in /proc/cpuinfo
  unsigned long long power = 0;        // the node's power, in units

  // CPUUNITS of the host and of the running containers.
  unsigned long long units() const;
  // % of one CPU the containers may use together, an unlimited one
  // counting as all the host's CPUs.
  unsigned long long limits() const;
};

// The node's power from /proc/cpuinfo's text (25 per BogoMIPS, summed over
// the processors), and its number of processors.
struct NodePower {
  unsigned long long power = 0;
  unsigned cpus = 0;
};
NodePower ParseNodePower(std::string_view cpuinfo);

// Reads <proc>/vz/veinfo, <proc>/cpuinfo, vz.conf and the running
// containers' configs. kBadKernel without /proc/vz/veinfo; a malformed
// config is kBadConfig naming its key.
Result<CpuCheck> CheckCpu(const Paths& paths, const std::filesystem::path& proc = "/proc");

}  // namespace vz
