// SPDX-License-Identifier: GPL-2.0-or-later
//
// Runs a parsed vzctl invocation: looks the command up, runs it through
// libvz, prints its result or its error, and returns the exit code.
//
// The command table is the one list of commands: vzctl --help lists it, and
// "vzctl COMMAND --help" prints the command's options from the same
// options_description its parser takes, so help cannot miss an option.
#pragma once

#include <boost/program_options/options_description.hpp>
#include <filesystem>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"
#include "vz/core/error.h"
#include "vz/core/paths.h"

namespace vzctl {

struct Environment {
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path proc = "/proc";  // where procfs is mounted
  vz::Paths paths = {};                  // prefix of every vz file (VZ_PREFIX)
};

int Run(const Invocation& inv, const Environment& env);

// What every command gets: its own arguments (after the command name) and
// where to print.
struct CommandContext {
  const std::vector<std::string>& args;
  const Environment& env;
  int verbosity;
};

// Prints "vzctl: <message>" and returns the exit code for the error.
int Fail(const CommandContext& ctx, const vz::Error& error);

// Prints a usage error and returns exit code 20.
int UsageFail(const CommandContext& ctx, const std::string& message);

// One command: how it is called, what help says of it, what it accepts.
struct Command {
  std::string_view name;
  std::string_view operands;  // what follows the name in its usage line
  std::string_view summary;   // its line in vzctl --help
  boost::program_options::options_description (*options)();  // what its parser takes
  int (*run)(const CommandContext&);
};

// Every command, in the order vzctl --help lists them.
std::span<const Command> Commands();

// The options of each command, as its parser takes them (cmd_*.cc).
boost::program_options::options_description NoOptions();
boost::program_options::options_description CreateOptions();
boost::program_options::options_description StopOptions();
boost::program_options::options_description EnterOptions();
boost::program_options::options_description SetOptions();
boost::program_options::options_description EventsOptions();

// The commands, one file each (cmd_*.cc).
int CmdCreate(const CommandContext& ctx);
int CmdDestroy(const CommandContext& ctx);
int CmdStart(const CommandContext& ctx);
int CmdStop(const CommandContext& ctx);
int CmdRestart(const CommandContext& ctx);
int CmdStatus(const CommandContext& ctx);
int CmdMount(const CommandContext& ctx);
int CmdUmount(const CommandContext& ctx);
int CmdEnter(const CommandContext& ctx);
int CmdExec(const CommandContext& ctx);
int CmdExec2(const CommandContext& ctx);
int CmdExec3(const CommandContext& ctx);
int CmdSet(const CommandContext& ctx);
int CmdEvents(const CommandContext& ctx);
int CmdQuotaOn(const CommandContext& ctx);
int CmdQuotaOff(const CommandContext& ctx);
int CmdQuotaInit(const CommandContext& ctx);

}  // namespace vzctl
