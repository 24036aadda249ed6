// SPDX-License-Identifier: GPL-2.0-or-later
// vzcpucheck [-v]: how much CPU the host has promised to its running
// containers (vzcpucheck(8)).
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "cpu_report.h"
#include "vz/cpu/check.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  po::options_description desc("Usage: vzcpucheck [-v]\nOptions");
  desc.add_options()("verbose,v", "list each running container's CPUUNITS")  //
      ("help,h", "show this help");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
  } catch (const po::error& e) {
    std::cerr << "vzcpucheck: " << e.what() << "\n" << desc;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc;
    return 0;
  }
  // VZ_PREFIX reads another tree's vz.conf and configs, as for vzctl.
  const char* prefix = std::getenv("VZ_PREFIX");
  auto check = vz::CheckCpu(vz::Paths{prefix && *prefix ? prefix : "/"});
  if (!check) {
    std::cerr << "vzcpucheck: " << check.error().message() << "\n";
    return 1;
  }
  std::cout << vzcpucheck::Report(*check, vm.count("verbose") > 0);
  return 0;
}
