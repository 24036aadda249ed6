// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/ip_in_use.h"

#include <arpa/inet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "core/unique_fd.h"

namespace vz::internal {

namespace {

// An ARP packet for Ethernet and IPv4, as on the wire (RFC 826).
struct [[gnu::packed]] ArpPacket {
  uint16_t htype;
  uint16_t ptype;
  uint8_t hlen;
  uint8_t plen;
  uint16_t op;
  uint8_t sha[ETH_ALEN];
  uint8_t spa[4];
  uint8_t tha[ETH_ALEN];
  uint8_t tpa[4];
};
static_assert(sizeof(ArpPacket) == 28);

std::unexpected<Error> InUse(const IpAddress& ip, const std::string& where) {
  return KindError(ErrorKind::kIpInUse, "address " + ip.address() + " is in use " + where,
                   EADDRINUSE);
}

std::string MacText(const uint8_t* mac) {
  char text[18];
  std::snprintf(text, sizeof(text), "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
                mac[4], mac[5]);
  return text;
}

// A raw ARP socket on one device, with the device's MAC address.
struct Prober {
  NetDevice device;
  UniqueFd fd;
  uint8_t mac[ETH_ALEN]{};
};

Result<Prober> OpenProber(const NetDevice& device) {
  Prober p{
      device,
      UniqueFd(::socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ARP))),
      {}};
  if (p.fd.get() < 0) return ErrnoError("socket(AF_PACKET) for an ARP probe on " + device.name);
  sockaddr_ll addr{};
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ETH_P_ARP);
  addr.sll_ifindex = device.ifindex;
  if (::bind(p.fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0)
    return ErrnoError("bind(AF_PACKET, " + device.name + ")");
  ifreq req{};
  device.name.copy(req.ifr_name, IFNAMSIZ - 1);
  if (::ioctl(p.fd.get(), SIOCGIFHWADDR, &req) != 0)
    return ErrnoError("SIOCGIFHWADDR(" + device.name + ")");
  std::memcpy(p.mac, req.ifr_hwaddr.sa_data, ETH_ALEN);
  return p;
}

// Sends a probe for `ip` (IPv4): "who has ip? tell 0.0.0.0", broadcast.
// False when the device cannot send (it went down meanwhile).
bool SendProbe(const Prober& p, const IpAddress& ip) {
  ArpPacket pkt{};
  pkt.htype = htons(ARPHRD_ETHER);
  pkt.ptype = htons(ETH_P_IP);
  pkt.hlen = ETH_ALEN;
  pkt.plen = 4;
  pkt.op = htons(ARPOP_REQUEST);
  std::memcpy(pkt.sha, p.mac, ETH_ALEN);
  std::memcpy(pkt.tpa, ip.bytes.data(), 4);
  sockaddr_ll to{};
  to.sll_family = AF_PACKET;
  to.sll_protocol = htons(ETH_P_ARP);
  to.sll_ifindex = p.device.ifindex;
  to.sll_halen = ETH_ALEN;
  std::memset(to.sll_addr, 0xff, ETH_ALEN);
  return ::sendto(p.fd.get(), &pkt, sizeof(pkt), 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)) ==
         static_cast<ssize_t>(sizeof(pkt));
}

// Reads what arrived on `p`; the address of `ips` some neighbour claims,
// with its MAC, if any: a reply from it, or a request it sent as its owner.
std::optional<std::pair<IpAddress, std::string>> ReadAnswers(const Prober& p,
                                                             const std::vector<IpAddress>& ips) {
  for (;;) {
    ArpPacket pkt{};
    sockaddr_ll from{};
    socklen_t len = sizeof(from);
    const ssize_t n =
        ::recvfrom(p.fd.get(), &pkt, sizeof(pkt), 0, reinterpret_cast<sockaddr*>(&from), &len);
    if (n < 0) return std::nullopt;  // EAGAIN: nothing more for now
    if (n < static_cast<ssize_t>(sizeof(pkt)) || from.sll_pkttype == PACKET_OUTGOING) continue;
    if (ntohs(pkt.htype) != ARPHRD_ETHER || ntohs(pkt.ptype) != ETH_P_IP || pkt.hlen != ETH_ALEN ||
        pkt.plen != 4)
      continue;
    const uint16_t op = ntohs(pkt.op);
    if (op != ARPOP_REPLY && op != ARPOP_REQUEST) continue;
    if (std::memcmp(pkt.sha, p.mac, ETH_ALEN) == 0) continue;  // our own
    for (const auto& ip : ips)
      if (ip.family == AF_INET && std::memcmp(pkt.spa, ip.bytes.data(), 4) == 0)
        return std::pair{ip, MacText(pkt.sha)};
  }
}

}  // namespace

Status ProbeArp(const std::vector<NetDevice>& devices, const std::vector<IpAddress>& ips,
                std::chrono::milliseconds probe_time) {
  if (std::none_of(ips.begin(), ips.end(),
                   [](const IpAddress& ip) { return ip.family == AF_INET; }))
    return {};
  std::vector<Prober> probers;
  for (const auto& device : devices) {
    auto p = OpenProber(device);
    if (!p) return std::unexpected(p.error());
    bool sent = false;
    for (const auto& ip : ips)
      if (ip.family == AF_INET) sent = SendProbe(*p, ip) || sent;
    if (sent) probers.push_back(std::move(*p));
  }
  const auto deadline = std::chrono::steady_clock::now() + probe_time;
  std::vector<pollfd> fds;
  for (const auto& p : probers) fds.push_back({p.fd.get(), POLLIN, 0});
  while (!fds.empty()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(left.count()));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) return ErrnoError("poll(ARP probes)");
    for (size_t i = 0; i < fds.size(); ++i) {
      if (!(fds[i].revents & POLLIN)) continue;
      if (auto claimed = ReadAnswers(probers[i], ips))
        return InUse(claimed->first, "on the LAN: " + claimed->second + " on " +
                                         probers[i].device.name + " answers for it");
    }
  }
  return {};
}

Status CheckIpsFree(Netlink& nl, const std::vector<IpAddress>& ips, bool probe_lan,
                    std::chrono::milliseconds probe_time) {
  if (ips.empty()) return {};
  auto host = nl.AllAddresses();
  if (!host) return std::unexpected(host.error());
  for (const auto& ip : ips)
    for (const auto& [own, ifindex] : *host)
      if (own.SameAddress(ip)) return InUse(ip, "on the host (" + nl.DeviceName(ifindex) + ")");
  if (!probe_lan) return {};
  if (std::none_of(ips.begin(), ips.end(),
                   [](const IpAddress& ip) { return ip.family == AF_INET; }))
    return {};
  auto devices = nl.NeighbourDevices();
  if (!devices) return std::unexpected(devices.error());
  if (devices->empty()) return {};  // no LAN: nobody to ask
  return ProbeArp(*devices, ips, probe_time);
}

}  // namespace vz::internal
