// SPDX-License-Identifier: GPL-2.0-or-later
#include "set_options.h"

#include <unistd.h>

#include <sstream>

#include "vz/cpu/options.h"
#include "vz/dev/options.h"
#include "vz/io/options.h"
#include "vz/quota/options.h"
#include "vz/ubc/config.h"
#include "vz/ubc/value.h"

namespace po = boost::program_options;

namespace vzctl {

namespace {

using Strings = std::vector<std::string>;

std::optional<std::string> Opt(const po::variables_map& vm, const std::string& key) {
  if (!vm.count(key)) return std::nullopt;
  return vm[key].as<std::string>();
}

Strings List(const po::variables_map& vm, const char* key) {
  return vm.count(key) ? vm[key].as<Strings>() : Strings{};
}

// Every value of a repeatable option, split at white space.
Strings Words(const po::variables_map& vm, const char* key) {
  Strings out;
  for (const auto& value : List(vm, key)) {
    std::istringstream in(value);
    for (std::string w; in >> w;) out.push_back(w);
  }
  return out;
}

std::optional<Strings> OptWords(const po::variables_map& vm, const char* key) {
  if (!vm.count(key)) return std::nullopt;
  return Words(vm, key);
}

std::unexpected<vz::Error> BadOption(const std::string& option, const vz::Error& why) {
  return vz::KindError(vz::ErrorKind::kInvalidArgument,
                       "invalid --" + option + ": " + why.context());
}

vz::Status ParseIdentity(const po::variables_map& vm, vz::IdentityOptions* out) {
  out->name = Opt(vm, "name");
  out->description = Opt(vm, "description");
  auto onboot = Opt(vm, "onboot");
  if (!onboot) return {};
  if (*onboot != "yes" && *onboot != "no")
    return vz::KindError(vz::ErrorKind::kInvalidArgument,
                         "invalid --onboot '" + *onboot + "': must be yes or no");
  out->onboot = *onboot == "yes";
  return {};
}

// One resource's "barrier[:limit]"; a value cut to unlimited is noted.
vz::Result<vz::UbLimit> ParseResource(const std::string& name, vz::UbUnit unit,
                                      const std::string& text, Strings* warnings) {
  auto parsed = vz::ParseUbLimit(unit, text);
  if (!parsed) return BadOption(name, parsed.error());
  if (parsed->truncated)
    warnings->push_back("--" + name + " " + text + ": too large, set to unlimited");
  return parsed->value;
}

vz::Status ParseSize(const po::variables_map& vm, const char* option,
                     std::optional<uint64_t>* pages) {
  auto text = Opt(vm, option);
  if (!text) return {};
  auto parsed = vz::ParseSizeToPages(*text);
  if (!parsed) return BadOption(option, parsed.error());
  *pages = *parsed;
  return {};
}

vz::Status ParseUbc(const po::variables_map& vm, vz::UbcOptions* out, Strings* warnings) {
  for (const auto& r : vz::UbResources()) {
    const std::string name(r.name);
    auto text = Opt(vm, name);
    if (!text) continue;
    auto v = ParseResource(name, r.unit, *text, warnings);
    if (!v) return std::unexpected(v.error());
    out->limits[r.id] = *v;
  }
  if (auto text = Opt(vm, "avnumproc")) {
    auto v = ParseResource("avnumproc", vz::UbUnit::kItems, *text, warnings);
    if (!v) return std::unexpected(v.error());
    out->avnumproc = *v;
  }
  vz::Status ok = ParseSize(vm, "ram", &out->ram_pages);
  if (ok) ok = ParseSize(vm, "swap", &out->swap_pages);
  if (!ok) return ok;
  if (auto text = Opt(vm, "vm_overcommit")) {
    auto ovc = vz::ParseOvercommit(*text);
    if (!ovc) return BadOption("vm_overcommit", ovc.error());
    out->vm_overcommit = *ovc;
  }
  return {};
}

// The value of `option` as `parse` reads it, into *out; nothing when it is
// not given.
template <typename T, typename... Args>
vz::Status ParseValue(const po::variables_map& vm, const char* option,
                      vz::Result<T> (*parse)(std::string_view, Args...), std::optional<T>* out,
                      Args... args) {
  auto text = Opt(vm, option);
  if (!text) return {};
  auto parsed = parse(*text, args...);
  if (!parsed) return BadOption(option, parsed.error());
  *out = *parsed;
  return {};
}

vz::Status ParseQuota(const po::variables_map& vm, vz::QuotaOptions* out) {
  if (auto on = Opt(vm, "diskquota")) {
    if (*on != "yes" && *on != "no")
      return vz::KindError(vz::ErrorKind::kInvalidArgument,
                           "invalid --diskquota '" + *on + "': must be yes or no");
    out->enabled = *on == "yes";
  }
  vz::Status ok = ParseValue(vm, "diskspace", vz::ParseDiskSpace, &out->diskspace);
  if (ok) ok = ParseValue(vm, "diskinodes", vz::ParseDiskInodes, &out->diskinodes);
  if (ok) ok = ParseValue(vm, "quotatime", vz::ParseQuotaTime, &out->quotatime);
  if (ok) ok = ParseValue(vm, "quotaugidlimit", vz::ParseUgidLimit, &out->ugidlimit);
  return ok;
}

// --devices and --devnodes: entries, or "none" for none of the stored ones.
template <typename Entry>
vz::Status ParseDevList(const po::variables_map& vm, const char* option,
                        vz::Result<Entry> (*parse)(std::string_view), bool* none,
                        std::vector<Entry>* out) {
  for (const auto& word : Words(vm, option)) {
    if (word == "none") {
      *none = true;
      continue;
    }
    auto entry = parse(word);
    if (!entry) return BadOption(option, entry.error());
    out->push_back(std::move(*entry));
  }
  return {};
}

vz::Status ParseDev(const po::variables_map& vm, vz::DevOptions* out) {
  vz::Status ok =
      ParseDevList(vm, "devices", vz::ParseDeviceEntry, &out->devices_none, &out->devices);
  if (ok)
    ok = ParseDevList(vm, "devnodes", vz::ParseDevnodeEntry, &out->devnodes_none, &out->devnodes);
  return ok;
}

// --cpulimit N% is a share of the whole host: of its online CPUs.
unsigned HostCpus() {
  const long n = ::sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<unsigned>(n) : 1;
}

vz::Status ParseCpu(const po::variables_map& vm, vz::CpuOptions* out) {
  vz::Status ok = ParseValue(vm, "cpuunits", vz::ParseCpuUnits, &out->cpuunits);
  if (ok) ok = ParseValue(vm, "cpulimit", vz::ParseCpuLimit, &out->cpulimit, HostCpus());
  if (ok) ok = ParseValue(vm, "cpus", vz::ParseCpus, &out->cpus);
  if (ok) ok = ParseValue(vm, "cpumask", vz::ParseCpuList, &out->cpumask);
  if (ok) ok = ParseValue(vm, "nodemask", vz::ParseCpuList, &out->nodemask);
  return ok;
}

vz::Status ParseIo(const po::variables_map& vm, vz::IoOptions* out) {
  vz::Status ok = ParseValue(vm, "ioprio", vz::ParseIoPrio, &out->ioprio);
  if (ok) ok = ParseValue(vm, "iolimit", vz::ParseIoLimit, &out->iolimit);
  if (ok) ok = ParseValue(vm, "iopslimit", vz::ParseIopsLimit, &out->iopslimit);
  return ok;
}

vz::Status ParseIps(const po::variables_map& vm, vz::IpChange* out) {
  for (const auto& word : Words(vm, "ipdel")) {
    if (word == "all") {
      out->del_all = true;
      continue;
    }
    auto ip = vz::ParseIpAddress(word);
    if (!ip) return std::unexpected(ip.error());
    out->del.push_back(*ip);
  }
  for (const char* key : {"ipadd", "ip"})
    for (const auto& value : List(vm, key)) {
      auto list = vz::ParseIpAddOption(value);
      if (!list) return std::unexpected(list.error());
      out->add.insert(out->add.end(), list->begin(), list->end());
    }
  return {};
}

vz::Status ParseNet(const po::variables_map& vm, unsigned int veid, vz::NetOptions* out) {
  if (auto ips = ParseIps(vm, &out->ips); !ips) return ips;
  for (const auto& name : List(vm, "netif_del")) {
    if (name == "all")
      out->netif_del_all = true;
    else
      out->netif_del.push_back(name);
  }
  for (const auto& arg : List(vm, "netif_add")) {
    auto nif = vz::ParseNetIfArg(veid, arg);
    if (!nif) return std::unexpected(nif.error());
    out->netif_add.push_back(std::move(*nif));
  }
  out->netdev_del = Words(vm, "netdev_del");
  out->netdev_add = Words(vm, "netdev_add");
  return {};
}

}  // namespace

vz::Result<vz::SetOptions> SetOptionsFrom(const po::variables_map& vm, unsigned int veid,
                                          Strings* warnings) {
  vz::SetOptions opts;
  opts.save = vm.count("save") > 0;
  opts.uts.hostname = Opt(vm, "hostname");
  opts.uts.nameservers = OptWords(vm, "nameserver");
  opts.uts.searchdomains = OptWords(vm, "searchdomain");
  vz::Status ok = ParseIdentity(vm, &opts.identity);
  if (ok) ok = ParseUbc(vm, &opts.ubc, warnings);
  if (ok) ok = ParseCpu(vm, &opts.cpu);
  if (ok) ok = ParseIo(vm, &opts.io);
  if (ok) ok = ParseQuota(vm, &opts.quota);
  if (ok) ok = ParseDev(vm, &opts.dev);
  if (ok) ok = ParseNet(vm, veid, &opts.net);
  if (!ok) return std::unexpected(ok.error());
  return opts;
}

}  // namespace vzctl
