// SPDX-License-Identifier: GPL-2.0-or-later
// vzquota stat|show CTID: a container's disk quota, usage and limits, in
// OpenVZ's layout. The numbers are the kernel's (the project quota of the
// container's private area, vz/quota/quota.h); "show" prints the same as
// "stat", as there is no quota file apart from the filesystem.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "vz/core/paths.h"

namespace vzquota {

enum ExitCode : int {
  kExitOk = 0,
  kExitSystem = 1,
  kExitUsage = 2,
  kExitNoQuota = 11,  // OpenVZ: "quota file does not exist"
};

struct Environment {
  std::ostream& out;
  std::ostream& err;
  vz::Paths paths = {};  // prefix of every vz file (VZ_PREFIX)
};

std::string UsageText();

// Parses `args` (what follows "vzquota") and runs the command.
int Run(const std::vector<std::string>& args, const Environment& env);

}  // namespace vzquota
