// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/change.h"

#include <algorithm>

#include "core/words.h"

namespace vz::internal {

namespace {

Status ParseIpDel(const std::vector<std::string>& values, IpChange* ips) {
  for (const auto& value : values) {
    for (const auto& word : SplitWords(value)) {
      if (word == "all") {
        ips->del_all = true;
        continue;
      }
      auto ip = ParseIpAddress(word);
      if (!ip) return std::unexpected(ip.error());
      if (!IsUnspecified(*ip)) ips->del.push_back(*ip);
    }
  }
  return {};
}

Status ParseIpAdd(const std::vector<std::string>& values, IpChange* ips) {
  for (const auto& value : values) {
    auto list = ParseIpAddOption(value);
    if (!list) return std::unexpected(list.error());
    ips->add.insert(ips->add.end(), list->begin(), list->end());
  }
  return {};
}

const NetIf* FindNetIf(const std::vector<NetIf>& list, const std::string& ifname) {
  auto it =
      std::find_if(list.begin(), list.end(), [&](const NetIf& n) { return n.ifname == ifname; });
  return it == list.end() ? nullptr : &*it;
}

Status ParseNetifDel(const SetOptions& opts, const NetConfig& current, unsigned int veid,
                     NetChange* change) {
  for (const auto& name : opts.netif_del) {
    if (name == "all") {
      change->netif_del_all = true;
      change->netif_del = current.netifs;
      continue;
    }
    if (const NetIf* known = FindNetIf(current.netifs, name)) {
      change->netif_del.push_back(*known);
      continue;
    }
    auto guessed = ParseNetIfArg(veid, name);  // added without --save: default names
    if (!guessed) return std::unexpected(guessed.error());
    change->netif_del.push_back(*guessed);
  }
  return {};
}

Status ParseNetifAdd(const SetOptions& opts, const NetConfig& current, unsigned int veid,
                     NetChange* change) {
  for (const auto& arg : opts.netif_add) {
    auto nif = ParseNetIfArg(veid, arg);
    if (!nif) return std::unexpected(nif.error());
    const bool deleted = change->netif_del_all || FindNetIf(change->netif_del, nif->ifname);
    if ((FindNetIf(current.netifs, nif->ifname) && !deleted) ||
        FindNetIf(change->netif_add, nif->ifname))
      return KindError(ErrorKind::kInvalidArgument,
                       "interface " + nif->ifname + " exists already: --netif_del it first",
                       EEXIST);
    change->netif_add.push_back(std::move(*nif));
  }
  return {};
}

Status ParseNetdevs(const SetOptions& opts, NetChange* change) {
  for (auto [from, to] : {std::pair{&opts.netdev_del, &change->netdev_del},
                          std::pair{&opts.netdev_add, &change->netdev_add}}) {
    for (const auto& value : *from)
      for (const auto& dev : SplitWords(value)) {
        if (auto ok = ValidateNetdevName(dev); !ok) return ok;
        to->push_back(dev);
      }
  }
  return {};
}

std::vector<NetIf> NewNetifs(const NetChange& change, const NetConfig& current) {
  std::vector<NetIf> out;
  if (!change.netif_del_all) out = current.netifs;
  std::erase_if(out, [&](const NetIf& n) { return FindNetIf(change.netif_del, n.ifname); });
  out.insert(out.end(), change.netif_add.begin(), change.netif_add.end());
  return out;
}

std::vector<std::string> NewNetdevs(const NetChange& change, const NetConfig& current) {
  std::vector<std::string> out = current.netdevs;
  std::erase_if(out, [&](const std::string& d) {
    return std::find(change.netdev_del.begin(), change.netdev_del.end(), d) !=
           change.netdev_del.end();
  });
  for (const auto& d : change.netdev_add)
    if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
  return out;
}

}  // namespace

bool NetChange::empty() const {
  return ips.empty() && !netif_del_all && netif_del.empty() && netif_add.empty() &&
         netdev_del.empty() && netdev_add.empty();
}

Result<NetChange> ParseNetChange(const SetOptions& opts, const NetConfig& current,
                                 unsigned int veid) {
  NetChange change;
  Status ok = ParseIpDel(opts.ipdel, &change.ips);
  if (ok) ok = ParseIpAdd(opts.ipadd, &change.ips);
  if (!ok) return std::unexpected(ok.error());
  if (ok) ok = ParseNetifDel(opts, current, veid, &change);
  if (ok) ok = ParseNetifAdd(opts, current, veid, &change);
  if (ok) ok = ParseNetdevs(opts, &change);
  if (!ok) return std::unexpected(ok.error());
  return change;
}

Status StoreNetChange(ConfigFile& conf, const NetChange& change, const NetConfig& current) {
  Status set;
  if (!change.ips.empty())
    set = conf.Set("IP_ADDRESS", FormatIpList(ApplyIpChange(current.ips, change.ips)));
  if (set && (change.netif_del_all || !change.netif_del.empty() || !change.netif_add.empty()))
    set = conf.Set("NETIF", FormatNetIfConfig(NewNetifs(change, current)));
  if (set && (!change.netdev_del.empty() || !change.netdev_add.empty()))
    set = conf.Set("NETDEV", JoinWords(NewNetdevs(change, current)));
  return set;
}

}  // namespace vz::internal
