// SPDX-License-Identifier: GPL-2.0-or-later
// FakeBackend: a backend (kernel/backend.h) that keeps the state of one VE
// and its host in memory, logs every call, and fails the Nth call on
// request: what the start and set orchestration tests run on.
#pragma once

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "facet/running_ve.h"
#include "kernel/backend.h"
#include "kernel/ve_dev_ioctl.h"

namespace vztest {

// What the VE and the host have; compared before and after a failed change.
struct FakeState {
  bool running = false;
  std::set<std::string> mapped;   // venet addresses of the VE
  std::set<std::string> routes;   // host routes to venet0
  std::set<std::string> inside;   // addresses on the VE's venet0
  std::set<std::string> veths;    // host ends of veth pairs
  std::set<std::string> netdevs;  // host devices in the VE
  std::map<int, vz::UbLimit> limits;
  std::string disk_quota;                     // "space S:H inodes S:H", "off", or "" when never set
  uint32_t ugid_limit = 0;                    // what the kernel was last told for quota inside
  std::map<std::string, unsigned> devperms;   // "c 10:200" -> access (never 0)
  std::map<std::string, std::string> cgroup;  // the VE's cgroup files written, with their values

  bool operator==(const FakeState&) const = default;
};

class FakeBackend : public vz::internal::Backend {
 public:
  FakeState state;
  std::vector<std::string> calls;  // "map 10.0.0.1", "inside hostname", ...
  int fail_at = 0;                 // the call (1-based) that fails; 0: none
  int failed = 0;                  // how many calls failed
  bool halt_works = true;          // RequestHalt ends the VE
  bool watching = false;           // WatchEnd was called
  bool missed = false;             // the VE ended before WatchEnd
  // Nodes put into the VE's /dev: nothing takes them out but the VE's end
  // (without their access they cannot be opened), so not in `state`.
  std::set<std::string> devnodes;

  vz::Result<bool> VeExists(unsigned int) override {
    if (auto st = Call("exists"); !st) return std::unexpected(st.error());
    return state.running;
  }
  void RequestHalt(vz::internal::RunningVe&) override {
    if (Call("halt") && halt_works) End();
  }
  vz::Status KillVe(const vz::internal::RunningVe&) override {
    return Do("kill", [&] { End(); });
  }
  void WatchEnd(unsigned int) override { watching = true; }
  vz::Result<bool> WaitGone(unsigned int, std::chrono::milliseconds) override {
    // A VE that ended before anyone watched would leave a real wait hanging.
    if (auto st = Call(missed ? "wait, missing the end" : "wait"); !st)
      return std::unexpected(st.error());
    return !state.running;
  }

