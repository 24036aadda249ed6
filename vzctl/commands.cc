// SPDX-License-Identifier: GPL-2.0-or-later
#include "commands.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>

#include "exit_codes.h"
#include "help.h"
#include "vz/core/stages.h"
#include "vz/kernel/info.h"

namespace vzctl {

namespace {

constexpr std::string_view kCtidOptions = "CTID [options]";
constexpr std::string_view kCtidOnly = "CTID";

constexpr std::array kCommands = {
    Command{"create", kCtidOptions, "create a container: its CTID.conf and private area",
            CreateOptions, CmdCreate},
    Command{"destroy", kCtidOnly, "remove a stopped container: its private area and config",
            NoOptions, CmdDestroy},
    Command{"delete", kCtidOnly, "the same as destroy", NoOptions, CmdDestroy},
    Command{"start", kCtidOnly, "mount the private area and boot the container", NoOptions,
            CmdStart},
    Command{"stop", kCtidOptions, "halt the container, then kill what is left; unmount it",
            StopOptions, CmdStop},
    Command{"restart", kCtidOptions, "stop, then start", StopOptions, CmdRestart},
    Command{"status", kCtidOnly, "print whether it exists, is mounted, runs; always exit 0",
            NoOptions, CmdStatus},
    Command{"mount", kCtidOnly, "mount the private area on VE_ROOT without starting", NoOptions,
            CmdMount},
    Command{"umount", kCtidOnly, "unmount the private area of a stopped container", NoOptions,
            CmdUmount},
    Command{"enter", "CTID [--exec COMMAND...]", "a root shell inside the container", EnterOptions,
            CmdEnter},
    Command{"exec", "CTID COMMAND...",
            "run COMMAND through sh -c inside; exit 0, or 8 on any failure", NoOptions, CmdExec},
    Command{"exec2", "CTID COMMAND...", "run COMMAND through sh -c inside; exit with its status",
            NoOptions, CmdExec2},
    Command{"exec3", "CTID PROGRAM [ARG...]",
            "run PROGRAM with its ARGs inside, no shell; exit with its status", NoOptions,
            CmdExec3},
    Command{"set", kCtidOptions, "change settings, at once if it runs; --save stores them",
            SetOptions, CmdSet},
    Command{"quotaon", kCtidOnly, "apply DISKSPACE and DISKINODES as the disk quota limits",
            NoOptions, CmdQuotaOn},
    Command{"quotaoff", kCtidOnly, "remove the disk quota limits (usage stays counted)", NoOptions,
            CmdQuotaOff},
    Command{"quotainit", kCtidOnly, "count the whole private area in the disk quota, then apply it",
            NoOptions, CmdQuotaInit},
    Command{"events", "[--json]", "print the kernel's VE events (start, stop, reboot) as they come",
            EventsOptions, CmdEvents},
};

const Command* Find(std::string_view name) {
  auto it = std::ranges::find(kCommands, name, &Command::name);
  return it == kCommands.end() ? nullptr : &*it;
}

// "vzctl COMMAND --help", or -h, before anything else.
bool AsksForHelp(const std::vector<std::string>& args) {
  return !args.empty() && (args[0] == "--help" || args[0] == "-h");
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

// --verbose: where the time of the command goes, one line per stage.
void TraceStages(std::ostream& err) {
  vz::SetStageSink([&err](const vz::StageTime& t) {
    using Ms = std::chrono::duration<double, std::milli>;
    char line[160];
    std::snprintf(line, sizeof(line), "vzctl: %8.2f ms %8.2f ms  %.*s\n", Ms(t.took).count(),
                  Ms(t.total).count(), static_cast<int>(t.stage.size()), t.stage.data());
    err << line << std::flush;
  });
}

}  // namespace

std::span<const Command> Commands() { return kCommands; }

int Fail(const CommandContext& ctx, const vz::Error& error) {
  ctx.env.err << "vzctl: " << error.message() << "\n";
  return ExitCodeFor(error);
}

int UsageFail(const CommandContext& ctx, const std::string& message) {
  ctx.env.err << "vzctl: " << message << "\n";
  return kExitInvalidSyntax;
}

int Run(const Invocation& inv, const Environment& env) {
  const Command* cmd = Find(inv.command);
  if (inv.help || (cmd && AsksForHelp(inv.args))) {
    env.out << (cmd ? CommandHelp(*cmd) : UsageText());
    return kExitOk;
  }
  if (inv.version) return PrintVersion(env);
  if (!cmd) {
    env.err << "vzctl: unknown command '" << inv.command << "' (try 'vzctl --help')\n";
    return kExitInvalidSyntax;
  }
  if (inv.verbosity > 0) TraceStages(env.err);
  return cmd->run(CommandContext{inv.args, env, inv.verbosity});
}

}  // namespace vzctl
