// SPDX-License-Identifier: GPL-2.0-or-later
#include "commands.h"

#include <map>

#include "exit_codes.h"
#include "vz/kernel/info.h"

namespace vzctl {

namespace {

using CommandFn = int (*)(const CommandContext&);

const std::map<std::string, CommandFn>& CommandTable() {
  static const std::map<std::string, CommandFn> table = {
      {"create", CmdCreate}, {"destroy", CmdDestroy}, {"delete", CmdDestroy}, {"start", CmdStart},
      {"stop", CmdStop},     {"restart", CmdRestart}, {"status", CmdStatus},  {"mount", CmdMount},
      {"umount", CmdUmount}, {"enter", CmdEnter},     {"exec", CmdExec},      {"exec2", CmdExec2},
      {"exec3", CmdExec3},   {"set", CmdSet},
  };
  return table;
}

int PrintVersion(const Environment& env) {
  env.out << "vzctl version " << vz::LibraryVersion() << "\n";
  auto kernel = vz::ReadKernelInfo(env.proc);
  if (!kernel) {
    env.out << "kernel: " << kernel.error().message() << "\n";
    return kExitBadKernel;
  }
  env.out << "kernel: VE interface " << kernel->vz_version << "\n";
  return kExitOk;
}

}  // namespace

int Fail(const CommandContext& ctx, const vz::Error& error) {
  ctx.env.err << "vzctl: " << error.message() << "\n";
  return ExitCodeFor(error);
}

int UsageFail(const CommandContext& ctx, const std::string& message) {
  ctx.env.err << "vzctl: " << message << "\n";
  return kExitInvalidSyntax;
}

int Run(const Invocation& inv, const Environment& env) {
  if (inv.help) {
    env.out << UsageText();
    return kExitOk;
  }
  if (inv.version) return PrintVersion(env);
  auto cmd = CommandTable().find(inv.command);
  if (cmd == CommandTable().end()) {
    env.err << "vzctl: unknown command '" << inv.command << "' (try 'vzctl --help')\n";
    return kExitInvalidSyntax;
  }
  return cmd->second(CommandContext{inv.args, env, inv.verbosity});
}

}  // namespace vzctl
