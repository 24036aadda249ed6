// SPDX-License-Identifier: LGPL-2.1-or-later
// SystemBackend: the backend (kernel/backend.h) that does the real work,
// through /dev/vzctl, the beancounter syscalls, cgroup files and netlink.
// Internal.
#pragma once

#include "core/unique_fd.h"
#include "kernel/backend.h"
#include "kernel/vzdev.h"
#include "vz/kernel/events.h"

namespace vz::internal {

class SystemBackend : public Backend {
 public:
  // Opens /dev/vzctl (kBadKernel without the VE series).
  static Result<SystemBackend> Open();
  // Works through a duplicate of an open /dev/vzctl descriptor.
  static Result<SystemBackend> OnDevice(int vzctl_fd);

  Result<bool> VeExists(unsigned int veid) override;
  void RequestHalt(RunningVe& ve) override;
  Status KillVe(const RunningVe& ve) override;
  void WatchEnd(unsigned int veid) override;
  Result<bool> WaitGone(unsigned int veid, std::chrono::milliseconds timeout) override;
  Result<bool> MapIp(const RunningVe& ve, const IpAddress& ip) override;
  Status UnmapIp(const RunningVe& ve, const IpAddress& ip) override;
  Result<std::vector<IpAddress>> MappedIps(const RunningVe& ve) override;
  Status MoveNetdev(const RunningVe& ve, const std::string& dev, bool in) override;
  Status CheckIpsFree(const std::vector<IpAddress>& ips, bool probe_lan) override;
  Status AddHostRoutes(const std::vector<IpAddress>& ips, const NeighbourDevs& devs) override;
  Status RemoveHostRoutes(const std::vector<IpAddress>& ips) override;
  Status ReleaseHostRoutes(const std::vector<IpAddress>& ips) override;
  Status CreateVeth(RunningVe& ve, const NetIf& nif) override;
  Status DeleteVeth(const NetIf& nif) override;
  Status AddVenetInside(RunningVe& ve, const std::vector<IpAddress>& ips) override;
  Status RemoveVenetInside(RunningVe& ve, const std::vector<IpAddress>& ips, bool all) override;
  Status SetUbLimit(const RunningVe& ve, UbId id, const UbLimit& value) override;
  std::function<void()> UbRestorer(const RunningVe& ve, const std::vector<UbId>& ids) override;
  Status SetDiskQuota(const std::filesystem::path& priv, unsigned int veid, const QuotaConfig& cfg,
                      std::vector<std::string>* notes) override;
  Status SetUgidQuota(const RunningVe& ve, const std::filesystem::path& priv,
                      uint32_t limit) override;
  Status SetDevPerms(const RunningVe& ve, const DeviceId& dev, unsigned access) override;
  Status SetCgroupValue(const RunningVe& ve, const std::string& file,
                        const std::string& value) override;
  Status AddDevNode(RunningVe& ve, const std::string& name, const std::filesystem::path& host,
                    const DeviceId& dev) override;
  Result<int> RunInside(RunningVe& ve, const std::string& what,
                        const std::function<int()>& fn) override;

 private:
  explicit SystemBackend(VzDevice dev) : dev_(std::move(dev)) {}
  // The VE's network namespace, opened once.
  Result<int> Netns(RunningVe& ve);

  VzDevice dev_;
  std::optional<VeEvents> events_;  // after WatchEnd, unless the kernel has none
  UniqueFd monitor_{-1};            // after WatchEnd: the container's monitor
};

}  // namespace vz::internal
