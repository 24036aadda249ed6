// SPDX-License-Identifier: GPL-2.0-or-later
// A child in a user and mount namespace of its own, as a container's init
// child is: its ids mapped by the parent ("0 BASE 65536") before it goes
// on, still the host's root until it drops to the container's.
#pragma once

#include <fcntl.h>
#include <sched.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "inside/ve_process.h"

namespace vztest {

// Whether such a child can be had here: root, and user namespaces.
inline bool CanRunInMappedUserNs() {
  return ::geteuid() == 0 && std::system("unshare -U -m true 2>/dev/null") == 0;
}

// Runs `steps` in such a child once its maps are written; its exit code
// (9: the namespaces or the maps could not be had), -1 when it could not
// be forked.
template <typename Fn>
int RunInMappedUserNs(uint32_t base, Fn steps) {
  int ready[2], go[2];
  if (::pipe2(ready, O_CLOEXEC) != 0) return -1;
  if (::pipe2(go, O_CLOEXEC) != 0) return -1;
  const pid_t pid = vz::internal::ForkRun([&] {
    if (::unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) return 9;
    char c = 'u';
    if (::write(ready[1], &c, 1) != 1 || ::read(go[0], &c, 1) != 1) return 9;
    return steps();
  });
  int code = -1;
  char c;
  if (pid > 0 && ::read(ready[0], &c, 1) == 1) {
    const std::string proc = "/proc/" + std::to_string(pid) + "/";
    for (const char* file : {"uid_map", "gid_map"}) {
      std::ofstream out(proc + file);
      out << "0 " << base << " 65536\n";
    }
    (void)!::write(go[1], "g", 1);
  }
  for (int fd : {ready[0], ready[1], go[0], go[1]}) ::close(fd);
  if (pid > 0) code = vz::internal::WaitExitCode(pid);
  return code;
}

}  // namespace vztest
