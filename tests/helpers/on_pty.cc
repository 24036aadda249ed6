// SPDX-License-Identifier: GPL-2.0-or-later
//
// on_pty: runs a command on a new pty, as a terminal session would: the
// slave is its standard input, output and error and its controlling
// terminal. What the command writes is copied to standard output, after a
// first line "pty: /dev/pts/N" naming the slave; the exit status is the
// command's (127: it could not be run). busybox has no script(1), and
// ve_hostile.sh needs vzctl to run with a terminal on its stdio.
//
//   on_pty PROGRAM [ARGS...]
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace {

[[noreturn]] void RunOnSlave(int slave, char** argv) {
  ::setsid();
  ::ioctl(slave, TIOCSCTTY, 0);
  for (int i = 0; i < 3; ++i) ::dup2(slave, i);
  if (slave > 2) ::close(slave);
  ::execvp(argv[0], argv);
  ::perror(argv[0]);
  ::_exit(127);
}

// Copies the master to stdout until every holder of the slave closed it.
void CopyMaster(int master) {
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(master, buf, sizeof(buf));
    if (n <= 0) return;  // EIO once the slave is closed everywhere
    if (::write(1, buf, n) != n) return;
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: on_pty PROGRAM [ARGS...]\n");
    return 2;
  }
  int master = -1, slave = -1;
  char name[256] = {};
  if (::openpty(&master, &slave, name, nullptr, nullptr) != 0) {
    std::perror("openpty");
    return 1;
  }
  const std::string header = std::string("pty: ") + name + "\n";
  if (::write(1, header.data(), header.size()) < 0) return 1;
  const pid_t pid = ::fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    ::close(master);
    RunOnSlave(slave, argv + 1);
  }
  ::close(slave);
  CopyMaster(master);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
