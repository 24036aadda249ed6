// SPDX-License-Identifier: LGPL-2.1-or-later
//
// IP addresses of containers, as `--ipadd` takes them and IP_ADDRESS keeps
// them: "10.0.0.2", "10.0.0.3/24", "10.0.0.4/255.255.255.0", "fd00::2",
// "fd00::3/64". A container owns the address itself; the optional prefix
// only says which network the address is configured with inside it.
//
// IP_ADDRESS is a space-separated list of such entries, each address at most
// once. Parsing canonicalizes: IPv6 addresses in their short form, a dotted
// IPv4 netmask as a prefix length ("10.0.0.4/24").
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "vz/core/error.h"

namespace vz {

struct IpAddress {
  int family = 0;                   // AF_INET or AF_INET6
  std::array<uint8_t, 16> bytes{};  // network byte order; IPv4 uses the first 4
  int prefix = -1;                  // -1: none given

  // The address alone, canonical: "10.0.0.2", "fd00::2".
  std::string address() const;
  // The entry as IP_ADDRESS keeps it: "10.0.0.2" or "10.0.0.3/24".
  std::string ToString() const;
  // The address length in bits: 32 or 128.
  int max_prefix() const;
  // The prefix used inside the container: the given one, else a host prefix.
  int effective_prefix() const { return prefix < 0 ? max_prefix() : prefix; }
  // Same family and address, whatever the prefix.
  bool SameAddress(const IpAddress& other) const {
    return family == other.family && bytes == other.bytes;
  }
  bool operator==(const IpAddress& other) const = default;
};

// Parses "A" or "A/mask". The unspecified addresses (0.0.0.0, ::) parse
// (callers skip them, see IsUnspecified); loopback, multicast and the IPv4
// broadcast address do not. Errors are of kind kBadIp and quote the text.
Result<IpAddress> ParseIpAddress(std::string_view text);

// 0.0.0.0 or ::, which OpenVZ ignores in --ipadd and IP_ADDRESS.
bool IsUnspecified(const IpAddress& ip);

// Parses a space-separated list (IP_ADDRESS, or one --ipadd value),
// skipping unspecified addresses; a later entry for an address replaces an
// earlier one.
Result<std::vector<IpAddress>> ParseIpList(std::string_view text);

// Parses one --ipadd value (create and set alike): as ParseIpList, but an
// unspecified address is refused (kBadIp) instead of dropped silently.
Result<std::vector<IpAddress>> ParseIpAddOption(std::string_view text);

// The IP_ADDRESS value of a list: entries joined by single spaces.
std::string FormatIpList(const std::vector<IpAddress>& ips);

// What one `vzctl set` does to a container's addresses: deletions first
// (every address with `del_all`), then additions. Adding an address the
// list has already replaces its entry (a new prefix), keeping its place.
struct IpChange {
  bool del_all = false;
  std::vector<IpAddress> del;
  std::vector<IpAddress> add;

  bool empty() const { return !del_all && del.empty() && add.empty(); }
};

std::vector<IpAddress> ApplyIpChange(const std::vector<IpAddress>& current, const IpChange& change);

}  // namespace vz
