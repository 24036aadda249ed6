// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/cgroup.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <string>

#include "core/unique_fd.h"

namespace vz::internal {

namespace {

constexpr const char* kCgroupRoot = "/sys/fs/cgroup";

Status MakeDir(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return {};
  return ErrnoError("mkdir(" + dir.string() + ")");
}

}  // namespace

Status WriteCgroupFile(const std::filesystem::path& file, const std::string& text) {
  // O_TRUNC as a shell's "echo > file" does: control files ignore it.
  int fd = ::open(file.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd < 0) return ErrnoError("open(" + file.string() + ")");
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size())) return MakeError(err, "write(" + file.string() + ")");
  return {};
}

std::filesystem::path CgroupPath(unsigned int veid) {
  const std::filesystem::path root(kCgroupRoot);
  if (::access((root / "cgroup.controllers").c_str(), F_OK) != 0) return {};
  return root / "vz" / std::to_string(veid);
}

Result<std::filesystem::path> MakeCgroup(unsigned int veid) {
  const std::filesystem::path root(kCgroupRoot), dir = CgroupPath(veid);
  if (dir.empty()) return dir;
  const auto parent = dir.parent_path();
  if (auto made = MakeDir(parent); !made) return std::unexpected(made.error());
  // Controllers for the containers, one by one: hosts that lack one still
  // start them.
  for (const char* controller : {"+memory", "+pids", "+cpu", "+cpuset", "+io"}) {
    (void)WriteCgroupFile(root / "cgroup.subtree_control", controller);
    (void)WriteCgroupFile(parent / "cgroup.subtree_control", controller);
  }
  if (auto made = MakeDir(dir); !made) return std::unexpected(made.error());
  return dir;
}

std::filesystem::path MonitorCgroupPath() {
  return std::filesystem::path(kCgroupRoot) / "vz" / "monitor";
}

Result<std::filesystem::path> MakeMonitorCgroup() {
  const std::filesystem::path root(kCgroupRoot);
  if (::access((root / "cgroup.controllers").c_str(), F_OK) != 0) return std::filesystem::path();
  const auto dir = MonitorCgroupPath();
  if (auto made = MakeDir(dir.parent_path()); !made) return std::unexpected(made.error());
  if (auto made = MakeDir(dir); !made) return std::unexpected(made.error());
  return dir;
}

Status JoinCgroup(const std::filesystem::path& cgroup, pid_t pid) {
  return WriteCgroupFile(cgroup / "cgroup.procs", std::to_string(pid));
}

Cloned CloneIntoCgroup(const std::filesystem::path& cgroup, unsigned long ns_flags) {
  if (!cgroup.empty()) {
    UniqueFd dir(::open(cgroup.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    clone_args args{};
    args.flags = ns_flags | CLONE_INTO_CGROUP;
    args.exit_signal = SIGCHLD;
    args.cgroup = static_cast<__u64>(dir.get());
    const long pid = dir.get() >= 0 ? ::syscall(SYS_clone3, &args, sizeof(args)) : -1;
    if (pid >= 0) return {static_cast<pid_t>(pid), true};
  }
  return {static_cast<pid_t>(::syscall(SYS_clone, ns_flags | SIGCHLD, 0, 0, 0, 0)), false};
}

void RemoveCgroup(const std::filesystem::path& cgroup) {
  if (!cgroup.empty()) ::rmdir(cgroup.c_str());
}

}  // namespace vz::internal
