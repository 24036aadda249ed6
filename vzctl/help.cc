// SPDX-License-Identifier: GPL-2.0-or-later
#include "help.h"

#include <algorithm>
#include <cctype>
#include <iomanip>
#include <sstream>

#include "cli.h"

namespace vzctl {

namespace {

// One line per command: its name, then its summary in a column.
void ListCommands(std::ostream& out) {
  size_t width = 0;
  for (const auto& cmd : Commands()) width = std::max(width, cmd.name.size());
  for (const auto& cmd : Commands())
    out << "  " << std::left << std::setw(static_cast<int>(width + 2)) << cmd.name << cmd.summary
        << "\n";
}

}  // namespace

std::string UsageText() {
  std::ostringstream out;
  out << "Usage: vzctl [--verbose | --quiet] COMMAND CTID [options]\n"
         "       vzctl COMMAND --help\n"
         "       vzctl --help | --version\n\n"
         "Manage Virtual Environments (containers) on a kernel with the VE patch series.\n\n"
      << GlobalOptions() << "\nCommands:\n";
  ListCommands(out);
  out << "\n\"vzctl COMMAND --help\" shows a command's options.\n"
         "\nExit status follows OpenVZ: 0 on success, 20 for a bad command line,\n"
         "21 for a bad value, 5 when the kernel lacks VE support, 71/72/73 for a bad\n"
         "IP address, name server or search domain, 78 for an IP address another\n"
         "container owns, 1 for a resource limit refused, 28 for RAM without swap;\n"
         "see vzctl(8).\n";
  return out.str();
}

std::string CommandHelp(const Command& cmd) {
  std::ostringstream out;
  std::string summary(cmd.summary);
  if (!summary.empty())
    summary[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(summary[0])));
  out << "Usage: vzctl " << cmd.name << " " << cmd.operands << "\n\n" << summary << ".\n";
  const auto options = cmd.options();
  if (!options.options().empty()) out << "\n" << options;
  out << "\nSee vzctl(8) for the details.\n";
  return out.str();
}

}  // namespace vzctl
