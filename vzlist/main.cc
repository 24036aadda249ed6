// SPDX-License-Identifier: GPL-2.0-or-later
// vzlist: lists containers and their settings, limits and usage.
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "options.h"
#include "run.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto opts = vzlist::ParseOptions(args);
  if (!opts) {
    std::cerr << "vzlist: " << opts.error() << "\n";
    return 1;
  }
  // The kernel shows others' VEs only to the host's root.
  if (!opts->help && !opts->version && !opts->list_fields && ::geteuid() != 0) {
    std::cerr << "vzlist: this program can only be run by root\n";
    return 1;
  }
  const char* prefix = std::getenv("VZ_PREFIX");
  vz::Paths paths{prefix && *prefix ? prefix : "/"};
  return vzlist::Run(*opts, vzlist::Environment{std::cout, std::cerr, paths, {}});
}
