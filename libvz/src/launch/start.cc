// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/launch/start.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "core/id_check.h"
#include "core/stage_record.h"
#include "dev/facet.h"
#include "facet/facets.h"
#include "identity/id_maps.h"
#include "inside/run_inside.h"
#include "inside/ve_process.h"
#include "kernel/cgroup.h"
#include "kernel/system_backend.h"
#include "kernel/ve_create.h"
#include "kernel/vzdev.h"
#include "launch/handshake.h"
#include "launch/init_child.h"
#include "launch/monitor.h"
#include "launch/spec.h"
#include "launch/start.h"
#include "launch/ve_clock.h"
#include "net/config.h"
#include "vz/core/stages.h"
#include "vz/fs/mount.h"

namespace vz::internal {

namespace {

constexpr unsigned long kNamespaces =
    CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET;

// How long the monitor waits for each of the launched child's reports:
// that the VE exists (from clone), then that init runs (from the moment the
// network is configured). What the child does before exec (mounts,
// pivot_root, /etc files inside) runs as the container's root, on files it
// controls, and may be held up: the child is then killed, and on a
// relaunch the container's lock is free again.
constexpr auto kLaunchTimeout = internal::kHelperTimeout;
// How long vzctl start waits for the monitor's report: both of the
// monitor's waits, and some time for the host's side and to clean up.
constexpr auto kReportTimeout = 2 * kLaunchTimeout + std::chrono::seconds(15);

// Reads one report of the child; `at_eof` when the pipe closed without one,
// a failure of `stage` when it cannot be read (ETIMEDOUT: not by
// `deadline`).
StageReport ReadReport(int fd, InitStage stage, StageReport at_eof, internal::Deadline deadline) {
  StageReport f{InitStage::kReportInitRuns, 0};
  const ssize_t n = ReadFull(fd, &f, sizeof(f), deadline);
  if (n == 0) return at_eof;
  if (n != sizeof(f)) return {stage, n < 0 ? errno : EPROTO};
  return f;
}

StageReport StageFailure(InitStage stage, const Error& e) {
  StageReport f{stage, e.err_no(), e.kind()};
  e.context().copy(f.detail, sizeof(f.detail) - 1);
  return f;
}

// Once the child has created the VE (and with it the VE's beancounter):
// applies every facet's settings (resource limits, then network), then lets
// the child go on.
StageReport ConfigureVe(const LaunchArgs& args, pid_t pid, int sync_w, int report_r,
                        internal::Deadline deadline) {
  // EOF: the child ended without a word (killed) before the VE existed.
  StageReport f = ReadReport(report_r, InitStage::kAwaitVeCreated,
                             {InitStage::kAwaitVeCreated, EPIPE}, deadline);
  if (f.stage != InitStage::kReportVeCreated) return f;
  MarkStage("VE created (init-to-be's report)");
  auto backend = SystemBackend::OnDevice(args.vzctl_fd);
  if (!backend) return StageFailure(InitStage::kSettings, backend.error());
  RunningVe ve{args.veid, *backend, args.cgroup, pid, std::nullopt};
  if (auto applied = ApplyAll(*args.facets, ve); !applied)
    return StageFailure(InitStage::kSettings, applied.error());
  MarkStage("facets applied");
  if (int err = WriteFull(sync_w, &kNetworkReady, 1)) return {InitStage::kAwaitNetwork, err};
  return {InitStage::kReportInitRuns, 0};
}

// Host side of the launch, once the child exists: maps, cgroup (unless it
// was born there), go.
StageReport PrepareChild(const LaunchArgs& args, pid_t pid, int sync_w, bool in_cgroup) {
  if (int err = internal::WriteIdMaps(pid, args.map)) return {InitStage::kIdMaps, err};
  // The monitor of the previous run may remove the cgroup just now, once:
  // make it again then.
  for (int attempt = 0; !in_cgroup && !args.cgroup.empty(); ++attempt) {
    auto joined = internal::JoinCgroup(args.cgroup, pid);
    if (joined) break;
    if (attempt > 0 || joined.error().err_no() != ENOENT)
      return {InitStage::kCgroup, joined.error().err_no()};
    (void)internal::MakeCgroup(args.veid);
  }
  if (int err = WriteFull(sync_w, &kMapsWritten, 1)) return {InitStage::kAwaitIdMaps, err};
  return {InitStage::kReportInitRuns, 0};
}

// A launch that failed after the VE existed: the kernel took back what it
// held with the VE; the facets take back the rest (the host's routes).
void ReleaseAfterLaunch(const LaunchArgs& args) {
  auto ct = Container::Open(args.paths, args.veid);
  auto backend = SystemBackend::OnDevice(args.vzctl_fd);
  if (!ct || !backend) return;
  RunningVe ve{args.veid, *backend, args.cgroup, 0, std::nullopt};
  (void)ReleaseAfterStop(*ct, ve);
}

void CloseBoth(const int fds[2]) {
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace

StageReport LaunchInit(const LaunchArgs& args, pid_t* pid) {
  auto deadline = [] { return std::chrono::steady_clock::now() + kLaunchTimeout; };
  // The kernel lets the init-to-be create this VE, and only this one, once.
  if (int err = PrepareVe(args.vzctl_fd, args.veid)) return {InitStage::kPrepareVe, err};
  MarkStage("VE prepared");
  int sync[2], fail[2];
  if (::pipe2(sync, O_CLOEXEC) != 0) return {InitStage::kClone, errno};
  if (::pipe2(fail, O_CLOEXEC) != 0) {
    const int err = errno;
    CloseBoth(sync);
    return {InitStage::kClone, err};
  }
  // Its uptime counts from now, also after a reboot inside.
  auto own_clock = NewContainerClock();
  if (!own_clock) {
    CloseBoth(sync);
    CloseBoth(fail);
    return {InitStage::kClock, own_clock.error().err_no()};
  }
  const auto cloned = CloneIntoCgroup(args.cgroup, kNamespaces);
  *pid = cloned.pid;
  if (*pid == 0) {
    internal::RunInitChild({args.veid, args.vzctl_fd, sync[0], fail[1], !args.cgroup.empty(),
                            args.root, args.hostname, args.dns,
                            args.quota_dev ? args.quota_dev->name : std::string(),
                            args.quota_dev ? args.quota_dev->host : std::string(), args.dev_nodes});
  }
  int clone_err = errno;
  const int clock_err = RestoreOwnClock(*own_clock);
  ::close(sync[0]);
  ::close(fail[1]);
  StageReport f{InitStage::kClone, clone_err};
  if (*pid > 0) {
    MarkStage("init-to-be cloned");
    f = clock_err ? StageReport{InitStage::kClock, clock_err}
                  : PrepareChild(args, *pid, sync[1], cloned.in_cgroup);
    MarkStage(cloned.in_cgroup ? "ids mapped" : "ids mapped, cgroup joined");
    if (f.stage == InitStage::kReportInitRuns)
      f = ConfigureVe(args, *pid, sync[1], fail[0], deadline());
    ::close(sync[1]);
    if (f.stage == InitStage::kReportInitRuns)
      f = ReadReport(fail[0], InitStage::kExecInit, {InitStage::kReportInitRuns, 0}, deadline());
    MarkStage("init exec'd");
    if (f.stage != InitStage::kReportInitRuns) {
      ::kill(*pid, SIGKILL);
      ::waitpid(*pid, nullptr, 0);
      // Under the lock: vzctl start's, which waits for this launch, or the
      // monitor's own for a relaunch.
      ReleaseAfterLaunch(args);
    }
  } else {
    ::close(sync[1]);
  }
  ::close(fail[0]);
  return f;
}

Error StartError(const StageReport& f) {
  const std::string what = std::string("start: ") + internal::InitStageName(f.stage);
  const std::string detail(f.detail, ::strnlen(f.detail, sizeof(f.detail)));
  if (!detail.empty()) return Error(f.err_no, what + ": " + detail, f.kind);
  if (f.err_no == ETIMEDOUT)
    return Error(f.err_no, what + ": the container's init did not get there within " +
                               std::to_string(kLaunchTimeout.count()) + " s and was killed");
  if (f.stage == InitStage::kExecInit && f.err_no == ENOENT)
    return Error(f.err_no, what + ": no /sbin/init, /etc/init or /bin/init in the container",
                 ErrorKind::kBadTemplate);
  if (f.stage == InitStage::kCreateVe && f.err_no == EPERM)
    return Error(f.err_no,
                 what +
                     ": the kernel refuses a VE whose ids map the host's root"
                     " (the host allows it with sysctl kernel.ve_allow_host_root=1)",
                 ErrorKind::kEnvCreate);
  if (f.stage == InitStage::kCreateVe) return Error(f.err_no, what, ErrorKind::kEnvCreate);
  if (f.stage == InitStage::kDevNodes) return Error(f.err_no, what, ErrorKind::kSetDevices);
  return Error(f.err_no, what);
}

namespace {

// Forks the monitor (detached, through an intermediate child) and waits for
// its report on the first launch, at most kReportTimeout: a monitor that
// has not reported by then is killed, with every process of its session
// (init, unless it has made a session of its own).
Status ForkMonitor(const LaunchArgs& args) {
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return ErrnoError("pipe2");
  const auto deadline = std::chrono::steady_clock::now() + kReportTimeout;
  pid_t mid = internal::ForkRun([&] {
    ::setsid();
    auto monitors = internal::MakeMonitorCgroup();
    const auto monitor = CloneIntoCgroup(monitors ? *monitors : std::filesystem::path(), 0);
    if (monitor.pid == 0) RunMonitor(args, report[1], monitor.in_cgroup);
    return 0;
  });
  ::close(report[1]);
  if (mid > 0) internal::WaitExitCode(mid);
  StageReport f{};
  const ssize_t n = ReadFull(report[0], &f, sizeof(f), deadline);
  const int read_errno = errno;
  ::close(report[0]);
  if (mid < 0) return ErrnoError("fork(monitor)");
  if (n < 0 && read_errno == ETIMEDOUT) {
    // The session of `mid` (its id is the group's) outlives it.
    ::kill(-mid, SIGKILL);
    return MakeError(ETIMEDOUT, "start: the container's monitor did not report within " +
                                    std::to_string(kReportTimeout.count()) + " s and was killed");
  }
  if (n != sizeof(f)) return MakeError(EPIPE, "start: the container's monitor process died");
  ReplayStages({f.stages, ::strnlen(f.stages, sizeof(f.stages))}, "monitor");
  if (f.stage != InitStage::kReportInitRuns) return std::unexpected(StartError(f));
  return {};
}

}  // namespace

}  // namespace vz::internal

namespace vz {

Status StartContainer(Container& ct, std::vector<std::string>* warnings) {
  if (!ct.has_config())
    return KindError(ErrorKind::kNoVeConfig, "container " + std::to_string(ct.veid()) +
                                                 " is not configured: no " +
                                                 ct.paths().ct_conf(ct.veid()).string());
  std::vector<std::string> map_warnings;
  if (auto checked = CheckIdMap(ct, &map_warnings); !checked)
    return KindError(ErrorKind::kBadConfig,
                     ct.paths().ct_conf(ct.veid()).string() + ": " + checked.error().context(),
                     checked.error().err_no());
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  auto running = dev->Exists(ct.veid());
  if (!running) return std::unexpected(running.error());
  if (*running) return KindError(ErrorKind::kRunning, "container is already running");
  auto backend = internal::SystemBackend::OnDevice(dev->fd());
  if (!backend) return std::unexpected(backend.error());
  if (auto ok = internal::CheckBeforeStart(ct, *backend); !ok) return ok;
  MarkStage("checked (ids, not running, facets)");
  auto mounted = MountContainer(ct);
  if (!mounted && mounted.error().kind() != ErrorKind::kMounted) return mounted;
  MarkStage("mounted");
  auto args = internal::PrepareLaunch(ct, dev->fd());
  if (args && warnings) {
    *warnings = args->notes;
    warnings->insert(warnings->begin(), map_warnings.begin(), map_warnings.end());
  }
  MarkStage("launch prepared");
  auto started = args ? internal::ForkMonitor(*args) : Status(std::unexpected(args.error()));
  if (!started) (void)internal::RemoveDevNodeCopies(ct);
  if (!started && mounted) (void)UmountContainer(ct);
  MarkStage("monitor reported: init runs");
  return started;
}

}  // namespace vz
