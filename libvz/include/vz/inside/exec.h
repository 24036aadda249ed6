// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Running programs inside a running container, as its root.
//
// The caller stays on the host: a child joins the container's namespaces
// (VE_ENTER) and forks the program, which is then a process of the
// container with a clean environment (PATH, HOME=/, TERM).
#pragma once

#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

enum class ExecMode {
  kShell,  // OpenVZ's exec/exec2: args joined by spaces and run by sh -c
  kArgv,   // the args as they are, with execvp semantics: no shell
};

// Runs the command and returns its exit status (128 + signal if killed).
// Exit status 127 means the program was not found. A command "-" in kShell
// mode runs a shell that reads its commands from standard input.
// kNotRunning when the container does not run. A standard stream of the
// caller's that is a terminal reaches the program through a pipe that the
// caller relays; no process of the container holds the terminal.
Result<int> ExecInContainer(const Container& ct, const std::vector<std::string>& args,
                            ExecMode mode);

}  // namespace vz
