// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl enter CTID [--exec cmd ...], exec / exec2 / exec3 CTID cmd ...
//
// exec runs the words through sh -c and exits 0 or 8 (OpenVZ); exec2 exits
// with the command's status; exec3 runs the argv as given, no shell, and
// exits with its status.
#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/inside/enter.h"
#include "vz/inside/exec.h"

namespace po = boost::program_options;

namespace vzctl {

// The words after --exec are the command, taken as they are (they may start
// with '-'), so CmdEnter reads them itself; this describes them for help.
po::options_description EnterOptions() {
  po::options_description desc("Options");
  desc.add_options()("exec", po::value<std::vector<std::string>>()->value_name("COMMAND..."),
                     "type these words into the shell, then read the terminal");
  return desc;
}

namespace {

// Parses "CTID cmd..." and runs cmd; the command's status, or the exit
// code of vzctl's own failure.
std::expected<int, int> RunCommand(const CommandContext& ctx, vz::ExecMode mode) {
  auto args = ParseCtArgs(ctx, NoOptions(), /*rest_is_command=*/true);
  if (!args) return std::unexpected(args.error());
  if (args->rest.empty()) return std::unexpected(UsageFail(ctx, "no command given to run"));
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return std::unexpected(ct.error());
  auto status = vz::ExecInContainer(*ct, args->rest, mode);
  if (!status) return std::unexpected(Fail(ctx, status.error()));
  return *status;
}

}  // namespace

int CmdExec(const CommandContext& ctx) {
  auto status = RunCommand(ctx, vz::ExecMode::kShell);
  return status && *status == 0 ? kExitOk : kExitCommandExecution;
}

int CmdExec2(const CommandContext& ctx) {
  auto status = RunCommand(ctx, vz::ExecMode::kShell);
  return status ? *status : status.error();
}

int CmdExec3(const CommandContext& ctx) {
  auto status = RunCommand(ctx, vz::ExecMode::kArgv);
  return status ? *status : status.error();
}

int CmdEnter(const CommandContext& ctx) {
  auto args = ParseCtArgs(ctx, NoOptions(), /*rest_is_command=*/true);
  if (!args) return args.error();
  vz::EnterOptions opts;
  if (!args->rest.empty()) {
    if (args->rest[0] != "--exec" || args->rest.size() < 2)
      return UsageFail(ctx, "usage: vzctl enter CTID [--exec command [args]]");
    opts.exec_words.assign(args->rest.begin() + 1, args->rest.end());
  }
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return ct.error();
  Say(ctx, "entered into CT " + std::to_string(args->veid));
  auto status = vz::EnterContainer(*ct, opts);
  if (!status) return Fail(ctx, status.error());
  Say(ctx, "exited from CT " + std::to_string(args->veid));
  return kExitOk;
}

}  // namespace vzctl
