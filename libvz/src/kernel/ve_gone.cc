// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/ve_gone.h"

#include <thread>

namespace vz::internal {

namespace {

using Clock = std::chrono::steady_clock;

// Kernels without VE events: ask until the VE is gone or the time is up.
Result<bool> PollGone(const VzDevice& dev, unsigned int veid, Clock::time_point deadline) {
  for (;;) {
    auto exists = dev.Exists(veid);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Waits for an event that says VE `veid` ended: true, or false at the
// deadline. Lost events (ENOBUFS) count as maybe.
Result<bool> EndEvent(VeEvents& events, unsigned int veid, Clock::time_point deadline) {
  for (;;) {
    auto event = events.Next(deadline);
    if (!event && event.error().err_no() == ENOBUFS) return true;
    if (!event) return std::unexpected(event.error());
    if (!*event) return false;
    if ((*event)->veid == veid && (*event)->action != "ve-start") return true;
  }
}

}  // namespace

Result<bool> WaitVeGone(const VzDevice& dev, std::optional<VeEvents>& events, unsigned int veid,
                        std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  if (!events) return PollGone(dev, veid, deadline);
  for (;;) {
    auto exists = dev.Exists(veid);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) return true;
    auto ended = EndEvent(*events, veid, deadline);
    if (!ended) return std::unexpected(ended.error());
    if (!*ended) return false;
  }
}

}  // namespace vz::internal
