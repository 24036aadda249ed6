// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/system_backend.h"

#include <fcntl.h>
#include <sys/reboot.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/file.h"
#include "dev/inside.h"
#include "dev/node_copy.h"
#include "facet/running_ve.h"
#include "inside/run_inside.h"
#include "inside/ve_process.h"
#include "kernel/cgroup.h"
#include "kernel/ubc_kernel.h"
#include "kernel/ve_dev_ioctl.h"
#include "kernel/ve_gone.h"
#include "kernel/ve_net_ioctl.h"
#include "kernel/veip.h"
#include "net/host.h"
#include "net/inside.h"
#include "net/ip_in_use.h"
#include "net/netns.h"
#include "net/veth.h"
#include "quota/apply.h"
#include "vz/core/stages.h"

namespace vz::internal {

Result<SystemBackend> SystemBackend::Open() {
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  return SystemBackend(std::move(*dev));
}

Result<SystemBackend> SystemBackend::OnDevice(int vzctl_fd) {
  auto dev = VzDevice::Dup(vzctl_fd);
  if (!dev) return std::unexpected(dev.error());
  return SystemBackend(std::move(*dev));
}

Result<bool> SystemBackend::VeExists(unsigned int veid) { return dev_.Exists(veid); }

// Runs /sbin/halt inside, or reboot(POWER_OFF) when there is no halt; the
// container's own program may never finish, so nobody waits for it.
void SystemBackend::RequestHalt(RunningVe& ve) {
  (void)RunInContainer(
      dev_, ve.veid,
      [] {
        if (::access("/sbin/halt", X_OK) == 0) ExecClean({"/sbin/halt"});
        ::reboot(RB_POWER_OFF);
        return 1;
      },
      /*wait=*/false, InsideStdio::kNull);
}

Status SystemBackend::KillVe(const RunningVe& ve) { return dev_.Kill(ve.veid); }

// Without events (an older kernel), WaitGone polls.
void SystemBackend::WatchEnd(unsigned int veid) {
  if (!events_) {
    if (auto events = VeEvents::Open()) events_.emplace(std::move(*events));
  }
  if (monitor_.get() < 0) monitor_ = OpenMonitor(veid);
}

Result<bool> SystemBackend::WaitGone(unsigned int veid, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  auto gone = WaitVeGone(dev_, events_, veid, timeout);
  if (!gone || !*gone) return gone;
  MarkStage("VE gone (the kernel's ve-stop)");
  WaitProcessEnd(monitor_.get(), deadline);
  MarkStage("monitor ended");
  return gone;
}

Result<bool> SystemBackend::MapIp(const RunningVe& ve, const IpAddress& ip) {
  return internal::MapIp(dev_.fd(), ve.veid, ip);
}

Status SystemBackend::UnmapIp(const RunningVe& ve, const IpAddress& ip) {
  return internal::UnmapIp(dev_.fd(), ve.veid, ip);
}

Result<std::vector<IpAddress>> SystemBackend::MappedIps(const RunningVe& ve) {
  return RunningAddresses(ve.veid);
}

Status SystemBackend::MoveNetdev(const RunningVe& ve, const std::string& dev, bool in) {
  return internal::MoveNetdev(dev_.fd(), ve.veid, dev, in);
}

Status SystemBackend::CheckIpsFree(const std::vector<IpAddress>& ips, bool probe_lan) {
  if (ips.empty()) return {};
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  return internal::CheckIpsFree(*nl, ips, probe_lan);
}

Status SystemBackend::AddHostRoutes(const std::vector<IpAddress>& ips, const NeighbourDevs& devs) {
  if (ips.empty()) return {};
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  return internal::AddHostRoutes(*nl, ips, devs);
}

Status SystemBackend::RemoveHostRoutes(const std::vector<IpAddress>& ips) {
  if (ips.empty()) return {};
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  return internal::RemoveHostRoutes(*nl, ips);
}

Status SystemBackend::ReleaseHostRoutes(const std::vector<IpAddress>& ips) {
  return CleanupHostNetwork(ips);
}

Status SystemBackend::CreateVeth(RunningVe& ve, const NetIf& nif) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  auto netns = Netns(ve);
  if (!netns) return std::unexpected(netns.error());
  return internal::CreateVeth(*nl, nif, *netns);
}

Status SystemBackend::DeleteVeth(const NetIf& nif) {
  auto nl = Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  return internal::DeleteVeth(*nl, nif);
}

