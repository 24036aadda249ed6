// SPDX-License-Identifier: GPL-2.0-or-later
// vzeventd: runs the admin's scripts for the kernel's VE events.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "scripts.h"
#include "serve.h"
#include "vz/core/paths.h"
#include "vz/kernel/info.h"

namespace po = boost::program_options;

namespace {

po::options_description Describe() {
  po::options_description desc("Options");
  desc.add_options()  //
      ("scripts", po::value<std::string>()->value_name("DIR"),
       "run DIR/vzevent-EVENT (default: /etc/vz/vzevent.d)")  //
      ("timeout", po::value<unsigned>()->value_name("SEC")->default_value(60),
       "kill a script that runs longer")                       //
      ("verbose,v", "log every event and every script's end")  //
      ("help,h", "show this help")                             //
      ("version,V", "show the version");
  return desc;
}

void Usage(std::ostream& out) {
  out << "Usage: vzeventd [--scripts DIR] [--timeout SEC] [-v]\n\n"
         "Listens for the kernel's VE events (ve-start, ve-stop, ve-reboot) and runs\n"
         "DIR/vzevent-start, vzevent-stop or vzevent-reboot for each, with VEID and\n"
         "EVENT in its environment. Runs in the foreground and logs to stderr; on\n"
         "SIGTERM, SIGINT or SIGHUP lets running scripts finish, then exits.\n\n"
      << Describe()
      << "\nExit status: 0 when stopped by a signal, 1 when the events cannot be read,\n"
         "2 for a bad command line.\n";
}

}  // namespace

int main(int argc, char** argv) {
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, Describe()), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "vzeventd: " << e.what() << " (try 'vzeventd --help')\n";
    return 2;
  }
  if (vm.count("help")) return Usage(std::cout), 0;
  if (vm.count("version")) return std::cout << "vzeventd " << vz::LibraryVersion() << "\n", 0;
  const char* prefix = std::getenv("VZ_PREFIX");
  const vz::Paths paths{prefix && *prefix ? prefix : "/"};
  const std::filesystem::path dir = vm.count("scripts")
                                        ? std::filesystem::path(vm["scripts"].as<std::string>())
                                        : paths.Under("/etc/vz/vzevent.d");
  const int signals = vzeventd::OpenSignals();
  if (signals < 0) return std::perror("vzeventd: signalfd"), 1;
  auto events = vz::VeEvents::Open();
  if (!events) {
    std::cerr << "vzeventd: " << events.error().message() << "\n";
    return 1;
  }
  const bool verbose = vm.count("verbose") > 0;
  vzeventd::ScriptRunner runner(dir, std::chrono::seconds(vm["timeout"].as<unsigned>()), std::cerr,
                                verbose);
  if (verbose) std::cerr << "vzeventd: listening; scripts in " << dir.string() << std::endl;
  return vzeventd::Serve(*events, signals, runner, std::cerr, verbose);
}
