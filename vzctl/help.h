// SPDX-License-Identifier: GPL-2.0-or-later
//
// vzctl's help texts, made from the command table and the options each
// parser takes:
//
//   vzctl --help          the global options and one line per command
//   vzctl COMMAND --help  the command's usage line and its options
#pragma once

#include <string>

#include "commands.h"

namespace vzctl {

// The text printed by vzctl --help.
std::string UsageText();

// The text printed by vzctl COMMAND --help.
std::string CommandHelp(const Command& cmd);

}  // namespace vzctl
