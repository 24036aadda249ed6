// SPDX-License-Identifier: GPL-2.0-or-later
// ns_hold N: the bare namespace set that density_bench.sh compares VEs
// with. Makes N processes, each pid 1 of the six namespaces vzctl gives a
// container (user with a 65536-id map, pid, mount, uts, ipc, net) and
// asleep; prints "held N" once they all are, and holds them until its
// standard input ends; then kills and reaps them. Exits 1 when it cannot
// make them all (what it made is still released).
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "bare_namespaces.h"

namespace {

// One sleeping pid 1 in namespaces of its own, its ids mapped; its pid or -1.
pid_t HoldOne() {
  const pid_t pid = static_cast<pid_t>(
      ::syscall(SYS_clone, bare::kNamespaces | SIGCHLD, nullptr, nullptr, nullptr, 0));
  if (pid == 0) {
    for (;;) ::pause();
  }
  if (pid < 0) return -1;
  if (!bare::MapIds(pid)) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
    return -1;
  }
  return pid;
}

}  // namespace

int main(int argc, char** argv) {
  const long n = argc == 2 ? std::strtol(argv[1], nullptr, 10) : 0;
  if (n <= 0) {
    std::fprintf(stderr, "usage: ns_hold N\n");
    return 2;
  }
  std::vector<pid_t> held;
  while (static_cast<long>(held.size()) < n) {
    const pid_t pid = HoldOne();
    if (pid < 0) break;
    held.push_back(pid);
  }
  std::printf("held %zu\n", held.size());
  std::fflush(stdout);
  char c;
  while (::read(0, &c, 1) > 0) {
  }
  for (pid_t pid : held) ::kill(pid, SIGKILL);
  for (pid_t pid : held) ::waitpid(pid, nullptr, 0);
  return static_cast<long>(held.size()) == n ? 0 : 1;
}
