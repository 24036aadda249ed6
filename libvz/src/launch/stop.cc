// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/launch/stop.h"

#include <chrono>

#include "facet/facets.h"
#include "facet/running_ve.h"
#include "kernel/system_backend.h"
#include "launch/stop.h"
#include "vz/core/stages.h"
#include "vz/fs/mount.h"

namespace vz::internal {

namespace {

Status KillAndWait(RunningVe& ve) {
  ve.backend.WatchEnd(ve.veid);
  auto killed = ve.backend.KillVe(ve);
  if (!killed && killed.error().kind() != ErrorKind::kNotRunning) return killed;
  MarkStage("init killed");
  auto gone = ve.backend.WaitGone(ve.veid, std::chrono::seconds(30));
  if (!gone) return std::unexpected(gone.error());
  if (!*gone)
    return KindError(ErrorKind::kStopFailed, "container " + std::to_string(ve.veid) +
                                                 " is still running 30s after it was killed");
  return {};
}

// The monitor may be unmounting at the same time: only a mount that stays
// is an error.
Status UmountAfterStop(const Container& ct) {
  auto umounted = UmountContainer(ct);
  if (umounted || umounted.error().kind() == ErrorKind::kNotMounted) return {};
  auto root = ct.root();
  auto still = root ? IsMountPoint(*root) : Result<bool>(false);
  if (still && !*still) return {};
  return umounted;
}

}  // namespace

Status StopVe(Container& ct, const StopOptions& opts, Backend& backend) {
  auto running = backend.VeExists(ct.veid());
  if (!running) return std::unexpected(running.error());
  if (!*running) return KindError(ErrorKind::kNotRunning, "container is not running");
  RunningVe ve{ct.veid(), backend, {}, 0, std::nullopt};
  bool gone = false;
  if (!opts.fast) {
    backend.WatchEnd(ct.veid());
    backend.RequestHalt(ve);
    MarkStage("halt requested");
    auto waited = backend.WaitGone(ct.veid(), ct.stop_timeout());
    if (!waited || !*waited) MarkStage("halt timed out");
    if (!waited) return std::unexpected(waited.error());
    gone = *waited;
  }
  if (!gone) {
    if (auto killed = KillAndWait(ve); !killed) return killed;
  }
  auto cleaned = ReleaseAfterStop(ct, ve);
  MarkStage("host side released (facets)");
  auto umounted = UmountAfterStop(ct);
  MarkStage("unmounted");
  if (!umounted) return umounted;
  if (!cleaned) return std::unexpected(cleaned.error().Wrap("stop"));
  return {};
}

}  // namespace vz::internal

namespace vz {

Status StopContainer(Container& ct, const StopOptions& opts) {
  auto backend = internal::SystemBackend::Open();
  if (!backend) return std::unexpected(backend.error());
  return internal::StopVe(ct, opts, *backend);
}

}  // namespace vz
