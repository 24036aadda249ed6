// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl: the administrator's tool for Virtual Environments.
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "exit_codes.h"

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  auto inv = vzctl::ParseCommandLine(args);
  if (!inv) {
    std::cerr << "vzctl: " << inv.error().message << "\n";
    return vzctl::kExitInvalidSyntax;
  }
  // VZ_PREFIX moves every vz file under another root (tests, the guest).
  const char* prefix = std::getenv("VZ_PREFIX");
  vz::Paths paths{prefix && *prefix ? prefix : "/"};
  return vzctl::Run(*inv, vzctl::Environment{std::cout, std::cerr, "/proc", paths});
}
