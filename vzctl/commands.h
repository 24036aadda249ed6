// SPDX-License-Identifier: GPL-2.0-or-later
//
// Runs a parsed vzctl invocation: looks the command up, runs it through
// libvz, prints its result or its error, and returns the exit code.
#pragma once

#include <filesystem>
#include <ostream>

#include "cli.h"

namespace vzctl {

struct Environment {
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path proc = "/proc";  // where procfs is mounted
};

int Run(const Invocation& inv, const Environment& env);

}  // namespace vzctl
