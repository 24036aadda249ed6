// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/launch/stop.h"

#include <sys/reboot.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "inside/run_inside.h"
#include "inside/ve_process.h"
#include "kernel/veip.h"
#include "kernel/vzdev.h"
#include "net/config.h"
#include "net/host.h"
#include "vz/fs/mount.h"

namespace vz {

namespace {

using Clock = std::chrono::steady_clock;

// Asks the container's init to halt, as its own admin would: runs
// /sbin/halt inside, or reboot(POWER_OFF) when there is no halt. Does not
// wait for halt: the container's own program may never finish, and the
// caller waits for the container with a timeout instead.
void RequestHalt(const VzDevice& dev, unsigned int veid) {
  (void)internal::RunInContainer(
      dev, veid,
      [] {
        if (::access("/sbin/halt", X_OK) == 0) internal::ExecClean({"/sbin/halt"});
        ::reboot(RB_POWER_OFF);
        return 1;
      },
      /*wait=*/false, internal::InsideStdio::kNull);
}

// Polls until the VE is gone or `timeout` passes; true when gone.
Result<bool> WaitGone(const VzDevice& dev, unsigned int veid, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    auto exists = dev.Exists(veid);
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) return true;
    if (Clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Status KillAndWait(const VzDevice& dev, unsigned int veid) {
  auto killed = dev.Kill(veid);
  if (!killed && killed.error().kind() != ErrorKind::kNotRunning) return killed;
  auto gone = WaitGone(dev, veid, std::chrono::seconds(30));
  if (!gone) return std::unexpected(gone.error());
  if (!*gone)
    return KindError(ErrorKind::kStopFailed, "container " + std::to_string(veid) +
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

// The addresses whose host routes the stop removes: what the kernel maps
// to the container now (addresses added without --save included) and what
// its config has.
std::vector<IpAddress> AddressesOf(const Container& ct) {
  std::vector<IpAddress> ips = RunningAddresses(ct.veid()).value_or(std::vector<IpAddress>{});
  if (auto net = ReadNetConfig(ct.config(), ct.veid())) {
    IpChange change;
    change.add = net->ips;
    ips = ApplyIpChange(ips, change);
  }
  return ips;
}

}  // namespace

Status StopContainer(Container& ct, const StopOptions& opts) {
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  auto running = dev->Exists(ct.veid());
  if (!running) return std::unexpected(running.error());
  if (!*running) return KindError(ErrorKind::kNotRunning, "container is not running");
  const std::vector<IpAddress> ips = AddressesOf(ct);
  bool gone = false;
  if (!opts.fast) {
    RequestHalt(*dev, ct.veid());
    auto waited = WaitGone(*dev, ct.veid(), ct.stop_timeout());
    if (!waited) return std::unexpected(waited.error());
    gone = *waited;
  }
  if (!gone) {
    if (auto killed = KillAndWait(*dev, ct.veid()); !killed) return killed;
  }
  auto cleaned = internal::CleanupHostNetwork(ips);
  auto umounted = UmountAfterStop(ct);
  if (!umounted) return umounted;
  if (!cleaned) return std::unexpected(cleaned.error().Wrap("stop"));
  return {};
}

}  // namespace vz
