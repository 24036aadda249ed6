// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl set CTID [--hostname H] [--onboot yes|no] [--name N]
//                [--description D] [--save]
#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/set.h"

namespace po = boost::program_options;

namespace vzctl {

namespace {

po::options_description SetOptions() {
  po::options_description desc("set options");
  desc.add_options()                                                        //
      ("hostname", po::value<std::string>(), "host name of the container")  //
      ("onboot", po::value<std::string>(), "start at boot: yes or no")      //
      ("name", po::value<std::string>(), "a name for the container")        //
      ("description", po::value<std::string>(), "free text")                //
      ("save", "store the settings in CTID.conf");
  return desc;
}

std::optional<std::string> Opt(const po::variables_map& vm, const char* key) {
  if (!vm.count(key)) return std::nullopt;
  return vm[key].as<std::string>();
}

}  // namespace

int CmdSet(const CommandContext& ctx) {
  auto args = ParseCtArgs(ctx, SetOptions());
  if (!args) return args.error();
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return ct.error();
  auto lock = LockContainer(ctx, *ct);
  if (!lock) return lock.error();
  const auto& vm = args->options;
  vz::SetOptions opts{Opt(vm, "hostname"), Opt(vm, "onboot"), Opt(vm, "name"),
                      Opt(vm, "description"), vm.count("save") > 0};
  auto set = vz::SetContainer(*ct, opts);
  if (!set) return Fail(ctx, set.error());
  if (opts.save) Say(ctx, "Saved parameters for CT " + std::to_string(args->veid));
  return kExitOk;
}

}  // namespace vzctl
