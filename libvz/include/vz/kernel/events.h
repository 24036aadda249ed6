// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The kernel's VE events: it announces every VE's start and end to the
// host on netlink (NETLINK_VZEVENT, as OpenVZ's vzevent did), as the text
// "<action>@<veid>": ve-start, ve-stop (the VE is gone and its veid free),
// ve-reboot (the same, after reboot(2) inside), and ve-mount and ve-umount
// when the host mounted or unmounted its root (vz/fs/mount.h). A VE's
// events come in that order: ve-mount, ve-start, ve-stop, ve-umount.
//
// Listening needs CAP_NET_ADMIN on the host; a VE cannot listen. Events
// are best effort: a listener that reads too slowly loses some, and learns
// it from Next's ENOBUFS error; it should then read the state it needs
// (which VEs exist) again. Not thread-safe: one VeEvents per thread.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "vz/core/error.h"

struct nl_sock;

namespace vz {

struct VeEvent {
  std::string action;  // "ve-start", "ve-stop", "ve-reboot", "ve-mount", "ve-umount"
  unsigned int veid = 0;

  bool operator==(const VeEvent&) const = default;
};

// "ve-stop@101" -> {"ve-stop", 101}; nullopt for a text of another form.
std::optional<VeEvent> ParseVeEvent(std::string_view text);

// {"action":"ve-stop","ctid":101}
std::string VeEventJson(const VeEvent& event);

class VeEvents {
 public:
  using Deadline = std::chrono::steady_clock::time_point;

  // Starts listening. kBadKernel when the kernel sends no VE events;
  // EPERM without CAP_NET_ADMIN on the host.
  static Result<VeEvents> Open();

  // The next event, or nullopt when `deadline` passes first (none: wait
  // for ever). ENOBUFS: events were lost. Texts of another form are
  // skipped.
  Result<std::optional<VeEvent>> Next(std::optional<Deadline> deadline = std::nullopt);

  // The socket, for a caller that waits on it with other descriptors:
  // once it is readable, Next(steady_clock::now()) does not block.
  int fd() const;

 private:
  struct Closer {
    void operator()(nl_sock* sock) const;
  };
  explicit VeEvents(nl_sock* sock) : sock_(sock) {}
  std::unique_ptr<nl_sock, Closer> sock_;
};

}  // namespace vz
