// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli.h"

#include <algorithm>
#include <boost/program_options.hpp>
#include <sstream>

namespace po = boost::program_options;

namespace vzctl {

namespace {

po::options_description GlobalOptions() {
  po::options_description desc("Global options");
  desc.add_options()                                               //
      ("help,h", "print this help and exit")                       //
      ("version,V", "print the versions of vzctl and the kernel")  //
      ("verbose,v", "print more about what is being done")         //
      ("quiet,q", "print only errors");
  return desc;
}

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

std::string UsageText() {
  std::ostringstream out;
  out << "Usage: vzctl [--verbose | --quiet] <command> <CTID> [options]\n"
         "       vzctl --help | --version\n\n"
         "Manage Virtual Environments (containers) on a kernel with the VE patch series.\n\n"
      << GlobalOptions()
      << "\nCommands:\n"
         "  create CTID --ostemplate NAME [--config NAME] [--hostname H]\n"
         "         [--private DIR] [--root DIR] [--local_uid N --local_gid N]\n"
         "         [--ipadd A[/MASK]]...\n"
         "  start CTID | stop CTID [--fast] | restart CTID | status CTID\n"
         "  mount CTID | umount CTID | destroy CTID\n"
         "  enter CTID [--exec COMMAND...]\n"
         "  exec CTID COMMAND...     run through sh -c; exit 0, or 8 on any failure\n"
         "  exec2 CTID COMMAND...    run through sh -c; exit with the command's status\n"
         "  exec3 CTID PROGRAM ARG.. run exactly this argv, no shell\n"
         "  set CTID [--hostname H] [--onboot yes|no] [--name N] [--description D]\n"
         "         [--ipadd A[/MASK]]... [--ipdel A|all]...     (--ip = --ipadd)\n"
         "         [--nameserver A|inherit]... [--searchdomain D]...\n"
         "         [--netif_add IF[,MAC,HOST_IF,HOST_MAC,BRIDGE]]... [--netif_del IF|all]...\n"
         "         [--netdev_add DEV]... [--netdev_del DEV]...\n"
         "         [--ram SIZE] [--swap SIZE] [--vm_overcommit N]\n"
         "         [--RESOURCE BARRIER[:LIMIT]]... [--save]\n"
         "         RESOURCE: kmemsize lockedpages privvmpages shmpages numproc physpages\n"
         "         vmguarpages oomguarpages numtcpsock numflock numpty numsiginfo tcpsndbuf\n"
         "         tcprcvbuf othersockbuf dgramrcvbuf numothersock dcachesize numfile\n"
         "         numiptent swappages\n"
         "\nExit status follows OpenVZ: 0 on success, 20 for a bad command line,\n"
         "21 for a bad value, 5 when the kernel lacks VE support, 71/72/73 for a bad\n"
         "IP address, name server or search domain, 78 for an IP address another\n"
         "container owns, 1 for a resource limit refused, 28 for RAM without swap;\n"
         "see vzctl(8).\n";
  return out.str();
}

}  // namespace vzctl
