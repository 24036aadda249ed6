// SPDX-License-Identifier: GPL-2.0-or-later
// Runs vzubc: reads the beancounters, compares their failcnt with the last
// look, prints, remembers.
#pragma once

#include <filesystem>
#include <istream>
#include <ostream>

#include "options.h"
#include "vz/core/paths.h"

namespace vzubc {

struct Environment {
  std::ostream& out;
  std::ostream& err;
  std::istream& in;                      // for --file -
  std::filesystem::path proc = "/proc";  // where procfs is mounted
  vz::Paths paths = {};                  // prefix of the state file (VZ_PREFIX)
};

// Where the failcnt last seen is kept by default.
std::filesystem::path DefaultStatePath(const vz::Paths& paths);

// The exit code: 0, 1 when the beancounters cannot be read or a CTID asked
// for has none.
int Run(const Options& opts, const Environment& env);

}  // namespace vzubc
