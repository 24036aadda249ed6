// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/inside/enter.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "inside/run_inside.h"
#include "inside/terminal_relay.h"
#include "inside/ve_process.h"
#include "kernel/vzdev.h"

namespace vz {

namespace {

// The login shell on the pty slave: a session of its own with the pty as
// its controlling terminal, and OpenVZ's environment.
// Input comes from `input` when it is not the pty (scripted use, where the
// end of the caller's input must end the shell).
[[noreturn]] void RunShell(int slave, int input, const std::string& term) {
  ::setsid();
  ::ioctl(slave, TIOCSCTTY, 0);
  ::dup2(input, 0);
  ::dup2(slave, 1);
  ::dup2(slave, 2);
  if (slave > 2) ::close(slave);
  if (input > 2) ::close(input);
  ::chdir("/root") == 0 || ::chdir("/");
  const std::vector<std::string> env = {"TERM=" + term, "HISTFILE=/dev/null", "USER=root",
                                        "HOME=/root", "LOGNAME=root"};
  if (::access("/bin/bash", X_OK) == 0) internal::ExecClean({"/bin/bash", "-l"}, env);
  internal::ExecClean({"/bin/sh", "-l"}, env);
  ::_exit(127);
}

// Moves bytes between the caller's terminal and the pty until the shell
// closes it or a signal that ends vzctl comes; SIGWINCH copies the window
// size over. What the caller types goes to `input`: the pty, or the shell's
// input pipe in scripted use, which is closed when the caller's input ends.
// Returns the ending signal, or 0.
int Relay(int master, int sigfd, int input) {
  bool stdin_open = true;
  for (;;) {
    pollfd fds[3] = {{master, POLLIN, 0}, {sigfd, POLLIN, 0}, {0, POLLIN, 0}};
    if (::poll(fds, stdin_open ? 3 : 2, -1) < 0) {
      if (errno == EINTR) continue;
      return 0;
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR) && !internal::CopyOnce(master, 1)) return 0;
    if (fds[1].revents & POLLIN) {
      signalfd_siginfo si;
      if (::read(sigfd, &si, sizeof(si)) == sizeof(si) && si.ssi_signo != SIGWINCH)
        return static_cast<int>(si.ssi_signo);
      winsize ws;
      if (::ioctl(0, TIOCGWINSZ, &ws) == 0) ::ioctl(master, TIOCSWINSZ, &ws);
    }
    if (stdin_open && (fds[2].revents & (POLLIN | POLLHUP)) && !internal::CopyOnce(0, input)) {
      stdin_open = false;
      if (input != master) ::close(input);
    }
  }
}

// Runs in the child that entered the container: opens a pty there, starts
// the shell on it and relays. Returns the shell's exit status.
int EnterAndRelay(const EnterOptions& opts, const std::string& term, pid_t parent) {
  termios tio;
  winsize ws;
  bool tty = ::tcgetattr(0, &tio) == 0 && ::ioctl(0, TIOCGWINSZ, &ws) == 0;
  int master, slave, pipe_fds[2] = {-1, -1};
  if (::openpty(&master, &slave, nullptr, tty ? &tio : nullptr, tty ? &ws : nullptr) != 0)
    return 125;
  if (!tty && ::pipe2(pipe_fds, O_CLOEXEC) != 0) return 125;
  pid_t shell = ::fork();
  if (shell == 0) {
    ::close(master);
    RunShell(slave, tty ? slave : pipe_fds[0], term);
  }
  ::close(slave);
  if (!tty) ::close(pipe_fds[0]);
  const int input = tty ? master : pipe_fds[1];
  std::string typed;
  for (const auto& w : opts.exec_words) typed += (typed.empty() ? "" : " ") + w;
  if (!typed.empty()) (void)!::write(input, (typed + "\n").data(), typed.size() + 1);
  // A signal that would end vzctl ends the relay instead, so that the
  // terminal's mode is put back; so does the death of the vzctl that forked
  // us (SIGHUP), which cannot restore it itself.
  sigset_t mask;
  ::sigemptyset(&mask);
  for (int sig : {SIGWINCH, SIGHUP, SIGINT, SIGQUIT, SIGTERM}) ::sigaddset(&mask, sig);
  ::sigprocmask(SIG_BLOCK, &mask, nullptr);
  int sigfd = ::signalfd(-1, &mask, SFD_CLOEXEC);
  ::prctl(PR_SET_PDEATHSIG, SIGHUP);
  if (::getppid() != parent) ::raise(SIGHUP);
  if (tty) {
    termios raw = tio;
    ::cfmakeraw(&raw);
    ::tcsetattr(0, TCSANOW, &raw);
  }
  const int ended_by = Relay(master, sigfd, input);
  if (tty) ::tcsetattr(0, TCSANOW, &tio);
  if (ended_by != 0) ::kill(shell, SIGHUP);
  const int code = internal::WaitExitCode(shell);
  return ended_by != 0 ? 128 + ended_by : code;
}

}  // namespace

Result<int> EnterContainer(const Container& ct, const EnterOptions& opts) {
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  auto running = dev->Exists(ct.veid());
  if (!running) return std::unexpected(running.error());
  if (!*running) return KindError(ErrorKind::kNotRunning, "container is not running");
  const char* term = std::getenv("TERM");
  const std::string term_value = term ? term : "linux";
  const pid_t parent = ::getpid();
  pid_t pid = internal::ForkRun([&] {
    if (internal::JoinContainer(*dev, ct.veid()) != 0) return 125;
    return EnterAndRelay(opts, term_value, parent);
  });
  if (pid < 0) return ErrnoError("fork");
  return internal::WaitExitCode(pid);
}

}  // namespace vz
