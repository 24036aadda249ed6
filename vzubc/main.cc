// SPDX-License-Identifier: GPL-2.0-or-later
// vzubc: shows containers' user beancounters.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "options.h"
#include "run.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto opts = vzubc::ParseOptions(args);
  if (!opts) {
    std::cerr << "vzubc: " << opts.error() << "\n";
    return 2;
  }
  // VZ_PREFIX moves the state file under another root, as for vzctl.
  const char* prefix = std::getenv("VZ_PREFIX");
  vz::Paths paths{prefix && *prefix ? prefix : "/"};
  return vzubc::Run(*opts, vzubc::Environment{std::cout, std::cerr, std::cin, "/proc", paths});
}
