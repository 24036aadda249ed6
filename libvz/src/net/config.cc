// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/config.h"

#include <algorithm>

#include "core/words.h"

namespace vz {

namespace {

std::unexpected<Error> BadValue(const char* key, const Error& why) {
  return KindError(ErrorKind::kBadConfig, std::string(key) + ": " + why.message(), EINVAL);
}

Status ReadDevices(const ConfigStack& config, NetConfig* net, unsigned int veid) {
  auto netif = ParseNetIfConfig(veid, config.Get("NETIF").value_or(""));
  if (!netif) return BadValue("NETIF", netif.error());
  net->netifs = std::move(*netif);
  net->netdevs = internal::SplitWords(config.Get("NETDEV").value_or(""));
  for (const auto& dev : net->netdevs)
    if (auto ok = ValidateNetdevName(dev); !ok) return BadValue("NETDEV", ok.error());
  auto neigh = ParseNeighbourDevs(config.Get("NEIGHBOUR_DEVS").value_or(""));
  if (!neigh) return std::unexpected(neigh.error());
  net->neighbour_devs = std::move(*neigh);
  net->skip_arpdetect = config.Get("SKIP_ARPDETECT").value_or("") == "yes";
  return {};
}

}  // namespace

Result<NeighbourDevs> ParseNeighbourDevs(std::string_view value) {
  NeighbourDevs devs;
  const auto words = internal::SplitWords(value);
  if (words.empty()) return devs;
  if (words.size() == 1 && (words[0] == "all" || words[0] == "detect")) {
    devs.mode = words[0] == "all" ? NeighbourDevs::Mode::kAll : NeighbourDevs::Mode::kDetect;
    return devs;
  }
  if (!words[0].starts_with("list:"))
    return KindError(
        ErrorKind::kBadConfig,
        "NEIGHBOUR_DEVS=\"" + std::string(value) + "\": expected all, detect or list:DEV [DEV...]",
        EINVAL);
  devs.mode = NeighbourDevs::Mode::kList;
  devs.devices = words;
  devs.devices[0].erase(0, 5);
  std::erase_if(devs.devices, [](const std::string& d) { return d.empty(); });
  for (const auto& d : devs.devices)
    if (!ValidIfName(d))
      return KindError(ErrorKind::kBadConfig, "NEIGHBOUR_DEVS: invalid device name '" + d + "'",
                       EINVAL);
  return devs;
}

Result<NetConfig> ReadNetConfig(const ConfigStack& config, unsigned int veid) {
  NetConfig net;
  auto ips = ParseIpList(config.Get("IP_ADDRESS").value_or(""));
  if (!ips) return BadValue("IP_ADDRESS", ips.error());
  net.ips = std::move(*ips);
  if (auto devs = ReadDevices(config, &net, veid); !devs) return std::unexpected(devs.error());
  return net;
}

}  // namespace vz
