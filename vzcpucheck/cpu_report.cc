// SPDX-License-Identifier: GPL-2.0-or-later
#include "cpu_report.h"

#include <sstream>

namespace vzcpucheck {

namespace {

void Units(std::ostream& out, const vz::CpuCheck& check) {
  out << "VEID\t\tCPUUNITS\n-------------------------\n0\t\t" << check.host_cpuunits << "\n";
  for (const auto& ct : check.containers) out << ct.veid << "\t\t" << ct.cpuunits << "\n";
}

}  // namespace

std::string Report(const vz::CpuCheck& check, bool verbose) {
  std::ostringstream out;
  if (verbose) Units(out, check);
  out << "Current CPU utilization: " << check.units() << "\n"
      << "Power of the node: " << check.power << "\n";
  if (check.units() > check.power) out << "Warning: hardware node is overcommitted\n";
  out << "CPU time the running containers' limits allow: " << check.limits() << "% of one CPU, on "
      << check.host_cpus << " CPUs (" << check.host_cpus * 100ULL << "%)\n";
  return out.str();
}

}  // namespace vzcpucheck
