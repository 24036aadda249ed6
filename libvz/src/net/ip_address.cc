// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/net/ip_address.h"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <algorithm>
#include <bit>
#include <charconv>
#include <cstring>

#include "core/words.h"

namespace vz {

namespace {

std::unexpected<Error> BadIp(std::string_view text, const std::string& why) {
  return KindError(ErrorKind::kBadIp, "invalid IP address '" + std::string(text) + "': " + why,
                   EINVAL);
}

// A dotted IPv4 netmask as a prefix length, or -1 when not contiguous.
int NetmaskPrefix(const std::string& text) {
  in_addr mask{};
  if (::inet_pton(AF_INET, text.c_str(), &mask) != 1) return -1;
  const uint32_t bits = ntohl(mask.s_addr);
  const int ones = std::countl_one(bits);
  return (ones == 32 || (bits << ones) == 0) ? ones : -1;
}

// The prefix after '/': a length, or for IPv4 a dotted netmask.
Result<int> ParsePrefix(std::string_view text, const std::string& mask, int family) {
  const int max = family == AF_INET ? 32 : 128;
  int value = -1;
  auto [end, ec] = std::from_chars(mask.data(), mask.data() + mask.size(), value);
  if (ec == std::errc() && end == mask.data() + mask.size()) {
    if (value < 1 || value > max)
      return BadIp(text, "prefix length must be 1.." + std::to_string(max));
    return value;
  }
  if (family == AF_INET && mask.find('.') != std::string::npos) {
    value = NetmaskPrefix(mask);
    if (value > 0) return value;
  }
  return BadIp(text, "bad netmask '" + mask + "'");
}

// What neither the kernel's venet map nor a sane network takes: for IPv4
// 0.0.0.0/8 (but 0.0.0.0 itself, which callers skip), loopback, multicast
// and above; for IPv6 loopback, multicast and v4-mapped addresses.
bool Unusable(const IpAddress& ip) {
  if (ip.family == AF_INET)
    return (ip.bytes[0] == 0 && !IsUnspecified(ip)) || ip.bytes[0] == 127 || ip.bytes[0] >= 224;
  static const std::array<uint8_t, 16> loopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static const std::array<uint8_t, 12> v4mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  return ip.bytes == loopback || ip.bytes[0] == 0xff ||
         std::equal(v4mapped.begin(), v4mapped.end(), ip.bytes.begin());
}

}  // namespace

std::string IpAddress::address() const {
  char buf[INET6_ADDRSTRLEN] = {};
  ::inet_ntop(family, bytes.data(), buf, sizeof(buf));
  return buf;
}

std::string IpAddress::ToString() const {
  return prefix < 0 ? address() : address() + "/" + std::to_string(prefix);
}

int IpAddress::max_prefix() const { return family == AF_INET ? 32 : 128; }

Result<IpAddress> ParseIpAddress(std::string_view text) {
  const std::string s(text);
  const size_t slash = s.find('/');
  const std::string addr = s.substr(0, slash);
  IpAddress ip;
  ip.family = addr.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (addr.empty() || ::inet_pton(ip.family, addr.c_str(), ip.bytes.data()) != 1)
    return BadIp(text, "not an IPv4 or IPv6 address");
  if (slash != std::string::npos) {
    auto prefix = ParsePrefix(text, s.substr(slash + 1), ip.family);
    if (!prefix) return std::unexpected(prefix.error());
    ip.prefix = *prefix;
  }
  if (Unusable(ip))
    return BadIp(text, "loopback, multicast, broadcast and v4-mapped addresses are refused");
  return ip;
}

bool IsUnspecified(const IpAddress& ip) {
  return std::all_of(ip.bytes.begin(), ip.bytes.end(), [](uint8_t b) { return b == 0; });
}

Result<std::vector<IpAddress>> ParseIpList(std::string_view text) {
  IpChange change;
  for (const auto& word : internal::SplitWords(text)) {
    auto ip = ParseIpAddress(word);
    if (!ip) return std::unexpected(ip.error());
    if (!IsUnspecified(*ip)) change.add.push_back(*ip);
  }
  return ApplyIpChange({}, change);
}

Result<std::vector<IpAddress>> ParseIpAddOption(std::string_view text) {
  for (const auto& word : internal::SplitWords(text)) {
    auto ip = ParseIpAddress(word);
    if (ip && IsUnspecified(*ip))
      return KindError(ErrorKind::kBadIp, "cannot add the unspecified address '" + word + "'");
  }
  return ParseIpList(text);
}

std::string FormatIpList(const std::vector<IpAddress>& ips) {
  std::string out;
  for (const auto& ip : ips) out += (out.empty() ? "" : " ") + ip.ToString();
  return out;
}

std::vector<IpAddress> ApplyIpChange(const std::vector<IpAddress>& current,
                                     const IpChange& change) {
  std::vector<IpAddress> out;
  if (!change.del_all) out = current;
  std::erase_if(out, [&](const IpAddress& ip) {
    return std::any_of(change.del.begin(), change.del.end(),
                       [&](const IpAddress& d) { return d.SameAddress(ip); });
  });
  for (const auto& ip : change.add) {
    auto same =
        std::find_if(out.begin(), out.end(), [&](const IpAddress& o) { return o.SameAddress(ip); });
    if (same != out.end())
      *same = ip;
    else
      out.push_back(ip);
  }
  return out;
}

}  // namespace vz
