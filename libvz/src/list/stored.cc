// SPDX-License-Identifier: LGPL-2.1-or-later
// A listing's stored settings: CTID.conf over vz.conf.
#include <algorithm>
#include <array>
#include <charconv>

#include "core/words.h"
#include "list/fill.h"
#include "quota/config.h"
#include "vz/net/ip_address.h"
#include "vz/net/netif.h"
#include "vz/ubc/config.h"
#include "vz/ubc/resources.h"

namespace vz::internal {

namespace {

std::optional<std::string> NonEmpty(const ConfigStack& config, const char* key) {
  auto value = config.Get(key);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

template <typename T>
std::optional<T> Number(const ConfigStack& config, const char* key) {
  auto value = config.Get(key);
  if (!value) return std::nullopt;
  T out{};
  auto [p, ec] = std::from_chars(value->data(), value->data() + value->size(), out);
  if (ec != std::errc() || p != value->data() + value->size()) return std::nullopt;
  return out;
}

std::optional<bool> YesNo(const ConfigStack& config, const char* key) {
  auto value = config.Get(key);
  if (value == "yes") return true;
  if (value == "no") return false;
  return std::nullopt;
}

// The interface names of NETIF's entries ("ifname=eth0,...;ifname=eth1").
std::vector<std::string> NetifNames(const Container& ct) {
  std::vector<std::string> names;
  auto value = ct.config().Get("NETIF");
  if (!value || value->empty()) return names;
  auto netifs = ParseNetIfConfig(ct.veid(), *value);
  if (!netifs) return names;
  for (const auto& n : *netifs) names.push_back(n.ifname);
  return names;
}

// OpenVZ's container features, in the order vzlist shows them.
constexpr std::array<std::string_view, 8> kFeatures = {"sysfs", "nfs",   "sit",    "ipip",
                                                       "ppp",   "ipgre", "bridge", "nfsd"};

// FEATURES="nfs:on ppp:off": the known features it names; the last word
// about a feature counts, anything else is skipped.
std::vector<std::pair<std::string, bool>> Features(const ConfigStack& config) {
  std::vector<std::pair<std::string, bool>> out;
  std::string value = config.Get("FEATURES").value_or("");
  std::replace(value.begin(), value.end(), ',', ' ');  // as --features takes them
  const auto words = SplitWords(value);
  for (std::string_view name : kFeatures) {
    std::optional<bool> on;
    for (const auto& word : words) {
      if (word == std::string(name) + ":on") on = true;
      if (word == std::string(name) + ":off") on = false;
    }
    if (on) out.emplace_back(name, *on);
  }
  return out;
}

Status FillStoredUbc(const ConfigStack& config, Listing* out) {
  auto ubc = ReadUbcConfig(config);
  if (!ubc) return std::unexpected(ubc.error());
  out->vswap = IsVswap(*ubc);
  out->ubc.clear();
  out->ubc_live = false;
  for (const auto& res : UbResources()) {
    UbCounter c;
    c.name = std::string(res.name);
    if (const UbLimit* set = ubc->Find(res.id)) {
      c.barrier = set->barrier;
      c.limit = set->limit;
    }
    out->ubc.push_back(std::move(c));
  }
  return {};
}

Status FillStoredDisk(const ConfigStack& config, Listing* out) {
  auto quota = ReadQuotaConfig(config);
  if (!quota) return std::unexpected(quota.error());
  if (quota->space)
    out->diskspace = ListedDisk{std::nullopt, quota->space->soft, quota->space->hard};
  if (quota->inodes)
    out->diskinodes = ListedDisk{std::nullopt, quota->inodes->soft, quota->inodes->hard};
  return {};
}

}  // namespace

Status FillStored(const Container& ct, Listing* out) {
  const ConfigStack& config = ct.config();
  out->has_config = ct.has_config();
  out->hostname = NonEmpty(config, "HOSTNAME");
  out->name = NonEmpty(config, "NAME");
  out->description = NonEmpty(config, "DESCRIPTION");
  out->ostemplate = NonEmpty(config, "OSTEMPLATE");
  if (auto dir = ct.private_dir()) out->private_dir = dir->string();
  if (auto dir = ct.root()) out->root = dir->string();
  out->mount_opts = NonEmpty(config, "MOUNT_OPTS");
  out->origin_sample = NonEmpty(config, "ORIGIN_SAMPLE");
  out->configured_ips = SplitWords(config.Get("IP_ADDRESS").value_or(""));
  out->ips = out->configured_ips;
  out->netifs = NetifNames(ct);
  out->nameservers = SplitWords(config.Get("NAMESERVER").value_or(""));
  out->searchdomains = SplitWords(config.Get("SEARCHDOMAIN").value_or(""));
  out->onboot = YesNo(config, "ONBOOT");
  out->bootorder = Number<uint64_t>(config, "BOOTORDER");
  out->cpuunits = Number<uint64_t>(config, "CPUUNITS");
  out->cpulimit = Number<uint64_t>(config, "CPULIMIT");
  out->cpus = Number<int>(config, "CPUS");
  out->ioprio = Number<int>(config, "IOPRIO");
  out->iolimit = Number<uint64_t>(config, "IOLIMIT");
  out->iopslimit = Number<uint64_t>(config, "IOPSLIMIT");
  out->features = Features(config);
  if (auto layout = NonEmpty(config, "VE_LAYOUT")) out->layout = *layout;
  out->disabled = YesNo(config, "DISABLED").value_or(false);
  Status ubc = FillStoredUbc(config, out);
  if (!ubc) return ubc;
  return FillStoredDisk(config, out);
}

void FillLiveUbc(const Beancounter& ub, Listing* out) {
  if (out->ubc.empty()) out->ubc = ub.counters;  // no config to start from
  for (auto& c : out->ubc) {
    for (const auto& live : ub.counters) {
      if (live.name == c.name) c = live;
    }
  }
  out->ubc_live = true;
}

void FillLiveIps(std::vector<IpAddress> kernel_ips, Listing* out) {
  std::vector<std::string> ordered;
  for (const auto& want : out->configured_ips) {
    auto ip = ParseIpAddress(want);
    if (!ip) continue;
    auto it = std::find_if(kernel_ips.begin(), kernel_ips.end(),
                           [&](const IpAddress& k) { return k.SameAddress(*ip); });
    if (it == kernel_ips.end()) continue;
    ordered.push_back(it->address());
    kernel_ips.erase(it);
  }
  for (const auto& rest : kernel_ips) ordered.push_back(rest.address());
  out->ips = std::move(ordered);
}

}  // namespace vz::internal
