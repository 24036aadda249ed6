// SPDX-License-Identifier: LGPL-2.1-or-later
#include "inside/terminal_relay.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

namespace vz::internal {

namespace {

// Whether this process may read fd 0 without being stopped by SIGTTIN.
bool InForeground() { return ::tcgetpgrp(0) == ::getpgrp(); }

}  // namespace

bool CopyOnce(int from, int to) {
  char buf[4096];
  ssize_t n;
  do n = ::read(from, buf, sizeof(buf));
  while (n < 0 && errno == EINTR);
  if (n <= 0) return false;
  for (ssize_t off = 0; off < n;) {
    const ssize_t w = ::write(to, buf + off, n - off);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    off += w;
  }
  return true;
}

Status TerminalRelay::Open() {
  for (int i = 0; i < 3; ++i) {
    if (!::isatty(i)) continue;
    if (i == 0 && !InForeground()) {
      null_stdin_ = true;
      continue;
    }
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) return ErrnoError("pipe2");
    // Standard input: the child reads fds[0]. Output: the child writes fds[1].
    child_[i] = UniqueFd(i == 0 ? fds[0] : fds[1]);
    parent_[i] = UniqueFd(i == 0 ? fds[1] : fds[0]);
  }
  return {};
}

int TerminalRelay::AttachChild() {
  if (null_stdin_) {
    const int null = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (null < 0 || ::dup2(null, 0) < 0) return errno;
    ::close(null);
  }
  for (int i = 0; i < 3; ++i) {
    if (child_[i].get() >= 0 && ::dup2(child_[i].get(), i) < 0) return errno;
  }
  for (int i = 0; i < 3; ++i) {
    child_[i] = UniqueFd(-1);
    parent_[i] = UniqueFd(-1);
  }
  return 0;
}

void TerminalRelay::Run(int done_fd) {
  for (auto& fd : child_) fd = UniqueFd(-1);
  // A program that closed its standard input must not kill vzctl with
  // SIGPIPE: a failed write ends that stream only.
  struct sigaction ignore {
  }, saved{};
  ignore.sa_handler = SIG_IGN;
  ::sigaction(SIGPIPE, &ignore, &saved);
  Pump(done_fd);
  Drain();
  ::sigaction(SIGPIPE, &saved, nullptr);
  for (auto& fd : parent_) fd = UniqueFd(-1);
}

// Copies until the child ends: fd 0 to the input pipe, the output pipes to
// fds 1 and 2.
void TerminalRelay::Pump(int done_fd) {
  for (;;) {
    pollfd fds[4] = {{done_fd, POLLIN, 0},
                     {parent_[0].get() >= 0 ? 0 : -1, POLLIN, 0},
                     {parent_[1].get(), POLLIN, 0},
                     {parent_[2].get(), POLLIN, 0}};
    if (::poll(fds, 4, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents) return;
    if (fds[1].revents && !CopyOnce(0, parent_[0].get())) parent_[0] = UniqueFd(-1);
    for (int i = 1; i < 3; ++i) {
      if (fds[i + 1].revents && !CopyOnce(parent_[i].get(), i)) parent_[i] = UniqueFd(-1);
    }
  }
}

// The child has ended: what its output pipes still hold, without waiting
// for a process it left behind that holds them too.
void TerminalRelay::Drain() {
  for (int i = 1; i < 3; ++i) {
    if (parent_[i].get() < 0) continue;
    ::fcntl(parent_[i].get(), F_SETFL, O_NONBLOCK);
    while (CopyOnce(parent_[i].get(), i)) {
    }
  }
}

}  // namespace vz::internal
