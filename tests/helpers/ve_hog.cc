// SPDX-License-Identifier: GPL-2.0-or-later
//
// ve_hog: a hostile program for in-guest tests to run inside a container.
// It takes one kind of kernel resource until the kernel refuses, prints
// what it got, then holds everything for a while so that the test can look
// at the host and the neighbours meanwhile.
//
//   ve_hog KIND SECONDS
//     KIND: fork files sockets udp flock pty siginfo mlock mmap tmpfs
//   prints "KIND got=N errno=NAME" and exits 0 when the kernel refused
//   (contained), 1 when the hog reached its own cap of 1,000,000 without a
//   refusal (not contained), 2 on bad usage.
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>

namespace {

constexpr long kCap = 1000000;

// Calls `take` until it fails or the cap; how many succeeded.
long Flood(const std::function<bool()>& take) {
  long got = 0;
  while (got < kCap && take()) ++got;
  return got;
}

bool Fork() {
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() == parent) ::pause();
    ::_exit(0);
  }
  return pid > 0;
}

bool OpenFile() { return ::open("/dev/null", O_RDONLY) >= 0; }
bool TcpSocket() { return ::socket(AF_INET, SOCK_STREAM, 0) >= 0; }
bool UdpSocket() { return ::socket(AF_INET, SOCK_DGRAM, 0) >= 0; }
bool Pty() { return ::open("/dev/ptmx", O_RDWR | O_NOCTTY) >= 0; }

bool Flock() {
  static int fd = ::open("/tmp", O_TMPFILE | O_RDWR, 0600);
  static off_t next = 0;
  struct flock fl {};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = next;
  fl.l_len = 1;
  next += 2;  // every other byte, so that the locks never merge
  return fd >= 0 && ::fcntl(fd, F_SETLK, &fl) == 0;
}

bool Siginfo() {
  static bool blocked = [] {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGRTMIN);
    return ::sigprocmask(SIG_BLOCK, &set, nullptr) == 0;
  }();
  return blocked && ::sigqueue(::getpid(), SIGRTMIN, sigval{}) == 0;
}

bool MapMemory() {
  void* p = ::mmap(nullptr, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) return false;
  std::memset(p, 1, 1 << 20);  // really use it
  return true;
}

bool LockMemory() {
  void* p = ::mmap(nullptr, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  return p != MAP_FAILED && ::mlock(p, 1 << 16) == 0;
}

bool WriteTmpfs() {
  static int fd = ::memfd_create("ve_hog", 0);
  static char buf[1 << 16];
  return fd >= 0 && ::write(fd, buf, sizeof(buf)) == static_cast<ssize_t>(sizeof(buf));
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, std::function<bool()>> kinds = {
      {"fork", Fork},      {"files", OpenFile},   {"sockets", TcpSocket}, {"udp", UdpSocket},
      {"flock", Flock},    {"pty", Pty},          {"siginfo", Siginfo},   {"mlock", LockMemory},
      {"mmap", MapMemory}, {"tmpfs", WriteTmpfs},
  };
  auto kind = argc == 3 ? kinds.find(argv[1]) : kinds.end();
  if (kind == kinds.end()) {
    std::fprintf(stderr, "usage: ve_hog KIND SECONDS (see the source)\n");
    return 2;
  }
  const long got = Flood(kind->second);
  const int err = errno;
  std::printf("%s got=%ld errno=%s\n", argv[1], got, got < kCap ? strerrorname_np(err) : "none");
  std::fflush(stdout);
  ::sleep(static_cast<unsigned>(std::atoi(argv[2])));
  return got < kCap ? 0 : 1;
}
