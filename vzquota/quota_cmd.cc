// SPDX-License-Identifier: GPL-2.0-or-later
#include "quota_cmd.h"

#include <boost/program_options.hpp>
#include <ctime>

#include "vz/core/container.h"
#include "vz/quota/quota.h"

namespace po = boost::program_options;

namespace vzquota {

namespace {

struct Args {
  bool help = false;
  bool quiet = false;
  std::string command;
  std::string id;
};

po::options_description Options() {
  po::options_description desc("Options");
  desc.add_options()("help,h", "print this help")("quiet,q", "print errors only")(
      "verbose,v", "accepted for OpenVZ's scripts");
  return desc;
}

std::optional<Args> Parse(const std::vector<std::string>& args, std::ostream& err) {
  po::options_description all = Options();
  all.add_options()("command", po::value<std::string>())("id", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("command", 1).add("id", 1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
  } catch (const po::error& e) {
    err << "vzquota: " << e.what() << "\n";
    return std::nullopt;
  }
  Args out;
  out.help = vm.count("help") > 0;
  out.quiet = vm.count("quiet") > 0;
  if (vm.count("command")) out.command = vm["command"].as<std::string>();
  if (vm.count("id")) out.id = vm["id"].as<std::string>();
  return out;
}

int ExitFor(const vz::Error& error) {
  switch (error.kind()) {
    case vz::ErrorKind::kQuotaInit:
    case vz::ErrorKind::kPrivateMissing:
    case vz::ErrorKind::kNoVeConfig:
      return kExitNoQuota;
    case vz::ErrorKind::kInvalidArgument:
      return kExitUsage;
    default:
      return kExitSystem;
  }
}

int Stat(const Args& args, const Environment& env) {
  auto veid = vz::ParseVeid(args.id);
  if (!veid) {
    env.err << "vzquota: " << veid.error().message() << "\n";
    return kExitUsage;
  }
  auto ct = vz::Container::Open(env.paths, *veid);
  vz::Result<vz::DiskQuotaStat> stat = ct ? vz::ReadDiskQuota(*ct) : std::unexpected(ct.error());
  if (ct && !ct->has_config())
    stat = vz::KindError(vz::ErrorKind::kNoVeConfig, "container " + args.id + " does not exist");
  if (!stat) {
    env.err << "vzquota: (error) " << stat.error().message() << "\n";
    return ExitFor(stat.error());
  }
  env.out << vz::FormatQuotaStat(*stat, static_cast<int64_t>(std::time(nullptr)));
  return kExitOk;
}

}  // namespace

std::string UsageText() {
  std::ostringstream text;
  text << "Usage: vzquota [-q] stat|show CTID\n"
          "Prints a container's disk quota: usage, soft and hard limits and grace time\n"
          "left, for 1K blocks and inodes. Limits are set with vzctl set --diskspace,\n"
          "--diskinodes and --quotatime.\n"
          "Exit status: 0 ok, 1 system error, 2 usage, 11 no quota for the container.\n\n"
       << Options();
  return text.str();
}

int Run(const std::vector<std::string>& argv, const Environment& env) {
  auto args = Parse(argv, env.err);
  if (!args) return kExitUsage;
  if (args->help) {
    env.out << UsageText();
    return kExitOk;
  }
  if (args->command != "stat" && args->command != "show") {
    env.err << "vzquota: "
            << (args->command.empty() ? "no command" : "unknown command '" + args->command + "'")
            << " (stat or show)\n"
            << UsageText();
    return kExitUsage;
  }
  if (args->id.empty()) {
    env.err << "vzquota: " << args->command << " needs a CTID\n";
    return kExitUsage;
  }
  return Stat(*args, env);
}

}  // namespace vzquota
