// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Ethernet interfaces of containers: veth pairs (NETIF) and host devices
// moved in (NETDEV).
//
// A veth pair has one end inside the container (`ifname`, e.g. eth0) and one
// on the host (`host_ifname`, by default veth<CTID>.<n> where n is the
// number in ifname), optionally enslaved to a host bridge. NETIF keeps one
// entry per pair in OpenVZ's format:
//
//   NETIF="ifname=eth0,bridge=br0,mac=00:18:51:..,host_ifname=veth101.0,host_mac=00:18:51:..;ifname=eth1,..."
//
// MAC addresses that are not given are generated from the CTID, the
// container's interface name and the side, under OpenVZ's OUI 00:18:51, so
// the same container gets the same addresses on every start and host.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "vz/core/error.h"

namespace vz {

using MacAddress = std::array<uint8_t, 6>;

struct NetIf {
  std::string ifname;       // inside the container
  std::string mac;          // of the container's end, "00:18:51:0a:0b:0c"
  std::string host_ifname;  // on the host
  std::string host_mac;
  std::string bridge;  // host bridge to enslave the host end to; may be empty
  // Keys libvz does not use (mac_filter, ...), kept in their order.
  std::vector<std::pair<std::string, std::string>> extra;

  bool operator==(const NetIf&) const = default;
};

// Whether `name` can name a network device: 1..15 characters, none of them
// '/', ':' or white space, and not "." or "..".
bool ValidIfName(std::string_view name);

// Parses "00:18:51:0A:0b:0c" (kInvalidArgument when malformed).
Result<MacAddress> ParseMac(std::string_view text);
std::string FormatMac(const MacAddress& mac);

// The stable MAC of one end of container `veid`'s interface `ifname`.
MacAddress GenerateMac(unsigned int veid, std::string_view ifname, bool host_side);

// "veth<CTID>.<n>", n being the digits of `ifname` ("eth0" -> "0"), or
// ifname itself when it has none.
std::string DefaultHostIfname(unsigned int veid, std::string_view ifname);

// Parses the value of --netif_add: "ifname[,mac,host_ifname,host_mac,bridge]";
// empty or missing fields get their defaults. kInvalidArgument when a name
// or an address is malformed, or the default host name is too long.
Result<NetIf> ParseNetIfArg(unsigned int veid, std::string_view arg);

// Parses NETIF (kBadConfig when malformed). Missing MACs and host names
// are filled in as ParseNetIfArg does.
Result<std::vector<NetIf>> ParseNetIfConfig(unsigned int veid, std::string_view value);
std::string FormatNetIfConfig(const std::vector<NetIf>& netifs);

// Whether a host device may be moved into a container with --netdev_add:
// venet*, tun*, tap* and lo itself are refused, as OpenVZ does
// (kInvalidArgument); other names starting with "lo" (lowpan0) are fine.
Status ValidateNetdevName(std::string_view name);

}  // namespace vz
