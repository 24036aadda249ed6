// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl set CTID [options]: the options are SetOptions(), which
// "vzctl set --help" prints; one per beancounter resource comes from
// vz::UbResources().
#include "cmd_util.h"
#include "exit_codes.h"
#include "set_options.h"
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
      ("cpuunits", one("N"), "CPU weight against other containers, 8..500000")           //
      ("cpulimit", one("N[%]"), "CPU time limit, % of one CPU (N% of the whole host)")   //
      ("cpus", one("N"), "at most N CPUs' worth, and N CPUs seen; 0: all")               //
      ("cpumask", one("LIST|all"), "CPUs the container may run on: 0-2,7")               //
      ("nodemask", one("LIST|all"), "memory nodes the container may use")                //
      ("ioprio", one("0-7"), "disk I/O weight against other containers (default 4)")     //
      ("iolimit", one("N[BKMG]"), "disk bandwidth limit per second; MB without suffix")  //
      ("iopslimit", one("N"), "disk operations per second limit")                        //
      ("diskquota", one("yes|no"), "disk quota limits on or off (DISK_QUOTA)")           //
      ("diskspace", one("S[:H]"), "disk space limits, 1K blocks (K, M, G, T suffixes)")  //
      ("diskinodes", one("S[:H]"), "disk inode limits")                                  //
      ("quotatime", one("SECONDS"), "grace time past the soft disk limits")              //
      ("quotaugidlimit", one("N"), "user and group quota inside, for N ids; 0: none")    //
      ("devices", many("SPEC"), "host devices: b|c:MAJOR:MINOR|all:rwq, or none")        //
      ("devnodes", many("NAME:rwq"), "host node /dev/NAME, bound inside too; or none")   //
      ("save", "store the settings in CTID.conf");
  return desc;
}

}  // namespace

po::options_description SetOptions() {
  auto desc = GeneralOptions();
  desc.add(ResourceOptions());
  return desc;
}

int CmdSet(const CommandContext& ctx) {
  auto args = ParseCtArgs(ctx, SetOptions());
  if (!args) return args.error();
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return ct.error();
  auto lock = LockContainer(ctx, *ct);
  if (!lock) return lock.error();
  std::vector<std::string> warnings;
  auto opts = SetOptionsFrom(args->options, args->veid, &warnings);
  if (!opts) return Fail(ctx, opts.error());
  auto set = vz::SetContainer(*ct, *opts, &warnings);
  if (!set) return Fail(ctx, set.error());
  for (const auto& w : warnings) Warn(ctx, w);
  if (opts->save) Say(ctx, "Saved parameters for CT " + std::to_string(args->veid));
  return kExitOk;
}

}  // namespace vzctl
