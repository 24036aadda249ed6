// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl set CTID [options]: the options are SetOptions(), which
// "vzctl set --help" prints; one per beancounter resource comes from
// vz::UbResources().
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
      return "pages, or bytes with a K, M, G or T suffix";
    case vz::UbUnit::kBytes:
      return "bytes (K, M, G, T suffixes)";
    case vz::UbUnit::kItems:
      break;
  }
  return "a count";
}

// --kmemsize, --numproc, ...: one option per resource.
po::options_description ResourceOptions() {
  po::options_description desc("Resources, B[:L] being barrier[:limit] (see vzctl(8))");
  for (const auto& r : vz::UbResources())
    desc.add_options()(std::string(r.name).c_str(), po::value<std::string>()->value_name("B[:L]"),
                       ResourceHelp(r).c_str());
  desc.add_options()("avnumproc", po::value<std::string>()->value_name("B[:L]"),
                     "expected number of processes (validation)");
  return desc;
}

po::options_description GeneralOptions() {
  po::options_description desc("Options");
  auto one = [](const char* name) { return po::value<std::string>()->value_name(name); };
  auto many = [](const char* name) { return po::value<Strings>()->composing()->value_name(name); };
  desc.add_options()                                                                     //
      ("hostname", one("H"), "host name of the container")                               //
      ("onboot", one("yes|no"), "start at boot")                                         //
      ("name", one("N"), "a name for the container")                                     //
      ("description", one("D"), "free text")                                             //
      ("ipadd", many("A[/MASK]"), "add a venet IP address (repeatable)")                 //
      ("ip", many("A[/MASK]"), "the same as --ipadd")                                    //
      ("ipdel", many("A|all"), "remove a venet IP address, or all of them")              //
      ("nameserver", many("A"), "DNS server address, or inherit (repeatable)")           //
      ("searchdomain", many("D"), "DNS search domain (repeatable)")                      //
      ("netif_add", many("SPEC"), "add a veth pair: IF[,MAC,HOST_IF,HOST_MAC,BRIDGE]")   //
      ("netif_del", many("IF|all"), "remove a veth pair by its container name, or all")  //
      ("netdev_add", many("DEV"), "move a host network device into the container")       //
      ("netdev_del", many("DEV"), "give a moved network device back to the host")        //
      ("ram", one("SIZE"), "vSwap: RAM, bytes (K, M, G, T suffixes)")                    //
      ("swap", one("SIZE"), "vSwap: swap, bytes (K, M, G, T suffixes)")                  //
      ("vm_overcommit", one("N"), "vSwap: privvmpages = (ram+swap) * N")                 //
      ("save", "store the settings in CTID.conf");
  return desc;
}

}  // namespace

po::options_description SetOptions() {
  auto desc = GeneralOptions();
  desc.add(ResourceOptions());
  return desc;
}

namespace {

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
