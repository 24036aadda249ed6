// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/net/netif.h"

#include <net/if.h>

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vz {

namespace {

constexpr MacAddress kOui = {0x00, 0x18, 0x51, 0, 0, 0};

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (;;) {
    const size_t end = text.find(sep, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::unexpected<Error> Invalid(ErrorKind kind, const std::string& what) {
  return KindError(kind, what, EINVAL);
}

// Fills the fields left empty and checks every one; errors are of `kind`.
Status Complete(unsigned int veid, NetIf* nif, ErrorKind kind) {
  if (!ValidIfName(nif->ifname))
    return Invalid(kind, "invalid interface name '" + nif->ifname + "'");
  if (nif->host_ifname.empty()) nif->host_ifname = DefaultHostIfname(veid, nif->ifname);
  if (!ValidIfName(nif->host_ifname))
    return Invalid(kind, "invalid host interface name '" + nif->host_ifname +
                             "' (at most 15 characters: give host_ifname)");
  if (!nif->bridge.empty() && !ValidIfName(nif->bridge))
    return Invalid(kind, "invalid bridge name '" + nif->bridge + "'");
  for (auto [text, host] : {std::pair{&nif->mac, false}, std::pair{&nif->host_mac, true}}) {
    if (text->empty()) {
      *text = FormatMac(GenerateMac(veid, nif->ifname, host));
      continue;
    }
    auto mac = ParseMac(*text);
    if (!mac) return Invalid(kind, mac.error().context());
    *text = FormatMac(*mac);
  }
  return {};
}

void SetField(NetIf* nif, const std::string& key, const std::string& value) {
  if (key == "ifname")
    nif->ifname = value;
  else if (key == "mac")
    nif->mac = value;
  else if (key == "host_ifname")
    nif->host_ifname = value;
  else if (key == "host_mac")
    nif->host_mac = value;
  else if (key == "bridge")
    nif->bridge = value;
  else
    nif->extra.emplace_back(key, value);
}

Result<NetIf> ParseNetIfEntry(unsigned int veid, const std::string& entry) {
  NetIf nif;
  for (const auto& field : Split(entry, ',')) {
    const size_t eq = field.find('=');
    if (eq == std::string::npos || eq == 0)
      return Invalid(ErrorKind::kBadConfig, "NETIF: '" + field + "' is not key=value");
    SetField(&nif, field.substr(0, eq), field.substr(eq + 1));
  }
  if (auto ok = Complete(veid, &nif, ErrorKind::kBadConfig); !ok)
    return std::unexpected(ok.error().Wrap("NETIF"));
  return nif;
}

}  // namespace

bool ValidIfName(std::string_view name) {
  return !name.empty() && name.size() < IFNAMSIZ && name != "." && name != ".." &&
         std::none_of(name.begin(), name.end(), [](unsigned char c) {
           return c == '/' || c == ':' || c == ',' || c == ';' || c == '=' || std::isspace(c) ||
                  !std::isprint(c);
         });
}

Result<MacAddress> ParseMac(std::string_view text) {
  MacAddress mac{};
  const auto parts = Split(text, ':');
  bool ok = parts.size() == mac.size();
  for (size_t i = 0; ok && i < parts.size(); ++i) {
    const auto& p = parts[i];
    auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), mac[i], 16);
    ok = p.size() == 2 && ec == std::errc() && end == p.data() + p.size();
  }
  if (!ok)
    return Invalid(ErrorKind::kInvalidArgument, "invalid MAC address '" + std::string(text) + "'");
  return mac;
}

std::string FormatMac(const MacAddress& mac) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (uint8_t b : mac) {
    if (!out.empty()) out += ':';
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

// FNV-1a over "<veid>:<ifname>:<side>"; its low 24 bits follow the OUI.
MacAddress GenerateMac(unsigned int veid, std::string_view ifname, bool host_side) {
  const std::string key =
      std::to_string(veid) + ":" + std::string(ifname) + (host_side ? ":host" : ":ct");
  uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : key) hash = (hash ^ c) * 1099511628211ull;
  MacAddress mac = kOui;
  mac[3] = static_cast<uint8_t>(hash >> 16);
  mac[4] = static_cast<uint8_t>(hash >> 8);
  mac[5] = static_cast<uint8_t>(hash);
  return mac;
}

std::string DefaultHostIfname(unsigned int veid, std::string_view ifname) {
  const size_t first = ifname.find_first_of("0123456789");
  std::string_view n = ifname;
  if (first != std::string_view::npos) {
    const size_t last = ifname.find_first_not_of("0123456789", first);
    n = ifname.substr(first, last == std::string_view::npos ? last : last - first);
  }
  return "veth" + std::to_string(veid) + "." + std::string(n);
}

Result<NetIf> ParseNetIfArg(unsigned int veid, std::string_view arg) {
  const auto fields = Split(arg, ',');
  if (fields.size() > 5)
    return Invalid(ErrorKind::kInvalidArgument,
                   "--netif_add '" + std::string(arg) +
                       "': expected ifname[,mac,host_ifname,host_mac,bridge]");
  NetIf nif;
  std::string* slots[] = {&nif.ifname, &nif.mac, &nif.host_ifname, &nif.host_mac, &nif.bridge};
  for (size_t i = 0; i < fields.size(); ++i) *slots[i] = fields[i];
  if (auto ok = Complete(veid, &nif, ErrorKind::kInvalidArgument); !ok)
    return std::unexpected(ok.error());
  return nif;
}

Result<std::vector<NetIf>> ParseNetIfConfig(unsigned int veid, std::string_view value) {
  std::vector<NetIf> out;
  for (const auto& entry : Split(value, ';')) {
    if (entry.find_first_not_of(" \t") == std::string::npos) continue;
    auto nif = ParseNetIfEntry(veid, entry);
    if (!nif) return std::unexpected(nif.error());
    if (std::any_of(out.begin(), out.end(),
                    [&](const NetIf& o) { return o.ifname == nif->ifname; }))
      return Invalid(ErrorKind::kBadConfig, "NETIF: interface " + nif->ifname + " appears twice");
    out.push_back(std::move(*nif));
  }
  return out;
}

std::string FormatNetIfConfig(const std::vector<NetIf>& netifs) {
  std::string out;
  for (const auto& n : netifs) {
    if (!out.empty()) out += ';';
    out += "ifname=" + n.ifname;
    if (!n.bridge.empty()) out += ",bridge=" + n.bridge;
    out += ",mac=" + n.mac + ",host_ifname=" + n.host_ifname + ",host_mac=" + n.host_mac;
    for (const auto& [key, value] : n.extra) out += "," + key + "=" + value;
  }
  return out;
}

Status ValidateNetdevName(std::string_view name) {
  if (!ValidIfName(name))
    return Invalid(ErrorKind::kInvalidArgument, "invalid device name '" + std::string(name) + "'");
  auto refuse = [&](const std::string& why) {
    return Invalid(
        ErrorKind::kInvalidArgument,
        "device " + std::string(name) + " cannot be moved into a container (" + why + ")");
  };
  if (name == "lo") return refuse("the loopback device stays");
  for (const char* refused : {"venet", "tun", "tap"})
    if (name.starts_with(refused)) return refuse(std::string(refused) + "* devices are refused");
  return {};
}

}  // namespace vz
