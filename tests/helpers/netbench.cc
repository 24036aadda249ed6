// SPDX-License-Identifier: GPL-2.0-or-later
//
// netbench: TCP throughput and request/response latency between two hosts,
// for comparing venet, veth and loopback in one run (tests/guest/net_bench.sh).
//
//   netbench server PORT
//       serve on [::]:PORT until killed: a connection that starts with 'T'
//       is drained and answered with the byte count; one that starts with
//       'R' gets every 64-byte request echoed back.
//   netbench client ADDRESS PORT SECONDS
//       run each test for SECONDS and print one line:
//       "mbit_per_s=X transactions_per_s=Y latency_us=Z"
//
// Exit status 0 on success, 1 with a message on any error.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kChunk = 128 * 1024;
constexpr size_t kRequest = 64;

[[noreturn]] void Die(const std::string& what) {
  std::fprintf(stderr, "netbench: %s: %s\n", what.c_str(), std::strerror(errno));
  std::exit(1);
}

bool WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

bool ReadAll(int fd, char* p, size_t n) {
  while (n > 0) {
    ssize_t r = ::read(fd, p, n);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
  }
  return true;
}

void NoDelay(int fd) {
  int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

void ServeThroughput(int fd) {
  std::vector<char> buf(kChunk);
  uint64_t total = 0;
  ssize_t r;
  while ((r = ::read(fd, buf.data(), buf.size())) > 0) total += static_cast<uint64_t>(r);
  (void)WriteAll(fd, reinterpret_cast<const char*>(&total), sizeof(total));
}

void ServeRequests(int fd) {
  char req[kRequest];
  NoDelay(fd);
  while (ReadAll(fd, req, sizeof(req)) && WriteAll(fd, req, sizeof(req))) {
  }
}

int Server(int port) {
  int s = ::socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0) Die("socket");
  int one = 1, zero = 0;
  ::setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  ::setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof(zero));
  sockaddr_in6 addr{};
  addr.sin6_family = AF_INET6;
  addr.sin6_port = htons(static_cast<uint16_t>(port));
  if (::bind(s, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) Die("bind");
  if (::listen(s, 16) != 0) Die("listen");
  ::signal(SIGCHLD, SIG_IGN);
  for (;;) {
    int c = ::accept4(s, nullptr, nullptr, SOCK_CLOEXEC);
    if (c < 0) continue;
    if (::fork() == 0) {
      char kind = 0;
      if (ReadAll(c, &kind, 1)) kind == 'T' ? ServeThroughput(c) : ServeRequests(c);
      ::_exit(0);
    }
    ::close(c);
  }
}

int Connect(const char* host, const char* port, char kind) {
  addrinfo hints{}, *res = nullptr;
  hints.ai_socktype = SOCK_STREAM;
  if (int err = ::getaddrinfo(host, port, &hints, &res)) {
    std::fprintf(stderr, "netbench: %s: %s\n", host, ::gai_strerror(err));
    std::exit(1);
  }
  int s = ::socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (s < 0 || ::connect(s, res->ai_addr, res->ai_addrlen) != 0)
    Die(std::string("connect to ") + host);
  ::freeaddrinfo(res);
  if (!WriteAll(s, &kind, 1)) Die("write");
  return s;
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double ThroughputMbit(const char* host, const char* port, double secs) {
  int s = Connect(host, port, 'T');
  std::vector<char> buf(kChunk, 'x');
  const auto start = Clock::now();
  uint64_t sent = 0;
  while (Seconds(start) < secs) {
    if (!WriteAll(s, buf.data(), buf.size())) Die("send");
    sent += buf.size();
  }
  ::shutdown(s, SHUT_WR);
  uint64_t got = 0;
  if (!ReadAll(s, reinterpret_cast<char*>(&got), sizeof(got)) || got != sent) {
    errno = EPROTO;
    Die("the server received a different byte count");
  }
  const double elapsed = Seconds(start);
  ::close(s);
  return static_cast<double>(sent) * 8 / elapsed / 1e6;
}

double TransactionsPerSecond(const char* host, const char* port, double secs) {
  int s = Connect(host, port, 'R');
  NoDelay(s);
  char req[kRequest] = {};
  const auto start = Clock::now();
  uint64_t n = 0;
  while (Seconds(start) < secs) {
    if (!WriteAll(s, req, sizeof(req)) || !ReadAll(s, req, sizeof(req))) Die("request");
    ++n;
  }
  const double elapsed = Seconds(start);
  ::close(s);
  return static_cast<double>(n) / elapsed;
}

int Client(const char* host, const char* port, double secs) {
  const double mbit = ThroughputMbit(host, port, secs);
  const double tps = TransactionsPerSecond(host, port, secs);
  std::printf("mbit_per_s=%.1f transactions_per_s=%.1f latency_us=%.1f\n", mbit, tps,
              tps > 0 ? 1e6 / tps : 0.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "server") == 0) return Server(std::atoi(argv[2]));
  if (argc == 5 && std::strcmp(argv[1], "client") == 0) {
    const double secs = std::atof(argv[4]);
    if (secs > 0) return Client(argv[2], argv[3], secs);
  }
  std::fprintf(stderr, "usage: netbench server PORT | netbench client ADDRESS PORT SECONDS\n");
  return 1;
}
