// SPDX-License-Identifier: GPL-2.0-or-later
#include "serve.h"

#include <poll.h>
#include <signal.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>

namespace vzeventd {

namespace {

// Milliseconds until `deadline`, rounded up; -1 (no limit) without one.
int PollTimeout(std::optional<Clock::time_point> deadline) {
  if (!deadline) return -1;
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(*deadline - Clock::now());
  return static_cast<int>(std::clamp<long long>(left.count(), 0, INT_MAX));
}

// Reads the pending signals: true when one of them asks to stop.
bool StopRequested(int signal_fd) {
  signalfd_siginfo info;
  bool stop = false;
  while (::read(signal_fd, &info, sizeof(info)) == sizeof(info))
    if (info.ssi_signo != SIGCHLD) stop = true;
  return stop;
}

// Handles every event the socket holds: false when it cannot be read.
bool TakeEvents(vz::VeEvents& events, ScriptRunner& runner, std::ostream& log, bool verbose) {
  for (;;) {
    auto event = events.Next(Clock::now());
    if (!event && event.error().err_no() == ENOBUFS) {
      log << "vzeventd: " << event.error().message() << std::endl;
      continue;
    }
    if (!event) {
      log << "vzeventd: " << event.error().message() << std::endl;
      return false;
    }
    if (!*event) return true;
    if (verbose) log << "vzeventd: " << (*event)->action << " " << (*event)->veid << std::endl;
    runner.Run(**event);
  }
}

// Waits for the running scripts to end, killing those past their time.
void Drain(int signal_fd, ScriptRunner& runner) {
  while (runner.running() > 0) {
    pollfd fd = {signal_fd, POLLIN, 0};
    if (::poll(&fd, 1, PollTimeout(runner.NextDeadline())) < 0 && errno != EINTR) return;
    StopRequested(signal_fd);  // consume SIGCHLD (and repeated stop requests)
    runner.Tend(Clock::now());
  }
}

}  // namespace

int OpenSignals() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) sigaddset(&set, sig);
  if (::sigprocmask(SIG_BLOCK, &set, nullptr) != 0) return -1;
  return ::signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

int Serve(vz::VeEvents& events, int signal_fd, ScriptRunner& runner, std::ostream& log,
          bool verbose) {
  for (;;) {
    pollfd fds[] = {{events.fd(), POLLIN, 0}, {signal_fd, POLLIN, 0}};
    const int n = ::poll(fds, 2, PollTimeout(runner.NextDeadline()));
    if (n < 0 && errno != EINTR) {
      log << "vzeventd: poll: " << std::strerror(errno) << std::endl;
      return 1;
    }
    if (fds[1].revents && StopRequested(signal_fd)) {
      // Events that came before the signal still get their scripts.
      const bool ok = TakeEvents(events, runner, log, verbose);
      Drain(signal_fd, runner);
      return ok ? 0 : 1;
    }
    if (fds[0].revents && !TakeEvents(events, runner, log, verbose)) return 1;
    runner.Tend(Clock::now());
  }
}

}  // namespace vzeventd
