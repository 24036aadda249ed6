// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl set CTID [--hostname H] [--onboot yes|no] [--name N]
//                [--description D] [--ipadd A[/M]]... [--ipdel A|all]...
//                [--nameserver A]... [--searchdomain D]...
//                [--netif_add IF[,MAC,HOST_IF,HOST_MAC,BRIDGE]]... [--netif_del IF|all]...
//                [--netdev_add DEV]... [--netdev_del DEV]...
//                [--RESOURCE BARRIER[:LIMIT]]... [--ram SIZE] [--swap SIZE]
//                [--vm_overcommit N] [--save]
#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/set.h"
#include "vz/ubc/resources.h"

namespace po = boost::program_options;

namespace vzctl {

namespace {

using Strings = std::vector<std::string>;

std::string ResourceHelp(const vz::UbResource& r) {
  switch (r.unit) {
    case vz::UbUnit::kPages:
      return "barrier[:limit] in pages, or bytes with a suffix (K, M, G, T)";
    case vz::UbUnit::kBytes:
      return "barrier[:limit] in bytes (K, M, G, T suffixes)";
    case vz::UbUnit::kItems:
      break;
  }
  return "barrier[:limit], a count";
}

// --kmemsize, --numproc, ...: one option per resource.
void AddResourceOptions(po::options_description& desc) {
  for (const auto& r : vz::UbResources())
    desc.add_options()(std::string(r.name).c_str(), po::value<std::string>(),
                       ResourceHelp(r).c_str());
}

po::options_description SetOptions() {
  po::options_description desc("set options");
  auto many = [] { return po::value<Strings>()->composing(); };
  desc.add_options()                                                                      //
      ("hostname", po::value<std::string>(), "host name of the container")                //
      ("onboot", po::value<std::string>(), "start at boot: yes or no")                    //
      ("name", po::value<std::string>(), "a name for the container")                      //
      ("description", po::value<std::string>(), "free text")                              //
      ("ipadd", many(), "add a venet IP address A[/mask] (repeatable)")                   //
      ("ip", many(), "the same as --ipadd")                                               //
      ("ipdel", many(), "remove a venet IP address, or all of them")                      //
      ("nameserver", many(), "DNS server address, or inherit (repeatable)")               //
      ("searchdomain", many(), "DNS search domain (repeatable)")                          //
      ("netif_add", many(), "add a veth pair: IF[,MAC,HOST_IF,HOST_MAC,BRIDGE]")          //
      ("netif_del", many(), "remove a veth pair by its container name, or all")           //
      ("netdev_add", many(), "move a host network device into the container")             //
      ("netdev_del", many(), "give a moved network device back to the host")              //
      ("ram", po::value<std::string>(), "vSwap: RAM, bytes (K, M, G, T suffixes)")        //
      ("swap", po::value<std::string>(), "vSwap: swap, bytes (K, M, G, T suffixes)")      //
      ("vm_overcommit", po::value<std::string>(), "vSwap: privvmpages = (ram+swap) * N")  //
      ("avnumproc", po::value<std::string>(), "expected number of processes (validation)")(
          "save", "store the settings in CTID.conf");
  AddResourceOptions(desc);
  return desc;
}

std::optional<std::string> Opt(const po::variables_map& vm, const char* key) {
  if (!vm.count(key)) return std::nullopt;
  return vm[key].as<std::string>();
}

Strings List(const po::variables_map& vm, const char* key) {
  return vm.count(key) ? vm[key].as<Strings>() : Strings{};
}

std::optional<Strings> OptList(const po::variables_map& vm, const char* key) {
  if (!vm.count(key)) return std::nullopt;
  return vm[key].as<Strings>();
}

vz::SetOptions FromArgs(const po::variables_map& vm) {
  vz::SetOptions opts;
  opts.hostname = Opt(vm, "hostname");
  opts.onboot = Opt(vm, "onboot");
  opts.name = Opt(vm, "name");
  opts.description = Opt(vm, "description");
  opts.save = vm.count("save") > 0;
  opts.ipadd = List(vm, "ipadd");
  for (auto& ip : List(vm, "ip")) opts.ipadd.push_back(ip);
  opts.ipdel = List(vm, "ipdel");
  opts.nameservers = OptList(vm, "nameserver");
  opts.searchdomains = OptList(vm, "searchdomain");
  opts.netif_add = List(vm, "netif_add");
  opts.netif_del = List(vm, "netif_del");
  opts.netdev_add = List(vm, "netdev_add");
  opts.netdev_del = List(vm, "netdev_del");
  for (const auto& r : vz::UbResources())
    if (auto v = Opt(vm, std::string(r.name).c_str())) opts.ubc.emplace_back(r.name, *v);
  if (auto v = Opt(vm, "avnumproc")) opts.ubc.emplace_back("avnumproc", *v);
  opts.ram = Opt(vm, "ram");
  opts.swap = Opt(vm, "swap");
  opts.vm_overcommit = Opt(vm, "vm_overcommit");
  return opts;
}

}  // namespace

int CmdSet(const CommandContext& ctx) {
  auto args = ParseCtArgs(ctx, SetOptions());
  if (!args) return args.error();
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return ct.error();
  auto lock = LockContainer(ctx, *ct);
  if (!lock) return lock.error();
  const vz::SetOptions opts = FromArgs(args->options);
  std::vector<std::string> warnings;
  auto set = vz::SetContainer(*ct, opts, &warnings);
  if (!set) return Fail(ctx, set.error());
  for (const auto& w : warnings) Warn(ctx, w);
  if (opts.save) Say(ctx, "Saved parameters for CT " + std::to_string(args->veid));
  return kExitOk;
}

}  // namespace vzctl
