// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/change.h"

#include <algorithm>

#include "core/words.h"

namespace vz::internal {

namespace {

const NetIf* FindNetIf(const std::vector<NetIf>& list, const std::string& ifname) {
  auto it =
      std::find_if(list.begin(), list.end(), [&](const NetIf& n) { return n.ifname == ifname; });
  return it == list.end() ? nullptr : &*it;
}

Status ParseNetifDel(const NetOptions& opts, const NetConfig& current, unsigned int veid,
                     NetChange* change) {
  if (opts.netif_del_all) {
    change->netif_del_all = true;
    change->netif_del = current.netifs;
  }
  for (const auto& name : opts.netif_del) {
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

Status CheckNetifAdd(const NetOptions& opts, const NetConfig& current, NetChange* change) {
  for (const auto& nif : opts.netif_add) {
    const bool deleted = change->netif_del_all || FindNetIf(change->netif_del, nif.ifname);
    if ((FindNetIf(current.netifs, nif.ifname) && !deleted) ||
        FindNetIf(change->netif_add, nif.ifname))
      return KindError(ErrorKind::kInvalidArgument,
                       "interface " + nif.ifname + " exists already: --netif_del it first", EEXIST);
    change->netif_add.push_back(nif);
  }
  return {};
}

Status CheckNetdevs(const NetOptions& opts, NetChange* change) {
  for (auto [from, to] : {std::pair{&opts.netdev_del, &change->netdev_del},
                          std::pair{&opts.netdev_add, &change->netdev_add}}) {
    for (const auto& dev : *from) {
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

Result<NetChange> ParseNetChange(const NetOptions& opts, const NetConfig& current,
                                 unsigned int veid) {
  NetChange change;
  change.ips = opts.ips;
  std::erase_if(change.ips.del, IsUnspecified);
  for (const auto& ip : change.ips.add)
    if (IsUnspecified(ip))
      return KindError(ErrorKind::kBadIp,
                       "cannot add the unspecified address '" + ip.address() + "'");
  Status ok = ParseNetifDel(opts, current, veid, &change);
  if (ok) ok = CheckNetifAdd(opts, current, &change);
  if (ok) ok = CheckNetdevs(opts, &change);
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
