// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli.h"

#include <algorithm>
#include <boost/program_options.hpp>

namespace po = boost::program_options;

namespace vzctl {

po::options_description GlobalOptions() {
  po::options_description desc("Global options");
  desc.add_options()                                               //
      ("help,h", "print this help and exit")                       //
      ("version,V", "print the versions of vzctl and the kernel")  //
      ("verbose,v", "print more about what is being done")         //
      ("quiet,q", "print only errors");
  return desc;
}

namespace {

bool IsOption(const std::string& arg) { return arg.size() > 1 && arg[0] == '-'; }

}  // namespace

std::expected<Invocation, UsageError> ParseCommandLine(std::span<const std::string> argv) {
  const auto command = std::find_if_not(argv.begin(), argv.end(), IsOption);
  const std::vector<std::string> global(argv.begin(), command);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(global).options(GlobalOptions()).run(), vm);
  } catch (const po::error& e) {
    return std::unexpected(UsageError{e.what()});
  }

  Invocation inv;
  inv.help = vm.count("help") > 0;
  inv.version = vm.count("version") > 0;
  inv.verbosity = static_cast<int>(vm.count("verbose")) - static_cast<int>(vm.count("quiet"));
  if (command != argv.end()) {
    inv.command = *command;
    inv.args.assign(command + 1, argv.end());
  }
  if (inv.command.empty() && !inv.help && !inv.version)
    return std::unexpected(UsageError{"no command given (try 'vzctl --help')"});
  return inv;
}

}  // namespace vzctl
