// SPDX-License-Identifier: LGPL-2.1-or-later
#include "cgroup.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <string>

namespace vz::internal {

namespace {

constexpr const char* kCgroupRoot = "/sys/fs/cgroup";

Status WriteString(const std::filesystem::path& file, const std::string& text) {
  int fd = ::open(file.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("open(" + file.string() + ")");
  ssize_t n = ::write(fd, text.data(), text.size());
  int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size())) return MakeError(err, "write(" + file.string() + ")");
  return {};
}

Status MakeDir(const std::filesystem::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0 || errno == EEXIST) return {};
  return ErrnoError("mkdir(" + dir.string() + ")");
}

}  // namespace

Result<std::filesystem::path> MakeCgroup(unsigned int veid) {
  const std::filesystem::path root(kCgroupRoot);
  if (::access((root / "cgroup.controllers").c_str(), F_OK) != 0) return std::filesystem::path();
  const auto parent = root / "vz", dir = parent / std::to_string(veid);
  if (auto made = MakeDir(parent); !made) return std::unexpected(made.error());
  // Controllers for the containers; hosts that lack one still start them.
  (void)WriteString(root / "cgroup.subtree_control", "+memory +pids +cpu");
  (void)WriteString(parent / "cgroup.subtree_control", "+memory +pids +cpu");
  if (auto made = MakeDir(dir); !made) return std::unexpected(made.error());
  return dir;
}

Status JoinCgroup(const std::filesystem::path& cgroup, pid_t pid) {
  return WriteString(cgroup / "cgroup.procs", std::to_string(pid));
}

void RemoveCgroup(const std::filesystem::path& cgroup) {
  if (!cgroup.empty()) ::rmdir(cgroup.c_str());
}

}  // namespace vz::internal
