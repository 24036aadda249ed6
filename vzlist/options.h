// SPDX-License-Identifier: GPL-2.0-or-later
//
// vzlist's command line, as OpenVZ's:
//
//   vzlist [-a|-S] [-n] [-H] [-t] [-j] [-o FIELD[,FIELD...] | -1] [-s [-]FIELD]
//          [-h PATTERN] [-N PATTERN] [-d PATTERN] [CTID|NAME...]
//   vzlist -L | --list
//   vzlist --help | -V|--version
#pragma once

#include <boost/program_options/options_description.hpp>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace vzlist {

struct Options {
  bool help = false;
  bool version = false;
  bool list_fields = false;  // -L
  bool all = false;          // -a
  bool stopped = false;      // -S
  bool no_header = false;    // -H, -1
  bool no_trim = false;      // -t
  bool json = false;         // -j
  // The fields to show: -o, else "veid" for -1, else the -n columns, else
  // empty (the default columns; every field in JSON).
  std::string output;
  std::string sort;  // -s, without its '-'
  bool sort_reverse = false;
  std::optional<std::string> hostname_pattern, name_pattern, description_pattern;
  std::vector<std::string> targets;  // CTIDs or names
};

// The default columns, and those of -n.
inline constexpr const char* kDefaultFields = "ctid,numproc,status,ip,hostname";
inline constexpr const char* kNameFields = "smart_name,numproc,status,ip,hostname";

// Parses argv without the program name; the error is ready to print after
// "vzlist: ".
std::expected<Options, std::string> ParseOptions(std::span<const std::string> args);

boost::program_options::options_description DescribedOptions();

// The text printed by --help.
std::string UsageText();

}  // namespace vzlist
