// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/ve_gone.h"

#include <sys/syscall.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "core/file.h"
#include "core/timed_read.h"
#include "kernel/cgroup.h"

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
    if ((*event)->veid == veid &&
        ((*event)->action == "ve-stop" || (*event)->action == "ve-reboot"))
      return true;
  }
}

// The pid of the parent of `pid` when `pid` is the init of a VE, else 0.
pid_t ParentOfInit(const std::string& pid) {
  std::ifstream status("/proc/" + pid + "/status");
  std::string line, last;
  pid_t ppid = 0;
  bool init = false;
  while (std::getline(status, line)) {
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "PPid:") words >> ppid;
    if (key != "NSpid:") continue;
    int levels = 0;
    while (words >> last) ++levels;
    // Pid 1 of a namespace right below the host's: its parent is a host
    // process. (A VE's own nested namespaces are deeper.)
    init = levels == 2 && last == "1";
  }
  return init ? ppid : 0;
}

std::vector<std::string> CgroupProcs(const std::filesystem::path& cgroup) {
  std::vector<std::string> pids;
  auto procs = cgroup.empty() ? Result<std::string>("") : ReadFile(cgroup / "cgroup.procs");
  std::istringstream words(procs ? *procs : "");
  for (std::string pid; words >> pid;) pids.push_back(pid);
  return pids;
}

// A pidfd of `pid` when it is the monitor of VE `veid` (a host process
// named vzmon-CTID, which a VE cannot make), else -1.
UniqueFd IfMonitor(pid_t pid, unsigned int veid) {
  UniqueFd fd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  // Opened first, checked after: the pidfd is of the process checked.
  auto comm = ReadFile("/proc/" + std::to_string(pid) + "/comm");
  if (fd.get() >= 0 && comm && *comm == "vzmon-" + std::to_string(veid) + "\n") return fd;
  return UniqueFd(-1);
}

}  // namespace

UniqueFd OpenMonitor(unsigned int veid) {
  // Usually at once: the VE's init, whose parent the monitor is, comes
  // first in the VE's cgroup.
  for (const auto& pid : CgroupProcs(CgroupPath(veid))) {
    const pid_t parent = ParentOfInit(pid);
    if (parent > 0) return IfMonitor(parent, veid);
  }
  // The VE's root moved its init to a cgroup below: ask every monitor.
  for (const auto& pid : CgroupProcs(MonitorCgroupPath())) {
    if (auto fd = IfMonitor(std::stoi(pid), veid); fd.get() >= 0) return fd;
  }
  return UniqueFd(-1);
}

void WaitProcessEnd(int pidfd, std::chrono::steady_clock::time_point deadline) {
  if (pidfd >= 0) (void)WaitReadable(pidfd, deadline);
}

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