Status SystemBackend::AddVenetInside(RunningVe& ve, const std::vector<IpAddress>& ips) {
  auto netns = Netns(ve);
  if (!netns) return std::unexpected(netns.error());
  return RunInNetns(*netns, [&] { return ConfigureVenetInside(ips); });
}

Status SystemBackend::RemoveVenetInside(RunningVe& ve, const std::vector<IpAddress>& ips,
                                        bool all) {
  auto netns = Netns(ve);
  if (!netns) return std::unexpected(netns.error());
  return RunInNetns(*netns, [&] { return RemoveVenetAddressesInside(ips, all); });
}

Status SystemBackend::SetUbLimit(const RunningVe& ve, UbId id, const UbLimit& value) {
  const UbResource* r = FindUbResource(id);
  if (r->backing == UbBacking::kBeancounter) return SetUbLimitSyscall(ve.veid, id, value);
  if (r->backing == UbBacking::kNone) return {};  // counted by the memory cgroup only
  return SetMemcgLimit(ve.cgroup, id, value.limit);
}

std::function<void()> SystemBackend::UbRestorer(const RunningVe& ve, const std::vector<UbId>& ids) {
  return [snap = TakeUbSnapshot(ve.veid, ve.cgroup, ids)] { RestoreUbSnapshot(snap); };
}

Status SystemBackend::SetDiskQuota(const std::filesystem::path& priv, unsigned int veid,
                                   const QuotaConfig& cfg, std::vector<std::string>* notes) {
  return ApplyDiskQuota(priv, veid, cfg, notes);
}

Status SystemBackend::SetUgidQuota(const RunningVe& ve, const std::filesystem::path& priv,
                                   uint32_t limit) {
  UniqueFd fd(::open(priv.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + priv.string() + ")");
  return dev_.SetUgidQuota(ve.veid, fd.get(), limit);
}

Status SystemBackend::SetDevPerms(const RunningVe& ve, const DeviceId& dev, unsigned access) {
  return internal::SetDevPerms(dev_.fd(), ve.veid, dev, access);
}

Status SystemBackend::SetCgroupValue(const RunningVe& ve, const std::string& file,
                                     const std::string& value) {
  if (ve.cgroup.empty()) return MakeError(ENOTSUP, "no cgroup v2 at /sys/fs/cgroup for " + file);
  auto written = WriteCgroupFile(ve.cgroup / file, value);
  // The kernel refuses to empty the CPUs or nodes of a cpuset that has
  // tasks: "all" is then the parent's, as they are now.
  if (written || written.error().err_no() != ENOSPC || value != "\n") return written;
  auto parents = ReadFirstLine(ve.cgroup.parent_path() / (file + ".effective"));
  if (!parents) return std::unexpected(parents.error());
  return WriteCgroupFile(ve.cgroup / file, *parents);
}

Status SystemBackend::AddDevNode(RunningVe& ve, const std::string& name,
                                 const std::filesystem::path& host, const DeviceId& dev) {
  auto tree = OpenNodeMount(host, dev);
  if (!tree) return std::unexpected(tree.error());
  const dev_t rdev = ::makedev(dev.major, dev.minor.value_or(0));
  auto code =
      RunInside(ve, "", [&] { return AttachNodeInside(tree->get(), name, dev.type == 'b', rdev); });
  if (!code) return std::unexpected(code.error());
  if (*code == 0) return {};
  return KindError(ErrorKind::kSetDevices,
                   "putting " + host.string() + " on /dev/" + name + " inside container " +
                       std::to_string(ve.veid),
                   *code);
}

Result<int> SystemBackend::RunInside(RunningVe& ve, const std::string& what,
                                     const std::function<int()>& fn) {
  (void)what;  // the helper's own errors say what it was
  return RunInContainer(dev_, ve.veid, fn, /*wait=*/true, InsideStdio::kNull, kHelperTimeout);
}

Result<int> SystemBackend::Netns(RunningVe& ve) {
  if (!ve.netns) {
    auto fd = ve.init_pid > 0 ? OpenNetnsOfPid(ve.init_pid) : OpenVeNetns(dev_, ve.veid);
    if (!fd) return std::unexpected(fd.error());
    ve.netns.emplace(std::move(*fd));
  }
  return ve.netns->get();
}

}  // namespace vz::internal
