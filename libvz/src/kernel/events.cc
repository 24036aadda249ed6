// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/kernel/events.h"

#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <charconv>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/timed_read.h"

namespace vz {

namespace {

// include/uapi/linux/netlink.h and vzevent.h of the VE series.
constexpr int kNetlinkVzEvent = 31;
constexpr int kGroupAll = 1;

}  // namespace

std::optional<VeEvent> ParseVeEvent(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0) return std::nullopt;
  const std::string_view id = text.substr(at + 1);
  unsigned int veid = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), veid);
  if (ec != std::errc() || end != id.data() + id.size() || id.empty()) return std::nullopt;
  return VeEvent{std::string(text.substr(0, at)), veid};
}

std::string VeEventJson(const VeEvent& event) {
  return nlohmann::json{{"action", event.action}, {"ctid", event.veid}}.dump();
}

void VeEvents::Closer::operator()(nl_sock* sock) const { nl_socket_free(sock); }

Result<VeEvents> VeEvents::Open() {
  nl_sock* raw = nl_socket_alloc();
  if (!raw) return MakeError(ENOMEM, "VE events: nl_socket_alloc");
  VeEvents events(raw);
  nl_socket_disable_seq_check(raw);
  if (int err = nl_connect(raw, kNetlinkVzEvent); err < 0)
    return KindError(ErrorKind::kBadKernel,
                     std::string("VE events: the kernel sends none (netlink protocol 31: ") +
                         nl_geterror(err) + ")");
  if (int err = nl_socket_add_membership(raw, kGroupAll); err < 0)
    return MakeError(err == -NLE_PERM ? EPERM : EIO,
                     std::string("VE events: join the group: ") + nl_geterror(err));
  return events;
}

int VeEvents::fd() const { return nl_socket_get_fd(sock_.get()); }

Result<std::optional<VeEvent>> VeEvents::Next(std::optional<Deadline> deadline) {
  for (;;) {
    const int readable = internal::WaitReadable(nl_socket_get_fd(sock_.get()), deadline);
    if (readable < 0) return ErrnoError("poll(VE events)");
    if (readable == 0) return std::nullopt;
    sockaddr_nl from{};
    unsigned char* buf = nullptr;
    const int n = nl_recv(sock_.get(), &from, &buf, nullptr);
    std::unique_ptr<unsigned char, decltype(&std::free)> owned(buf, &std::free);
    if (n == -NLE_NOMEM) return MakeError(ENOBUFS, "VE events: some were lost");
    if (n < 0) return MakeError(EIO, std::string("VE events: ") + nl_geterror(n));
    if (from.nl_pid != 0) continue;  // only the kernel speaks here
    auto event = ParseVeEvent({reinterpret_cast<const char*>(buf), static_cast<size_t>(n)});
    if (event) return event;
  }
}

}  // namespace vz
