// SPDX-License-Identifier: GPL-2.0-or-later
//
// vzubc's command line:
//
//   vzubc [-j|--json] [-c|--color] [-f|--file FILE] [--state FILE | -n|--no-state] [CTID...]
//   vzubc -h|--help | -V|--version
#pragma once

#include <boost/program_options/options_description.hpp>
#include <expected>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace vzubc {

struct Options {
  bool help = false;
  bool version = false;
  bool json = false;
  bool color = false;
  bool no_state = false;
  std::string file;                 // read this instead of /proc ("-": standard input)
  std::filesystem::path state;      // empty: the default under VZ_PREFIX
  std::vector<unsigned int> ctids;  // empty: every beancounter
};

// Parses argv without the program name; the error is ready to print after
// "vzubc: ".
std::expected<Options, std::string> ParseOptions(std::span<const std::string> args);

// The options ParseOptions takes besides the CTIDs: --help prints them.
boost::program_options::options_description DescribedOptions();

// The text printed by --help.
std::string UsageText();

}  // namespace vzubc
