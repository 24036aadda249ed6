// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/init_child.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <string>
#include <vector>

#include "core/close_fds.h"
#include "core/unique_fd.h"
#include "dev/node_copy.h"
#include "inside/ve_process.h"
#include "kernel/ve_create.h"
#include "launch/handshake.h"
#include "launch/init_root.h"
#include "uts/inside.h"
#include "uts/resolv_write.h"

namespace vz::internal {

namespace {

[[noreturn]] void Fail(const InitChildArgs& args, InitStage stage, int err) {
  const StageReport failure{stage, err};
  (void)WriteFull(args.report_fd, &failure, sizeof(failure));
  ::_exit(1);
}

// Runs `ok` and fails the stage with errno when it is false.
void Check(const InitChildArgs& args, InitStage stage, bool ok) {
  if (!ok) Fail(args, stage, errno);
}

bool MountAt(const std::string& root, const char* dir, const char* type, unsigned long flags,
             const char* data, mode_t mode = 0755) {
  const std::string path = root + dir;
  ::mkdir(path.c_str(), mode);
  return ::mount(type, path.c_str(), type, flags, data) == 0;
}

// An empty file at `target`, to mount a node on.
bool MakeMountPoint(const std::string& target) {
  int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

// A bind mount of the host's device node `host` on /dev/<name>.
bool BindDevNode(const std::string& dev, const char* name, const std::string& host) {
  const std::string target = dev + "/" + name;
  return MakeMountPoint(target) &&
         ::mount(host.c_str(), target.c_str(), nullptr, MS_BIND, nullptr) == 0;
}

bool MakeDev(const std::string& root) {
  const std::string dev = root + "/dev";
  if (!MountAt(root, "/dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755,size=65536k")) return false;
  for (const char* node : kStandardNodes)
    if (!BindDevNode(dev, node, std::string("/dev/") + node)) return false;
  // Never the host's console: what init writes there goes nowhere.
  if (!BindDevNode(dev, "console", "/dev/null")) return false;
  const char* links[][2] = {{"/proc/self/fd", "fd"},
                            {"/proc/self/fd/0", "stdin"},
                            {"/proc/self/fd/1", "stdout"},
                            {"/proc/self/fd/2", "stderr"},
                            {"pts/ptmx", "ptmx"}};
  for (auto& link : links)
    if (::symlink(link[0], (dev + "/" + link[1]).c_str()) != 0) return false;
  return MountAt(root, "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC,
                 "newinstance,ptmxmode=0666,mode=0620") &&
         MountAt(root, "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", 01777);
}

// /dev/<name>, its directories made first (in the /dev just made: nothing
// of the container's is there yet); empty when they cannot be.
std::filesystem::path UnderDev(const std::string& root, const std::string& name) {
  const std::filesystem::path target = std::filesystem::path(root + "/dev") / name;
  std::error_code ec;
  std::filesystem::create_directories(target.parent_path(), ec);
  return ec ? std::filesystem::path() : target;
}

// The host's node `host` bound on /dev/<name>.
bool BindUnderDev(const std::string& root, const std::string& name, const std::string& host) {
  const auto target = UnderDev(root, name);
  return !target.empty() &&
         BindDevNode(target.parent_path().string(), target.filename().c_str(), host);
}

// The node quota tools name, for user and group quota inside, made nodev,
// so that it cannot be opened; quotactl() may still name its device.
bool BindQuotaDev(const std::string& root, const InitChildArgs& args) {
  if (!BindUnderDev(root, args.quota_dev_name, args.quota_dev_host)) return false;
  const std::string target = root + "/dev/" + args.quota_dev_name;
  return ::mount(nullptr, target.c_str(), nullptr,
                 MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NODEV | MS_NOSUID | MS_NOEXEC, nullptr) == 0;
}

// DEVNODES: the host's copies of the nodes (dev/node_copy.h), opened while
// our fsuid is still the host's root, the only one that may walk their
// directory.
std::vector<UniqueFd> OpenDevNodes(const InitChildArgs& args) {
  std::vector<UniqueFd> nodes;
  for (const auto& node : args.dev_nodes) {
    auto fd = OpenNodeCopy(node.copy, node.dev);
    if (!fd) Fail(args, InitStage::kDevNodes, fd.error().err_no());
    nodes.push_back(std::move(*fd));
  }
  return nodes;
}

// The detached mount `tree` attached on /dev/<name>.
bool AttachUnderDev(const std::string& root, const std::string& name, int tree) {
  const auto target = UnderDev(root, name);
  return !target.empty() && MakeMountPoint(target) &&
         ::move_mount(tree, "", AT_FDCWD, target.c_str(), MOVE_MOUNT_F_EMPTY_PATH) == 0;
}

// DEVNODES, once /dev is made: each copy OpenDevNodes opened bound on its
// /dev/<name>, by a clone of its mount; the monitor gave the VE their
// access before we were let go on.
void BindDevNodes(const std::string& root, const InitChildArgs& args, std::vector<UniqueFd> nodes) {
  for (size_t i = 0; i < nodes.size(); ++i) {
    const DevNodeBind& node = args.dev_nodes[i];
    auto tree = CloneNodeMount(nodes[i].get(), node.copy);
    if (!tree) Fail(args, InitStage::kDevNodes, tree.error().err_no());
    Check(args, InitStage::kDevNodes, AttachUnderDev(root, node.name, tree->get()));
  }
}

bool PivotInto(const std::string& root) {
  return ::chdir(root.c_str()) == 0 && ::syscall(SYS_pivot_root, ".", ".") == 0 &&
         ::umount2(".", MNT_DETACH) == 0 && ::chdir("/") == 0;
}

// HOSTNAME, set after pivot_root as vzctl set sets it (uts/inside.h): the
// kernel's name, and /etc/hostname in step with it, which is not fatal when
// it cannot be written. Without HOSTNAME, "localhost": not the host's name,
// which the new uts namespace starts with.
void SetHostname(const InitChildArgs& args) {
  if (args.hostname.empty()) {
    Check(args, InitStage::kHostname, ::sethostname("localhost", 9) == 0);
    return;
  }
  if (SetHostnameInside(args.hostname) == kHostnameNotSet) Fail(args, InitStage::kHostname, errno);
}

// Waits for the parent's next go-ahead on the sync pipe (kMapsWritten,
// kNetworkReady); EOF fails `stage` with EPIPE: the parent died or gave up.
void AwaitParent(const InitChildArgs& args, InitStage stage) {
  char go;
  const ssize_t n = ReadFull(args.sync_fd, &go, 1);
  if (n == 0) Fail(args, stage, EPIPE);
  Check(args, stage, n == 1);
}

// Tells the parent that the VE exists and waits until its network is
// configured. A parent that gives up kills us; EOF means it died.
void AwaitNetwork(const InitChildArgs& args) {
  const StageReport created{InitStage::kReportVeCreated, 0};
  if (int err = WriteFull(args.report_fd, &created, sizeof(created)))
    Fail(args, InitStage::kAwaitVeCreated, err);
  AwaitParent(args, InitStage::kAwaitNetwork);
  ::close(args.sync_fd);
}

void WriteDns(const InitChildArgs& args) {
  if (args.dns.empty()) return;
  if (int err = WriteResolvConf(args.dns)) Fail(args, InitStage::kResolvConf, err);
}

void StdioToNull() {
  int fd = ::open("/dev/null", O_RDWR);
  if (fd < 0) return;
  for (int i = 0; i < 3; ++i) ::dup2(fd, i);
  if (fd > 2) ::close(fd);
}

[[noreturn]] void ExecInit(const InitChildArgs& args) {
  for (const char* init : {"/sbin/init", "/etc/init", "/bin/init"}) {
    if (::access(init, X_OK) != 0) continue;
    ExecClean({init});
    Fail(args, InitStage::kExecInit, errno);
  }
  Fail(args, InitStage::kExecInit, ENOENT);
}

}  // namespace

// Init starts as a fresh process would: default signal handling, nothing
// blocked (the monitor that cloned it ignores SIGPIPE, for one).
void ResetSignals() {
  for (int sig = 1; sig < NSIG; ++sig) ::signal(sig, SIG_DFL);
  sigset_t none;
  ::sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
}

void RunInitChild(const InitChildArgs& args) {
  ResetSignals();
  // Nothing the monitor holds stays open here: not the container's lock
  // during a relaunch, nor vzctl start's report pipe.
  if (int err = CloseAllBut({args.vzctl_fd, args.sync_fd, args.report_fd}))
    Fail(args, InitStage::kAwaitIdMaps, err);
  AwaitParent(args, InitStage::kAwaitIdMaps);
  // While our fsuid is still the host's root, which alone may walk
  // VE_ROOT's parent; from here on, everything is relative to it.
  const int root_fd = OpenRootDir(args.root);
  Check(args, InitStage::kOpenRoot, root_fd >= 0);
  std::vector<UniqueFd> dev_nodes = OpenDevNodes(args);
  if (int err = BecomeContainerRoot()) Fail(args, InitStage::kCredentials, err);
  if (args.cgroup_ns) Check(args, InitStage::kCgroupNs, ::unshare(CLONE_NEWCGROUP) == 0);
  if (int err = CreateOwnVe(args.vzctl_fd, args.veid)) Fail(args, InitStage::kCreateVe, err);
  ::close(args.vzctl_fd);
  AwaitNetwork(args);
  Check(args, InitStage::kMountPrivate,
        ::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) == 0);
  // Mounts inherited from the host are locked in our user namespace, and
  // pivot_root refuses a locked new root: bind the root again, from here,
  // and go into it; the mounts below are made relative to it.
  if (int err = EnterRootMount(root_fd)) Fail(args, InitStage::kMountPrivate, err);
  ::close(root_fd);
  const std::string here = ".";
  Check(args, InitStage::kMountProc,
        MountAt(here, "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr));
  Check(args, InitStage::kMountSys,
        MountAt(here, "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, nullptr));
  Check(args, InitStage::kMountDev, MakeDev(here));
  if (!args.quota_dev_name.empty()) Check(args, InitStage::kMountDev, BindQuotaDev(here, args));
  BindDevNodes(here, args, std::move(dev_nodes));
  Check(args, InitStage::kPivotRoot, PivotInto(here));
  SetHostname(args);
  WriteDns(args);
  StdioToNull();
  ExecInit(args);
}

}  // namespace vz::internal