  vz::Result<bool> MapIp(const vz::internal::RunningVe&, const vz::IpAddress& ip) override {
    if (auto st = Call("map " + ip.address()); !st) return std::unexpected(st.error());
    return state.mapped.insert(ip.address()).second;
  }
  vz::Status UnmapIp(const vz::internal::RunningVe&, const vz::IpAddress& ip) override {
    return Do("unmap " + ip.address(), [&] { state.mapped.erase(ip.address()); });
  }
  vz::Result<std::vector<vz::IpAddress>> MappedIps(const vz::internal::RunningVe&) override {
    std::vector<vz::IpAddress> out;
    for (const auto& a : state.mapped) out.push_back(*vz::ParseIpAddress(a));
    return out;
  }
  vz::Status MoveNetdev(const vz::internal::RunningVe&, const std::string& dev, bool in) override {
    return Do((in ? "netdev+ " : "netdev- ") + dev, [&] {
      if (in)
        state.netdevs.insert(dev);
      else
        state.netdevs.erase(dev);
    });
  }
  vz::Status CheckIpsFree(const std::vector<vz::IpAddress>& ips, bool) override {
    return Call("check " + Join(ips));
  }
  vz::Status AddHostRoutes(const std::vector<vz::IpAddress>& ips,
                           const vz::NeighbourDevs&) override {
    return Do("route+ " + Join(ips), [&] { AddAll(ips, &state.routes); });
  }
  vz::Status RemoveHostRoutes(const std::vector<vz::IpAddress>& ips) override {
    return Do("route- " + Join(ips), [&] { EraseAll(ips, &state.routes); });
  }
  vz::Status ReleaseHostRoutes(const std::vector<vz::IpAddress>& ips) override {
    // Those of `ips`, and any other route no VE owns.
    return Do("release " + Join(ips), [&] {
      std::erase_if(state.routes, [&](auto& r) { return !state.mapped.count(r); });
    });
  }
  vz::Status CreateVeth(vz::internal::RunningVe&, const vz::NetIf& nif) override {
    return Do("veth+ " + nif.host_ifname, [&] { state.veths.insert(nif.host_ifname); });
  }
  vz::Status DeleteVeth(const vz::NetIf& nif) override {
    return Do("veth- " + nif.host_ifname, [&] { state.veths.erase(nif.host_ifname); });
  }
  vz::Status AddVenetInside(vz::internal::RunningVe&,
                            const std::vector<vz::IpAddress>& ips) override {
    return Do("inside+ " + Join(ips), [&] { AddAll(ips, &state.inside); });
  }
  vz::Status RemoveVenetInside(vz::internal::RunningVe&, const std::vector<vz::IpAddress>& ips,
                               bool all) override {
    return Do("inside- " + Join(ips), [&] {
      if (all) state.inside.clear();
      EraseAll(ips, &state.inside);
    });
  }
  vz::Status SetUbLimit(const vz::internal::RunningVe&, vz::UbId id,
                        const vz::UbLimit& v) override {
    return Do("ub " + std::to_string(id), [&] { state.limits[id] = v; });
  }
  vz::Status SetDiskQuota(const std::filesystem::path&, unsigned int,
                          const vz::internal::QuotaConfig& cfg,
                          std::vector<std::string>*) override {
    const std::string q =
        !cfg.active() ? "off"
                      : "space " + vz::FormatDiskLimit(cfg.space.value_or(vz::DiskLimit{})) +
                            " inodes " + vz::FormatDiskLimit(cfg.inodes.value_or(vz::DiskLimit{}));
    return Do("quota " + q, [&] { state.disk_quota = q; });
  }
  vz::Status SetUgidQuota(const vz::internal::RunningVe&, const std::filesystem::path&,
                          uint32_t limit) override {
    return Do("ugid " + std::to_string(limit), [&] { state.ugid_limit = limit; });
  }
  std::function<void()> UbRestorer(const vz::internal::RunningVe&,
                                   const std::vector<vz::UbId>& ids) override {
    std::map<int, vz::UbLimit> was;
    for (auto id : ids)
      if (state.limits.count(id)) was[id] = state.limits[id];
    return [this, ids, was] {
      for (auto id : ids) {
        if (was.count(id))
          state.limits[id] = was.at(id);
        else
          state.limits.erase(id);
      }
    };
  }
  vz::Status SetDevPerms(const vz::internal::RunningVe&, const vz::DeviceId& dev,
                         unsigned access) override {
    const std::string name = vz::internal::DeviceName(dev);
    return Do("devperms " + name + " " + vz::FormatDevAccess(access), [&] {
      if (access)
        state.devperms[name] = access;
      else
        state.devperms.erase(name);
    });
  }
  vz::Status AddDevNode(vz::internal::RunningVe&, const std::string& name,
                        const std::filesystem::path& host, const vz::DeviceId& dev) override {
    return Do("devnode " + name + " " + host.string() + " " + vz::internal::DeviceName(dev),
              [&] { devnodes.insert(name); });
  }
  vz::Status SetCgroupValue(const vz::internal::RunningVe&, const std::string& file,
                            const std::string& value) override {
    return Do("cgroup " + file + " " + value, [&] { state.cgroup[file] = value; });
  }
  vz::Result<int> RunInside(vz::internal::RunningVe&, const std::string& what,
                            const std::function<int()>&) override {
    if (auto st = Call("inside " + what); !st) return std::unexpected(st.error());
    return 0;
  }

 private:
  // What the kernel forgets with the VE; the host's routes stay.
  void End() {
    missed = missed || !watching;
    state.running = false;
    state.mapped.clear();
    state.inside.clear();
    state.veths.clear();
    state.netdevs.clear();
    state.ugid_limit = 0;
    state.devperms.clear();
    devnodes.clear();
  }
  vz::Status Call(const std::string& what) {
    calls.push_back(what);
    if (static_cast<int>(calls.size()) != fail_at) return {};
    ++failed;
    return vz::MakeError(EIO, "fake failure of call " + std::to_string(fail_at) + ": " + what);
  }
  template <typename Fn>
  vz::Status Do(const std::string& what, Fn change) {
    if (auto st = Call(what); !st) return st;
    change();
    return {};
  }
  static std::string Join(const std::vector<vz::IpAddress>& ips) {
    std::string out;
    for (const auto& ip : ips) out += (out.empty() ? "" : " ") + ip.address();
    return out;
  }
  static void AddAll(const std::vector<vz::IpAddress>& ips, std::set<std::string>* to) {
    for (const auto& ip : ips) to->insert(ip.address());
  }
  static void EraseAll(const std::vector<vz::IpAddress>& ips, std::set<std::string>* from) {
    for (const auto& ip : ips) from->erase(ip.address());
  }
};

}  // namespace vztest
