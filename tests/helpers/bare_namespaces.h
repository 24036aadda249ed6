// SPDX-License-Identifier: GPL-2.0-or-later
// The kernel's floor for a container, shared by lifecycle_bench (its time)
// and ns_hold (its memory): a child cloned with the six namespaces vzctl
// gives a container, its ids mapped as vzctl maps them.
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <sys/types.h>
#include <unistd.h>

#include <string>

namespace bare {

inline constexpr int kNamespaces =
    CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET;

inline bool WriteFile(const std::string& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  return ok;
}

// Maps 65536 ids from 100000 in the user namespace of child `pid`.
inline bool MapIds(pid_t pid) {
  const std::string proc = "/proc/" + std::to_string(pid);
  return WriteFile(proc + "/uid_map", "0 100000 65536\n") &&
         WriteFile(proc + "/gid_map", "0 100000 65536\n");
}

}  // namespace bare
