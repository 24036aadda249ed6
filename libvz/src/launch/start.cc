// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/launch/start.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <ctime>
#include <optional>
#include <vector>

#include "core/id_check.h"
#include "core/timed_read.h"
#include "facet/facets.h"
#include "inside/run_inside.h"
#include "inside/ve_process.h"
#include "kernel/cgroup.h"
#include "kernel/system_backend.h"
#include "kernel/vzcalluser.h"
#include "kernel/vzdev.h"
#include "launch/init_child.h"
#include "launch/init_rlimits.h"
#include "launch/monitor_log.h"
#include "net/config.h"
#include "net/host.h"
#include "net/ip_in_use.h"
#include "net/netns.h"
#include "ubc/check.h"
#include "uts/facet.h"
#include "vz/core/lock.h"
#include "vz/fs/mount.h"
#include "vz/ubc/config.h"

namespace vz {

namespace {

using internal::InitFailure;
using internal::InitStage;

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

// What the monitor needs to (re)launch a container's init.
struct LaunchArgs {
  Paths paths;
  unsigned int veid;
  int vzctl_fd;
  IdMap map;
  std::filesystem::path cgroup;
  std::string root;
  std::string hostname;
  DnsSettings dns;  // nameservers expanded ("inherit" read on the host)
  NetConfig net;    // for the host's routes after init ended
  // What the VE gets from each facet before init runs (facet/facets.h).
  std::shared_ptr<const std::vector<std::unique_ptr<internal::FacetChange>>> facets;
  internal::Notes notes;  // about the settings, for vzctl start to print
};

int WriteProcFile(pid_t pid, const char* name, const std::string& text) {
  const std::string path = "/proc/" + std::to_string(pid) + "/" + name;
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return errno;
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = n == static_cast<ssize_t>(text.size()) ? 0 : (n < 0 ? errno : EIO);
  ::close(fd);
  return err;
}

int WriteIdMaps(pid_t pid, const IdMap& map) {
  auto line = [&](uint32_t base) {
    return "0 " + std::to_string(base) + " " + std::to_string(map.count) + "\n";
  };
  if (int err = WriteProcFile(pid, "uid_map", line(map.uid_base))) return err;
  return WriteProcFile(pid, "gid_map", line(map.gid_base));
}

// Reads one report of the child; `at_eof` when the pipe closed without one,
// a failure of `stage` when it cannot be read (ETIMEDOUT: not by
// `deadline`).
InitFailure ReadReport(int fd, InitStage stage, InitFailure at_eof, internal::Deadline deadline) {
  InitFailure f{InitStage::kStarted, 0};
  const ssize_t n = internal::ReadBefore(fd, &f, sizeof(f), deadline);
  if (n == 0) return at_eof;
  if (n != sizeof(f)) return {stage, n < 0 ? errno : EPROTO};
  return f;
}

InitFailure StageFailure(InitStage stage, const Error& e) {
  InitFailure f{stage, e.err_no(), e.kind()};
  e.context().copy(f.detail, sizeof(f.detail) - 1);
  return f;
}

// Once the child has created the VE (and with it the VE's beancounter):
// applies every facet's settings (resource limits, then network), then lets
// the child go on.
InitFailure ConfigureVe(const LaunchArgs& args, pid_t pid, int sync_w, int report_r,
                        internal::Deadline deadline) {
  // EOF: the child ended without a word (killed) before the VE existed.
  InitFailure f =
      ReadReport(report_r, InitStage::kVeReport, {InitStage::kVeReport, EPIPE}, deadline);
  if (f.stage != InitStage::kVeCreated) return f;
  auto backend = internal::SystemBackend::OnDevice(args.vzctl_fd);
  if (!backend) return StageFailure(InitStage::kNetwork, backend.error());
  internal::RunningVe ve{args.veid, *backend, args.cgroup, pid, std::nullopt};
  auto applied = internal::ApplyAll(*args.facets, ve);
  if (!applied) return StageFailure(InitStage::kNetwork, applied.error());
  if (::write(sync_w, "n", 1) != 1) return {InitStage::kNetworkDone, errno};
  return {InitStage::kStarted, 0};
}

// Host side of the launch, once the child exists: maps, cgroup, go.
InitFailure PrepareChild(const LaunchArgs& args, pid_t pid, int sync_w) {
  if (int err = WriteIdMaps(pid, args.map)) return {InitStage::kIdMaps, err};
  // The monitor of the previous run may remove the cgroup just now, once:
  // make it again then.
  for (int attempt = 0; !args.cgroup.empty(); ++attempt) {
    auto joined = internal::JoinCgroup(args.cgroup, pid);
    if (joined) break;
    if (attempt > 0 || joined.error().err_no() != ENOENT)
      return {InitStage::kCgroup, joined.error().err_no()};
    (void)internal::MakeCgroup(args.veid);
  }
  if (::write(sync_w, "g", 1) != 1) return {InitStage::kSync, errno};
  return {InitStage::kStarted, 0};
}

// Clones the container's init and waits until it execs /sbin/init or fails,
// each of its two reports at most kLaunchTimeout (else it is killed:
// ETIMEDOUT). On success *pid is init's pid (as seen on the host).
InitFailure LaunchInit(const LaunchArgs& args, pid_t* pid) {
  auto deadline = [] { return std::chrono::steady_clock::now() + kLaunchTimeout; };
  // The kernel lets the init-to-be create this VE, and only this one, once.
  if (::ioctl(args.vzctl_fd, uapi::kVePrepare, static_cast<unsigned long>(args.veid)) != 0)
    return {InitStage::kPrepareVe, errno};
  int sync[2], fail[2];
  if (::pipe2(sync, O_CLOEXEC) != 0 || ::pipe2(fail, O_CLOEXEC) != 0)
    return {InitStage::kClone, errno};
  *pid = static_cast<pid_t>(::syscall(SYS_clone, kNamespaces | SIGCHLD, 0, 0, 0, 0));
  if (*pid == 0) {
    internal::RunInitChild({args.veid, args.vzctl_fd, sync[0], fail[1], !args.cgroup.empty(),
                            args.root, args.hostname, args.dns});
  }
  int clone_err = errno;
  ::close(sync[0]);
  ::close(fail[1]);
  InitFailure f{InitStage::kClone, clone_err};
  if (*pid > 0) {
    f = PrepareChild(args, *pid, sync[1]);
    if (f.stage == InitStage::kStarted) f = ConfigureVe(args, *pid, sync[1], fail[0], deadline());
    ::close(sync[1]);
    if (f.stage == InitStage::kStarted)
      f = ReadReport(fail[0], InitStage::kExecInit, {InitStage::kStarted, 0}, deadline());
    if (f.stage != InitStage::kStarted) {
      ::kill(*pid, SIGKILL);
      ::waitpid(*pid, nullptr, 0);
      // Under the lock: vzctl start's, which waits for this launch, or the
      // monitor's own for a relaunch.
      (void)internal::CleanupHostNetwork(args.net.ips);
    }
  } else {
    ::close(sync[1]);
  }
  ::close(fail[0]);
  return f;
}

// Keeps only the descriptors the monitor needs, as 3 and 4; stdio to null.
void DetachMonitor(LaunchArgs* args, int* report_fd) {
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
  auto cgroup = internal::MakeMonitorCgroup();
  Status joined = cgroup ? Status() : Status(std::unexpected(cgroup.error()));
  if (joined && !cgroup->empty()) joined = internal::JoinCgroup(*cgroup, ::getpid());
  if (!joined)
    internal::MonitorLog(LOG_WARNING, args->veid,
                         "monitor stays in the cgroup of vzctl start: " + joined.error().message());
  // Init (cloned from here) starts with the limits of a boot, not with
  // the admin shell's; a failure leaves them as they are.
  (void)internal::ResetToBootRlimits();
  ::umask(022);
  (void)!::chdir("/");  // do not pin the admin's working directory
}

Result<LaunchArgs> PrepareLaunch(const Container& ct, int vzctl_fd) {
  auto map = ct.id_map();
  if (!map) return std::unexpected(map.error());
  auto root = ct.root();
  if (!root) return std::unexpected(root.error());
  auto net = ReadNetConfig(ct.config(), ct.veid());
  if (!net) return std::unexpected(net.error());
  auto uts = internal::ReadUtsAtStart(ct);
  if (!uts) return std::unexpected(uts.error());
  internal::Notes notes;
  auto facets = internal::StartChanges(ct, &notes);
  if (!facets) return std::unexpected(facets.error());
  auto cgroup = internal::MakeCgroup(ct.veid());
  if (!cgroup) return std::unexpected(cgroup.error());
  return LaunchArgs{
      ct.paths(),      ct.veid(),
      vzctl_fd,        *map,
      *cgroup,         root->string(),
      uts->hostname,   std::move(uts->dns),
      std::move(*net), std::make_shared<const decltype(facets)::value_type>(std::move(*facets)),
      std::move(notes)};
}

// After a reboot inside, the container starts again with its settings as
// they are now, under its lock (which the caller holds). Not when it
// reboots in a loop (5 times in a minute). The error says why not.
Status PrepareRelaunch(LaunchArgs* args, std::vector<time_t>* restarts) {
  const time_t now = ::time(nullptr);
  std::erase_if(*restarts, [&](time_t t) { return now - t > 60; });
  if (restarts->size() >= 5)
    return MakeError(0, "rebooted 5 times within a minute: not started again");
  restarts->push_back(now);
  auto ct = Container::Open(args->paths, args->veid);
  if (!ct) return std::unexpected(ct.error());
  // The settings may have changed since start: the map is checked again.
  if (auto checked = CheckIdMap(*ct, nullptr); !checked) return checked;
  auto fresh = PrepareLaunch(*ct, args->vzctl_fd);
  if (!fresh) return std::unexpected(fresh.error());
  *args = std::move(*fresh);
  return {};
}

// Once init ended: removes the host routes of its addresses under the
// container's lock, and returns the lock; nothing when a vzctl command holds
// it (that command cleans up or starts anew: net_host.h says why).
std::optional<CtLock> CleanupUnderLock(const LaunchArgs& args) {
  auto ct = Container::Open(args.paths, args.veid);
  if (!ct) return std::nullopt;
  return internal::CleanupAfterInit(ct->lock_dir(), args.veid, args.net.ips);
}

// Waits for init; true when it ended by reboot(2) inside (SIGHUP).
bool WaitForReboot(pid_t init) {
  int status = 0;
  while (::waitpid(init, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFSIGNALED(status) && WTERMSIG(status) == SIGHUP;
}

Error StartError(const InitFailure& f);

// The monitor: launches init, reports the first launch to `vzctl start`,
// relaunches after a reboot inside the container, removes the cgroup at
// the end.
[[noreturn]] void RunMonitor(LaunchArgs args, int report_fd) {
  DetachMonitor(&args, &report_fd);
  std::vector<time_t> restarts;
  pid_t init = -1;
  const unsigned int veid = args.veid;
  InitFailure f = LaunchInit(args, &init);
  // If vzctl start died before hearing that init runs, nobody knows the
  // container started: undo it rather than leave it half-owned.
  bool heard = ::write(report_fd, &f, sizeof(f)) == sizeof(f);
  ::close(report_fd);
  if (f.stage == InitStage::kStarted)
    internal::MonitorLog(LOG_INFO, veid, "init started (pid " + std::to_string(init) + ")");
  else
    internal::MonitorLog(LOG_ERR, veid, StartError(f).message());
  if (!heard && f.stage == InitStage::kStarted) {
    internal::MonitorLog(LOG_WARNING, veid, "vzctl start went away before init ran: stopping");
    ::kill(init, SIGKILL);
    ::waitpid(init, nullptr, 0);
    (void)CleanupUnderLock(args);
  }
  while (heard && f.stage == InitStage::kStarted) {
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
    if (!reboot) break;
    if (auto again = PrepareRelaunch(&args, &restarts); !again) {
      internal::MonitorLog(LOG_ERR, veid, "not restarted: " + again.error().message());
      break;
    }
    f = LaunchInit(args, &init);
    if (f.stage == InitStage::kStarted)
      internal::MonitorLog(LOG_INFO, veid, "init restarted (pid " + std::to_string(init) + ")");
    else
      internal::MonitorLog(LOG_ERR, veid, "restart failed: " + StartError(f).message());
  }
  internal::RemoveCgroup(args.cgroup);
  ::_exit(0);
}

Error StartError(const InitFailure& f) {
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
  return Error(f.err_no, what);
}

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
    if (::fork() == 0) RunMonitor(args, report[1]);
    return 0;
  });
  ::close(report[1]);
  if (mid > 0) internal::WaitExitCode(mid);
  InitFailure f{InitStage::kSync, EPIPE};
  const ssize_t n = internal::ReadBefore(report[0], &f, sizeof(f), deadline);
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
  if (f.stage != InitStage::kStarted) return std::unexpected(StartError(f));
  return {};
}

// The container's venet addresses must not be in use on the host or its
// LANs (ip_in_use.h). Checked before anything starts; a relaunch after a
// reboot inside does not check again: the addresses were the container's.
Status CheckStartIps(const NetConfig& net) {
  if (net.ips.empty()) return {};
  auto nl = internal::Netlink::Open();
  if (!nl) return std::unexpected(nl.error());
  return internal::CheckIpsFree(*nl, net.ips, !net.skip_arpdetect);
}

}  // namespace

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
  if (auto net = ReadNetConfig(ct.config(), ct.veid()); net) {
    if (auto free = CheckStartIps(*net); !free) return free;
  }
  auto mounted = MountContainer(ct);
  if (!mounted && mounted.error().kind() != ErrorKind::kMounted) return mounted;
  auto args = PrepareLaunch(ct, dev->fd());
  if (args && warnings) {
    *warnings = args->notes;
    warnings->insert(warnings->begin(), map_warnings.begin(), map_warnings.end());
  }
  auto started = args ? ForkMonitor(*args) : Status(std::unexpected(args.error()));
  if (!started && mounted) (void)UmountContainer(ct);
  return started;
}

}  // namespace vz
