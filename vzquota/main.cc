// SPDX-License-Identifier: GPL-2.0-or-later
// vzquota: a container's disk quota as OpenVZ's tool prints it.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "quota_cmd.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  // VZ_PREFIX moves every vz file under another root, as for vzctl.
  const char* prefix = std::getenv("VZ_PREFIX");
  vz::Paths paths{prefix && *prefix ? prefix : "/"};
  return vzquota::Run(args, vzquota::Environment{std::cout, std::cerr, paths});
}
