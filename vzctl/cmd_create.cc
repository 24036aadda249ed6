// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl create CTID [options]: the options are CreateOptions(), which
// "vzctl create --help" prints.
#include <signal.h>
#include <unistd.h>

#include <atomic>

#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/fs/create.h"

namespace po = boost::program_options;

namespace vzctl {

po::options_description CreateOptions() {
  po::options_description desc("Options");
  auto str = [](const char* name) { return po::value<std::string>()->value_name(name); };
  auto id = [] { return po::value<uint32_t>()->value_name("N"); };
  auto many = [] { return po::value<std::vector<std::string>>()->composing(); };
  desc.add_options()                                                                     //
      ("ostemplate", str("NAME"), "OS template cache to unpack")                         //
      ("config", str("NAME"), "sample config ve-NAME.conf-sample")                       //
      ("layout", str("simfs|overlay"), "own copy of the template, or a layer on it")     //
      ("hostname", str("H"), "host name of the container")                               //
      ("private", str("DIR"), "private area (VE_PRIVATE)")                               //
      ("root", str("DIR"), "mount point (VE_ROOT)")                                      //
      ("local_uid", id(), "host uid of container root")                                  //
      ("local_gid", id(), "host gid of container root")                                  //
      ("allow-host-root-map", "allow local uid/gid 0 (host root)")                       //
      ("ipadd", many()->value_name("A[/MASK]"), "venet IP address (repeatable)")         //
      ("ip", many()->value_name("A[/MASK]"), "the same as --ipadd")                      //
      ("diskspace", str("S[:H]"), "disk space limits, 1K blocks (K, M, G, T suffixes)")  //
      ("diskinodes", str("S[:H]"), "disk inode limits");
  return desc;
}

namespace {

std::atomic<bool> g_cancel{false};

void OnInterrupt(int) { g_cancel = true; }

vz::Result<vz::CreateOptions> FromArgs(const po::variables_map& vm) {
  vz::CreateOptions opts;
  auto str = [&](const char* key) { return vm.count(key) ? vm[key].as<std::string>() : ""; };
  opts.ostemplate = str("ostemplate");
  opts.config = str("config");
  opts.hostname = str("hostname");
  if (vm.count("layout")) {
    auto layout = vz::ParseLayout(str("layout"));
    if (!layout) return std::unexpected(layout.error());
    opts.layout = *layout;
  }
  if (vm.count("private")) opts.private_dir = str("private");
  if (vm.count("root")) opts.root = str("root");
  if (vm.count("local_uid")) opts.local_uid = vm["local_uid"].as<uint32_t>();
  if (vm.count("local_gid")) opts.local_gid = vm["local_gid"].as<uint32_t>();
  opts.allow_host_root_map = vm.count("allow-host-root-map") > 0;
  if (vm.count("diskspace")) {
    auto limit = vz::ParseDiskSpace(str("diskspace"));
    if (!limit) return std::unexpected(limit.error().Wrap("invalid --diskspace"));
    opts.diskspace = *limit;
  }
  if (vm.count("diskinodes")) {
    auto limit = vz::ParseDiskInodes(str("diskinodes"));
    if (!limit) return std::unexpected(limit.error().Wrap("invalid --diskinodes"));
    opts.diskinodes = *limit;
  }
  for (const char* key : {"ipadd", "ip"}) {
    if (!vm.count(key)) continue;
    for (const auto& value : vm[key].as<std::vector<std::string>>()) {
      auto ips = vz::ParseIpAddOption(value);
      if (!ips) return std::unexpected(ips.error());
      opts.ipadd.insert(opts.ipadd.end(), ips->begin(), ips->end());
    }
  }
  return opts;
}

// Progress on a terminal: one line rewritten in place; otherwise every 10%.
std::function<void(int)> Progress(const CommandContext& ctx) {
  if (ctx.verbosity < 0) return {};
  const bool tty = ::isatty(STDOUT_FILENO);
  return [&ctx, tty, last = -10](int percent) mutable {
    if (tty) {
      ctx.env.out << "\rUnpacking: " << percent << "%" << (percent == 100 ? "\n" : "")
                  << std::flush;
    } else if (percent >= last + 10 || percent == 100) {
      ctx.env.out << "Unpacking: " << percent << "%\n" << std::flush;
      last = percent;
    }
  };
}

}  // namespace

int CmdCreate(const CommandContext& ctx) {
  auto args = ParseCtArgs(ctx, CreateOptions());
  if (!args) return args.error();
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return ct.error();
  auto lock = LockContainer(ctx, *ct);
  if (!lock) return lock.error();
  auto parsed = FromArgs(args->options);
  if (!parsed) return Fail(ctx, parsed.error());
  vz::CreateOptions opts = std::move(*parsed);
  opts.progress = Progress(ctx);
  opts.cancel = &g_cancel;
  struct sigaction sa = {}, old_int = {}, old_term = {}, old_hup = {};
  sa.sa_handler = OnInterrupt;
  ::sigaction(SIGINT, &sa, &old_int);
  ::sigaction(SIGTERM, &sa, &old_term);
  ::sigaction(SIGHUP, &sa, &old_hup);
  Say(ctx, "Creating container private area (" +
               (opts.ostemplate.empty() ? std::string("default template") : opts.ostemplate) + ")");
  std::vector<std::string> warnings;
  auto created = vz::CreateContainer(*ct, opts, &warnings);
  for (const auto& w : warnings) Warn(ctx, w);
  ::sigaction(SIGINT, &old_int, nullptr);
  ::sigaction(SIGTERM, &old_term, nullptr);
  ::sigaction(SIGHUP, &old_hup, nullptr);
  if (!created) return Fail(ctx, created.error());
  Say(ctx, "Container private area was created");
  return kExitOk;
}

}  // namespace vzctl
