// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Backend: everything a facet does to the host and to a running VE. Internal.
//
// The facets (net/, uts/, ubc/, ...) decide what a container gets; the
// backend is the only way they change the system: the VE interface of the
// kernel (/dev/vzctl ioctls, setublimit(2), /proc/vz and /proc/bc, the
// container's cgroup files), the host's routing tables through netlink, and
// work done inside a running VE. SystemBackend (kernel/system_backend.h) is
// the real one; host unit tests put a fake in its place and so run the
// start and set orchestration, and every rollback path, without a kernel.
//
// Every call is made under the container's lock, by the process that holds
// it (vzctl, or the container's monitor while it launches init).
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "net/config.h"
#include "quota/config.h"
#include "vz/core/error.h"
#include "vz/dev/options.h"
#include "vz/net/ip_address.h"
#include "vz/net/netif.h"
#include "vz/ubc/resources.h"

namespace vz::internal {

struct RunningVe;

class Backend {
 public:
  virtual ~Backend() = default;

  // The VE's life: whether it exists (running or stopping); asking its
  // init to halt as its own admin would (best effort, without waiting);
  // killing its init, and with it the VE. The kernel forgets the VE's
  // addresses and devices when it ends.
  virtual Result<bool> VeExists(unsigned int veid) = 0;
  virtual void RequestHalt(RunningVe& ve) = 0;
  virtual Status KillVe(const RunningVe& ve) = 0;
  // Waiting for the VE to end (kernel/ve_gone.h): WatchEnd before asking
  // it to (halt, kill); WaitGone then says whether it ended, and its veid
  // is free, within `timeout`. When it did, WaitGone also waits (as long)
  // for the container's monitor to end.
  virtual void WatchEnd(unsigned int veid) = 0;
  virtual Result<bool> WaitGone(unsigned int veid, std::chrono::milliseconds timeout) = 0;

  // venet: the addresses the kernel delivers to the VE. MapIp returns
  // false when the VE had the address already.
  virtual Result<bool> MapIp(const RunningVe& ve, const IpAddress& ip) = 0;
  virtual Status UnmapIp(const RunningVe& ve, const IpAddress& ip) = 0;
  virtual Result<std::vector<IpAddress>> MappedIps(const RunningVe& ve) = 0;
  // A host network device moved into the VE (`in`) or back out.
  virtual Status MoveNetdev(const RunningVe& ve, const std::string& dev, bool in) = 0;

  // The host's side of venet addresses (net/host.h) and of veth pairs.
  // CheckIpsFree refuses addresses the host or, with `probe_lan`, a
  // neighbour on its LANs uses (kIpInUse).
  virtual Status CheckIpsFree(const std::vector<IpAddress>& ips, bool probe_lan) = 0;
  virtual Status AddHostRoutes(const std::vector<IpAddress>& ips, const NeighbourDevs& devs) = 0;
  virtual Status RemoveHostRoutes(const std::vector<IpAddress>& ips) = 0;
  // The routes of those of `ips` that no VE owns any more, and of any
  // other address routed to venet0 that no VE owns, after addresses were
  // taken from a VE or it ended (net/host.h, CleanupHostNetwork).
  virtual Status ReleaseHostRoutes(const std::vector<IpAddress>& ips) = 0;
  virtual Status CreateVeth(RunningVe& ve, const NetIf& nif) = 0;
  virtual Status DeleteVeth(const NetIf& nif) = 0;

  // The VE's own venet0, configured from inside its network namespace.
  virtual Status AddVenetInside(RunningVe& ve, const std::vector<IpAddress>& ips) = 0;
  virtual Status RemoveVenetInside(RunningVe& ve, const std::vector<IpAddress>& ips, bool all) = 0;

  // Resource limits: setublimit(2) or the VE's memory cgroup, as the
  // resource's backing says (resources with no limit to set are skipped).
  // UbRestorer reads what the kernel has now for `ids` and returns how to
  // put it back (best effort).
  virtual Status SetUbLimit(const RunningVe& ve, UbId id, const UbLimit& value) = 0;
  virtual std::function<void()> UbRestorer(const RunningVe& ve, const std::vector<UbId>& ids) = 0;

  // Disk quota: brings private area `priv` of container `veid` to `cfg`
  // (quota/apply.h); notes for the user are added to *notes when given.
  virtual Status SetDiskQuota(const std::filesystem::path& priv, unsigned int veid,
                              const QuotaConfig& cfg, std::vector<std::string>* notes) = 0;
  // Second level: lets the VE's root manage user and group quota of its
  // ids on the filesystem of `priv`, for `limit` ids; 0 takes it back.
  virtual Status SetUgidQuota(const RunningVe& ve, const std::filesystem::path& priv,
                              uint32_t limit) = 0;

  // Device access (vz/dev/options.h): gives the VE `access` to `dev` in
  // place of what it had; 0 takes it back. The kernel forgets it all when
  // the VE ends. AddDevNode puts `host`, the host's copy of a node of
  // device `dev` (dev/node_copy.h), on /dev/<name> in the running VE
  // (dev/inside.h); nothing takes it out again: without its access it
  // cannot be opened.
  virtual Status SetDevPerms(const RunningVe& ve, const DeviceId& dev, unsigned access) = 0;
  virtual Status AddDevNode(RunningVe& ve, const std::string& name,
                            const std::filesystem::path& host, const DeviceId& dev) = 0;

  // Writes `value` to control file `file` of the VE's cgroup (the CPU
  // facet's cpu.weight, cpu.max, cpuset.cpus, cpuset.mems); the cgroup,
  // and what is written there, outlives the VE's stop. A newline for
  // cpuset.cpus or cpuset.mems is "all": the parent's.
  virtual Status SetCgroupValue(const RunningVe& ve, const std::string& file,
                                const std::string& value) = 0;

  // Runs `fn` in a helper process inside the VE, as its root, with the
  // helper timeout, and returns its exit status. `what` names the work
  // for errors (and for fakes, which do not run `fn`).
  virtual Result<int> RunInside(RunningVe& ve, const std::string& what,
                                const std::function<int()>& fn) = 0;
};

}  // namespace vz::internal
