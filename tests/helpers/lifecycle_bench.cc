// SPDX-License-Identifier: GPL-2.0-or-later
//
// lifecycle_bench: what a container's start, stop, status, exec, create and
// destroy cost, each as a ratio to the kernel's floor for the same work,
// measured in one run. tests/guest/lifecycle_bench.sh runs it in the guest.
//
//   lifecycle_bench CTID SPARE_CTID ROUNDS [CRUN_BUNDLE]
//     CTID exists and is stopped; SPARE_CTID does not exist. Prints one line
//     per operation on stderr: "BENCH lifecycle NAME: median=Xms
//     floor_ratio=Y [crun_ratio=W] busy=Zms", where busy is the CPU time
//     (all CPUs, from /proc/stat) the operation kept the machine busy, the
//     rest being waiting. With an OCI bundle whose process exits at once,
//     "crun run" of it (create, start, wait, delete) is measured too, and
//     the container operations get their ratio to it. SPARE_CTID serves
//     create+destroy in both layouts and start+stop of an overlay
//     container. Exits non-zero only when an operation fails.
//
// The floor is what the kernel needs at the least for a container's life:
// clone with the six namespaces vzctl uses, write the id maps, exec
// /bin/true as pid 1, and reap it.
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "bare_namespaces.h"

namespace {

using Clock = std::chrono::steady_clock;

bool Floor() {
  int go[2];
  if (::pipe2(go, O_CLOEXEC) != 0) return false;
  const pid_t pid = static_cast<pid_t>(
      ::syscall(SYS_clone, bare::kNamespaces | SIGCHLD, nullptr, nullptr, nullptr, 0));
  if (pid == 0) {
    char c;
    if (::read(go[0], &c, 1) != 1) ::_exit(126);
    ::execl("/bin/true", "true", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(go[0]);
  const bool mapped = pid > 0 && bare::MapIds(pid);
  const bool went = ::write(go[1], "g", 1) == 1;
  ::close(go[1]);
  int status = 0;
  return pid > 0 && ::waitpid(pid, &status, 0) == pid && mapped && went && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
}

// Runs a command with its output thrown away, its errors not; true when it
// exits 0.
bool Run(const std::vector<std::string>& argv) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  int status = 0;
  return pid > 0 && ::waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
         WEXITSTATUS(status) == 0;
}

// CPU time the machine spent busy so far (every CPU), in milliseconds.
double BusyMs() {
  std::ifstream stat("/proc/stat");
  std::string cpu;
  unsigned long long v[8] = {};
  stat >> cpu >> v[0] >> v[1] >> v[2] >> v[3] >> v[4] >> v[5] >> v[6] >> v[7];
  const unsigned long long busy = v[0] + v[1] + v[2] + v[5] + v[6] + v[7];  // not idle, iowait
  return 1000.0 * static_cast<double>(busy) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

struct Measure {
  double median_ms = 0;
  double busy_ms = 0;
};

// Runs `op` `rounds` times, with `between` (not measured) after each.
Measure Time(const char* name, int rounds, const std::function<bool()>& op,
             const std::function<bool()>& between) {
  std::vector<double> ms;
  double busy = 0;
  for (int i = 0; i < rounds; ++i) {
    const double busy0 = BusyMs();
    const auto t0 = Clock::now();
    const bool ok = op();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    busy += BusyMs() - busy0;
    if (!ok || (between && !between())) {
      std::fprintf(stderr, "lifecycle_bench: %s failed in round %d\n", name, i + 1);
      std::exit(1);
    }
  }
  std::sort(ms.begin(), ms.end());
  return {ms[ms.size() / 2], busy / rounds};
}

std::function<bool()> Vzctl(std::vector<std::string> args) {
  args.insert(args.begin(), "vzctl");
  return [args] { return Run(args); };
}

std::function<bool()> Both(std::function<bool()> a, std::function<bool()> b) {
  return [a, b] { return a() && b(); };
}

struct Baselines {
  Measure floor;
  std::optional<Measure> crun;
};

void Print(const char* name, const Measure& m, const Baselines& base, const char* target) {
  char crun[48] = "";
  if (base.crun)
    std::snprintf(crun, sizeof(crun), " crun_ratio=%.2f", m.median_ms / base.crun->median_ms);
  std::fprintf(stderr, "BENCH lifecycle %s: median=%.2fms floor_ratio=%.1f%s busy=%.1fms%s%s\n",
               name, m.median_ms, m.median_ms / base.floor.median_ms, crun, m.busy_ms,
               *target ? " " : "", target);
}

// The spare container's create+destroy and, in the overlay layout,
// start+stop.
bool SpareOperations(const std::string& spare, int rounds, const Baselines& base) {
  const auto create = Vzctl({"create", spare, "--ostemplate", "busybox-minimal"});
  const auto create_overlay =
      Vzctl({"create", spare, "--ostemplate", "busybox-minimal", "--layout", "overlay"});
  const auto destroy = Vzctl({"destroy", spare});
  Print("create+destroy", Time("create+destroy", rounds, Both(create, destroy), nullptr), base, "");
  // The template's shared tree is unpacked by the first overlay create.
  if (!create_overlay() || !destroy()) return false;
  Print("create+destroy overlay",
        Time("create+destroy overlay", rounds, Both(create_overlay, destroy), nullptr), base,
        "(target: 20ms)");
  if (!create_overlay()) return false;
  Print("start+stop --fast overlay",
        Time("start+stop --fast overlay", rounds,
             Both(Vzctl({"start", spare}), Vzctl({"stop", spare, "--fast"})), nullptr),
        base, "(target: 5x)");
  return destroy();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::fprintf(stderr, "usage: lifecycle_bench CTID SPARE_CTID ROUNDS [CRUN_BUNDLE]\n");
    return 2;
  }
  const std::string ct = argv[1], spare = argv[2];
  const int rounds = std::atoi(argv[3]);
  const auto start = Vzctl({"start", ct}), stop_fast = Vzctl({"stop", ct, "--fast"});
  Baselines base{Time("floor", rounds, Floor, nullptr), std::nullopt};
  Print("floor", base.floor, base, "");
  if (argc == 5) {
    const std::vector<std::string> crun = {"crun", "run", "--bundle", argv[4], "lifecycle-bench"};
    base.crun = Time(
        "crun run", rounds, [crun] { return Run(crun); }, nullptr);
    Print("crun run", *base.crun, base, "(create, start, wait, delete)");
  }
  Print("start+stop --fast", Time("start+stop --fast", rounds, Both(start, stop_fast), nullptr),
        base, "(target: 5x, below crun)");
  // The two halves apart, the other one run between rounds.
  Print("start", Time("start", rounds, start, stop_fast), base, "");
  if (!start()) return 1;
  Print("stop --fast", Time("stop --fast", rounds, stop_fast, start), base, "");
  if (!stop_fast()) return 1;
  // A halt takes as long as the container's own init makes it (busybox
  // init's takes seconds): fewer rounds.
  const int halts = std::max(3, rounds / 4);
  Print("start+stop", Time("start+stop", halts, Both(start, Vzctl({"stop", ct})), nullptr), base,
        "(the init's own halt included)");
  if (!start()) return 1;
  Print("status", Time("status", rounds, Vzctl({"status", ct}), nullptr), base, "(target: 1ms)");
  Print("exec2 true", Time("exec2", rounds, Vzctl({"exec2", ct, "true"}), nullptr), base, "");
  if (!stop_fast()) return 1;
  return SpareOperations(spare, rounds, base) ? 0 : 1;
}
