// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/monitor.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "core/stage_record.h"
#include "facet/facets.h"
#include "kernel/cgroup.h"
#include "kernel/system_backend.h"
#include "launch/handshake.h"
#include "launch/init_rlimits.h"
#include "launch/monitor_log.h"
#include "launch/start.h"
#include "vz/core/lock.h"
#include "vz/core/stages.h"
#include "vz/fs/mount.h"

namespace vz::internal {

std::optional<CtLock> ReleaseUnderLock(const Container& ct, Backend& backend) {
  auto lock = CtLock::Acquire(ct.lock_dir(), ct.veid());
  if (!lock) return std::nullopt;
  RunningVe ve{ct.veid(), backend, {}, 0, std::nullopt};
  (void)ReleaseAfterStop(ct, ve);
  return std::move(*lock);
}

namespace {

// Keeps only the descriptors the monitor needs, as 3 and 4; stdio to null.
void DetachMonitor(LaunchArgs* args, int* report_fd, bool in_cgroup) {
  // Through numbers above 4 first, so that neither overwrites the other.
  int report = ::fcntl(*report_fd, F_DUPFD_CLOEXEC, 5);
  int vzctl = ::fcntl(args->vzctl_fd, F_DUPFD_CLOEXEC, 5);
  if (report < 0 || vzctl < 0 || ::dup3(report, 3, O_CLOEXEC) < 0 ||
      ::dup3(vzctl, 4, O_CLOEXEC) < 0)
    ::_exit(1);  // vzctl start sees the report pipe close and says so
  *report_fd = 3;
  args->vzctl_fd = 4;
  ::close_range(5, ~0U, 0);
  int null = ::open("/dev/null", O_RDWR);
  for (int i = 0; i < 3; ++i) ::dup2(null, i);
  if (null > 4) ::close(null);
  ::prctl(PR_SET_NAME, ("vzmon-" + std::to_string(args->veid)).c_str());
  ::signal(SIGPIPE, SIG_IGN);
  // Out of the admin's session: a logind or systemd that ends that session
  // must not end the monitor, and with it reboot handling and cleanup.
  MarkStage("descriptors kept, stdio to null");
  auto cgroup = internal::MakeMonitorCgroup();
  Status joined = cgroup ? Status() : Status(std::unexpected(cgroup.error()));
  if (joined && !cgroup->empty() && !in_cgroup) joined = internal::JoinCgroup(*cgroup, ::getpid());
  MarkStage(in_cgroup ? "born in the monitor cgroup" : "monitor cgroup joined");
  if (!joined)
    internal::MonitorLog(LOG_WARNING, args->veid,
                         "monitor stays in the cgroup of vzctl start: " + joined.error().message());
  // Init (cloned from here) starts with the limits of a boot, not with
  // the admin shell's; a failure leaves them as they are.
  (void)internal::ResetToBootRlimits();
  ::umask(022);
  (void)!::chdir("/");  // do not pin the admin's working directory
}

std::optional<CtLock> CleanupUnderLock(const LaunchArgs& args) {
  auto ct = Container::Open(args.paths, args.veid);
  auto backend = SystemBackend::OnDevice(args.vzctl_fd);
  if (!ct || !backend) return std::nullopt;
  return ReleaseUnderLock(*ct, *backend);
}

// A container that ended and does not start again is unmounted, as vzctl
// stop would (the caller holds the lock): else its private area stays
// mounted, and destroy cannot remove it.
void UnmountAfterEnd(const LaunchArgs& args) {
  auto ct = Container::Open(args.paths, args.veid);
  if (!ct) return;
  auto umounted = UmountContainer(*ct);
  if (!umounted && umounted.error().kind() != ErrorKind::kNotMounted)
    internal::MonitorLog(LOG_WARNING, args.veid, "left mounted: " + umounted.error().message());
}

// Waits for init; true when it ended by reboot(2) inside (SIGHUP).
bool WaitForReboot(pid_t init) {
  int status = 0;
  while (::waitpid(init, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP;
}

}  // namespace

// The monitor: launches init, reports the first launch to `vzctl start`,
// relaunches after a reboot inside the container, removes the cgroup at
// the end.
void RunMonitor(LaunchArgs args, int report_fd, bool in_cgroup) {
  const bool traced = RecordStages();
  DetachMonitor(&args, &report_fd, in_cgroup);
  MarkStage("detached (limits, umask, cwd)");
  std::vector<time_t> restarts;
  pid_t init = -1;
  const unsigned int veid = args.veid;
  StageReport f = LaunchInit(args, &init);
  if (traced) {
    CopyRecordedStages(f.stages, sizeof(f.stages));
    SetStageSink(nullptr);
  }
  // If vzctl start died before hearing that init runs, nobody knows the
  // container started: undo it rather than leave it half-owned.
  bool heard = WriteFull(report_fd, &f, sizeof(f)) == 0;
  ::close(report_fd);
  if (f.stage == InitStage::kReportInitRuns)
    internal::MonitorLog(LOG_INFO, veid, "init started (pid " + std::to_string(init) + ")");
  else
    internal::MonitorLog(LOG_ERR, veid, StartError(f).message());
  if (!heard && f.stage == InitStage::kReportInitRuns) {
    internal::MonitorLog(LOG_WARNING, veid, "vzctl start went away before init ran: stopping");
    ::kill(init, SIGKILL);
    ::waitpid(init, nullptr, 0);
    (void)CleanupUnderLock(args);
  }
  while (heard && f.stage == InitStage::kReportInitRuns) {
    const bool reboot = WaitForReboot(init);
    internal::MonitorLog(LOG_INFO, veid, reboot ? "rebooted inside" : "init ended: stopped");
    // The kernel forgot the VE's addresses with the VE; the host's routes
    // to them are ours to remove, under the lock. A relaunch keeps the lock
    // until init runs: a vzctl stop that holds it instead wins.
    auto lock = CleanupUnderLock(args);
    if (!lock) {
      internal::MonitorLog(LOG_INFO, veid,
                           "a vzctl command holds the lock: cleanup and restart left to it");
      break;
    }
    if (!reboot) {
      UnmountAfterEnd(args);
      break;
    }
    if (auto again = PrepareRelaunch(&args, &restarts); !again) {
      internal::MonitorLog(LOG_ERR, veid, "not restarted: " + again.error().message());
      UnmountAfterEnd(args);
      break;
    }
    f = LaunchInit(args, &init);
    if (f.stage == InitStage::kReportInitRuns) {
      internal::MonitorLog(LOG_INFO, veid, "init restarted (pid " + std::to_string(init) + ")");
    } else {
      internal::MonitorLog(LOG_ERR, veid, "restart failed: " + StartError(f).message());
      UnmountAfterEnd(args);
    }
  }
  internal::RemoveCgroup(args.cgroup);
  ::_exit(0);
}

}  // namespace vz::internal
