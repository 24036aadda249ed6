// SPDX-License-Identifier: GPL-2.0-or-later
//
// Parsing of vzctl's command line:
//
//   vzctl [--verbose | --quiet] <command> <CTID> [options]
//   vzctl <command> --help
//   vzctl --help | --version
//
// Global flags come before the command, as in OpenVZ; everything from the
// command on is handed to that command's own parser.
#pragma once

#include <boost/program_options/options_description.hpp>
#include <expected>
#include <span>
#include <string>
#include <vector>

namespace vzctl {

struct Invocation {
  bool help = false;
  bool version = false;
  int verbosity = 0;  // 1 with --verbose, -1 with --quiet
  std::string command;
  std::vector<std::string> args;  // what follows the command
};

// A malformed command line; the message is ready to print after "vzctl: ".
struct UsageError {
  std::string message;
};

// Parses argv without the program name.
std::expected<Invocation, UsageError> ParseCommandLine(std::span<const std::string> argv);

// The options that come before the command.
boost::program_options::options_description GlobalOptions();

}  // namespace vzctl
