// SPDX-License-Identifier: GPL-2.0-or-later
//
// ve_hog: a hostile program for in-guest tests to run inside a container.
// It takes one kind of kernel resource until the kernel refuses, prints
// what it got, then holds everything for a while so that the test can look
// at the host and the neighbours meanwhile.
//
//   ve_hog KIND SECONDS
//     KIND, counted in objects (got=N is how many it took):
//       fork files sockets udp flock pty siginfo mlock mmap tmpfs
//       shmlock    4-page SysV shm segments, attached, touched and
//                  SHM_LOCKed (lockedpages); removed at once, so that they
//                  vanish when the hog exits
//     KIND, counted in bytes or rules:
//       tcpsndbuf  up to 8 TCP pairs over 127.0.0.1 (17 sockets, under a
//                  numtcpsock of 20), the accepted ends never read; 64 KiB
//                  non-blocking writes on each until EAGAIN. got=bytes
//                  written; errno=EAGAIN once any write got it: a socket's
//                  own send buffer refuses the same way, so only the growth
//                  of the tcpsndbuf failcnt tells the beancounter refused.
//       unixbuf    AF_UNIX datagram socketpairs, never read; 4 KiB
//                  non-blocking sends until an error. EAGAIN moves on to a
//                  new pair (at most 16); any other error ends it.
//                  got=bytes sent; errno=EAGAIN once any send got it: the
//                  socket's own limit and othersockbuf's barrier refuse a
//                  non-blocking send alike, so only the growth of the
//                  othersockbuf failcnt tells the beancounter refused.
//       udprcv     8 UDP sockets bound on 127.0.0.1 that never read, each
//                  sent 64 datagrams of 1 KiB (their SO_RCVBUF holds that
//                  much). Drops are silent, so the hog then reads every
//                  queue, counting, and sends the same again to hold the
//                  queues: got=bytes that were queued, errno=DROPPED when
//                  that is less than was sent (dgramrcvbuf).
//       iptables   replaces the IPv4 filter table through a raw socket with
//                  tables of N = 8, 16, 32, ... unconditional ACCEPT rules
//                  (N + 4 entries) until the kernel refuses or N passes
//                  4096 (numiptent). got=the largest N accepted. After
//                  SECONDS it puts back the plain 4-entry table.
//   prints "KIND got=N errno=NAME" (NAME from strerrorname_np, or DROPPED)
//   and exits 0 when the kernel refused (contained); 1 when the hog reached
//   its own cap without a refusal, printing errno=none (1,000,000 objects,
//   64 MiB on each TCP pair, 16 unix pairs, 4096 rules; udprcv: nothing
//   dropped); 2 on bad usage; 3 when the kernel lacks the feature: prints
//   "KIND unsupported errno=NAME" and does not hold (iptables without
//   ip_tables or its filter table: ENOPROTOOPT, ENOENT); 4 when the hog
//   could not set itself up or clean up (a message on stderr, e.g. no
//   loopback).
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>
#include <vector>

// After <netinet/in.h>: the kernel's headers leave out what glibc defined.
#include <linux/netfilter_ipv4/ip_tables.h>

namespace {

constexpr long kCap = 1000000;

// What a kind took and how the hog ends.
struct Outcome {
  long got = 0;
  std::string error = "none";               // an errno name, DROPPED or none
  int status = 1;                           // the exit status, see the top
  std::function<bool()> release = nullptr;  // after the hold; false: failed
};

constexpr int kRefused = 0;
constexpr int kUnsupported = 3;
constexpr int kSetupFailed = 4;

std::string ErrnoName(int err) {
  const char* name = strerrorname_np(err);
  return name ? name : std::to_string(err);
}

Outcome Refused(long got, int err) { return {got, ErrnoName(err), kRefused}; }
Outcome Capped(long got) { return {got, "none", 1}; }

Outcome SetupFailed(const char* what, long got, int err) {
  std::fprintf(stderr, "ve_hog: %s: %s\n", what, std::strerror(err));
  return {got, ErrnoName(err), kSetupFailed};
}

// Calls `take` until it fails or the cap; how many succeeded.
long Flood(const std::function<bool()>& take) {
  long got = 0;
  while (got < kCap && take()) ++got;
  return got;
}

Outcome Counted(const std::function<bool()>& take) {
  const long got = Flood(take);
  return got < kCap ? Refused(got, errno) : Capped(got);
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

bool LockShm() {
  static const size_t size = 4 * ::sysconf(_SC_PAGESIZE);
  const int id = ::shmget(IPC_PRIVATE, size, IPC_CREAT | 0600);
  if (id < 0) return false;
  void* p = ::shmat(id, nullptr, 0);
  const int err = errno;
  ::shmctl(id, IPC_RMID, nullptr);  // destroyed once detached, at the latest at exit
  if (p == reinterpret_cast<void*>(-1)) {
    errno = err;
    return false;
  }
  std::memset(p, 1, size);
  return ::shmctl(id, SHM_LOCK, nullptr) == 0;
}

// A socket of `type` bound on 127.0.0.1 (any port); its address in `addr`.
int BoundLoopback(int type, sockaddr_in* addr) {
  const int fd = ::socket(AF_INET, type, 0);
  if (fd < 0) return -1;
  addr->sin_family = AF_INET;
  addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof(*addr);
  auto* sa = reinterpret_cast<sockaddr*>(addr);
  if (::bind(fd, sa, len) != 0 || ::getsockname(fd, sa, &len) != 0) return -1;
  return fd;
}

// --- tcpsndbuf ---

constexpr int kTcpPairs = 8;
constexpr long kTcpPairCap = 64L << 20;

// A client connected to `listener`, whose accepted end stays open unread.
int ConnectedClient(int listener, const sockaddr_in& addr) {
  const int client = ::socket(AF_INET, SOCK_STREAM, 0);
  if (client < 0) return -1;
  if (::connect(client, reinterpret_cast<const sockaddr*>(&addr), sizeof(addr)) != 0) return -1;
  return ::accept(listener, nullptr, nullptr) >= 0 ? client : -1;
}

// Writes 64 KiB chunks without blocking until an error (its errno) or the cap (0).
int FillStream(int fd, long* sent) {
  static char chunk[64 << 10];
  for (long mine = 0; mine < kTcpPairCap;) {
    const ssize_t n = ::send(fd, chunk, sizeof(chunk), MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n < 0) return errno;
    mine += n;
    *sent += n;
  }
  return 0;
}

Outcome TcpSendBuffers() {
  sockaddr_in addr{};
  const int listener = BoundLoopback(SOCK_STREAM, &addr);
  if (listener < 0 || ::listen(listener, kTcpPairs) != 0)
    return SetupFailed("tcpsndbuf: listening on 127.0.0.1", 0, errno);
  long sent = 0;
  bool refused = false;
  for (int i = 0; i < kTcpPairs; ++i) {
    const int client = ConnectedClient(listener, addr);
    if (client < 0) return SetupFailed("tcpsndbuf: connecting to 127.0.0.1", sent, errno);
    const int err = FillStream(client, &sent);
    if (err != 0 && err != EAGAIN) return Refused(sent, err);
    refused = refused || err == EAGAIN;
  }
  return refused ? Refused(sent, EAGAIN) : Capped(sent);
}

// --- unixbuf ---

constexpr int kUnixPairs = 16;
constexpr int kUnixPairCap = 1024;  // datagrams

// Sends 4 KiB datagrams without blocking until an error (its errno) or the cap (0).
int FillDatagrams(int fd, long* sent) {
  static char datagram[4 << 10];
  for (int i = 0; i < kUnixPairCap; ++i) {
    if (::send(fd, datagram, sizeof(datagram), MSG_DONTWAIT) < 0) return errno;
    *sent += sizeof(datagram);
  }
  return 0;
}

Outcome UnixBuffers() {
  long sent = 0;
  bool refused = false;
  for (int i = 0; i < kUnixPairs; ++i) {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) != 0) return Refused(sent, errno);
    const int err = FillDatagrams(pair[0], &sent);
    if (err != 0 && err != EAGAIN) return Refused(sent, err);
    refused = refused || err == EAGAIN;
  }
  return refused ? Refused(sent, EAGAIN) : Capped(sent);
}

// --- udprcv ---

constexpr int kUdpReceivers = 8;
constexpr int kUdpPerReceiver = 64;
constexpr long kUdpDatagram = 1024;

// Sends kUdpPerReceiver datagrams to each address; 0 or the errno of a failed send.
int SendToAll(int fd, const std::vector<sockaddr_in>& to) {
  static char datagram[kUdpDatagram];
  for (const auto& addr : to)
    for (int i = 0; i < kUdpPerReceiver; ++i)
      if (::sendto(fd, datagram, sizeof(datagram), 0, reinterpret_cast<const sockaddr*>(&addr),
                   sizeof(addr)) < 0)
        return errno;
  ::usleep(200000);  // let loopback's backlog reach the queues
  return 0;
}

// Reads every queued datagram; the bytes read.
long DrainAll(const std::vector<int>& fds) {
  static char buf[kUdpDatagram];
  long got = 0;
  for (int fd : fds)
    for (ssize_t n; (n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) >= 0;) got += n;
  return got;
}

Outcome UdpReceiveBuffers() {
  std::vector<int> fds;
  std::vector<sockaddr_in> addrs(kUdpReceivers);
  for (auto& addr : addrs) {
    fds.push_back(BoundLoopback(SOCK_DGRAM, &addr));
    const int room = 1 << 20;  // the socket's own limit: as much as rmem_max allows
    if (fds.back() < 0 || ::setsockopt(fds.back(), SOL_SOCKET, SO_RCVBUF, &room, sizeof(room)) != 0)
      return SetupFailed("udprcv: binding on 127.0.0.1", 0, errno);
  }
  const int sender = ::socket(AF_INET, SOCK_DGRAM, 0);
  if (sender < 0) return SetupFailed("udprcv: sending socket", 0, errno);
  if (int err = SendToAll(sender, addrs)) return Refused(0, err);
  const long queued = DrainAll(fds);
  if (int err = SendToAll(sender, addrs)) return Refused(queued, err);  // to hold them
  const long sent = kUdpReceivers * kUdpPerReceiver * kUdpDatagram;
  return queued < sent ? Outcome{queued, "DROPPED", kRefused} : Capped(queued);
}

// --- iptables ---

constexpr int kMaxRules = 4096;

// Appends an unconditional entry with `target` (its target_size set) to `blob`.
template <typename Target>
void AppendEntry(std::vector<unsigned char>* blob, const Target& target) {
  ipt_entry entry{};
  entry.target_offset = sizeof(entry);
  entry.next_offset = sizeof(entry) + target.target.u.user.target_size;
  const size_t at = blob->size();
  blob->resize(at + entry.next_offset);
  std::memcpy(blob->data() + at, &entry, sizeof(entry));
  std::memcpy(blob->data() + at + sizeof(entry), &target, sizeof(target));
}

void AppendAccept(std::vector<unsigned char>* blob) {
  xt_standard_target accept{};  // the empty name is XT_STANDARD_TARGET
  accept.target.u.user.target_size = XT_ALIGN(sizeof(accept));
  accept.verdict = -NF_ACCEPT - 1;
  AppendEntry(blob, accept);
}

void AppendError(std::vector<unsigned char>* blob) {
  xt_error_target error{};
  error.target.u.user.target_size = XT_ALIGN(sizeof(error));
  std::strcpy(error.target.u.user.name, XT_ERROR_TARGET);
  std::strcpy(error.errorname, "ERROR");
  AppendEntry(blob, error);
}

// IPT_SO_SET_REPLACE's argument for a filter table whose INPUT chain has
// `rules` ACCEPT rules before its policy; `counters` receive the old ones.
std::vector<unsigned char> FilterTable(int rules, std::vector<xt_counters>* counters) {
  ipt_replace head{};
  std::strcpy(head.name, "filter");
  head.valid_hooks = 1 << NF_INET_LOCAL_IN | 1 << NF_INET_FORWARD | 1 << NF_INET_LOCAL_OUT;
  std::vector<unsigned char> entries;
  for (int i = 0; i < rules; ++i) AppendAccept(&entries);
  for (int hook : {NF_INET_LOCAL_IN, NF_INET_FORWARD, NF_INET_LOCAL_OUT}) {
    if (hook != NF_INET_LOCAL_IN) head.hook_entry[hook] = entries.size();
    head.underflow[hook] = entries.size();  // each chain's ACCEPT policy
    AppendAccept(&entries);
  }
  AppendError(&entries);
  head.num_entries = rules + 4;
  head.size = entries.size();
  head.num_counters = counters->size();
  head.counters = counters->data();
  std::vector<unsigned char> blob(sizeof(head));
  std::memcpy(blob.data(), &head, sizeof(head));
  blob.insert(blob.end(), entries.begin(), entries.end());
  return blob;
}

// How many entries the filter table has now, or -1 (errno set).
int FilterEntries(int fd) {
  ipt_getinfo info{};
  std::strcpy(info.name, "filter");
  socklen_t len = sizeof(info);
  if (::getsockopt(fd, IPPROTO_IP, IPT_SO_GET_INFO, &info, &len) != 0) return -1;
  return info.num_entries;
}

bool ReplaceFilter(int fd, int rules) {
  const int now = FilterEntries(fd);
  if (now < 0) return false;
  std::vector<xt_counters> counters(now);
  const auto blob = FilterTable(rules, &counters);
  return ::setsockopt(fd, IPPROTO_IP, IPT_SO_SET_REPLACE, blob.data(), blob.size()) == 0;
}

bool RestoreFilter(int fd) {
  if (ReplaceFilter(fd, 0)) return true;
  std::fprintf(stderr, "ve_hog: iptables: putting back the plain table: %s\n",
               std::strerror(errno));
  return false;
}

Outcome IptEntries() {
  const int fd = ::socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
  if (fd < 0) return SetupFailed("iptables: raw socket", 0, errno);
  if (FilterEntries(fd) < 0) {
    const int err = errno;
    if (err != ENOPROTOOPT && err != ENOENT)
      return SetupFailed("iptables: IPT_SO_GET_INFO", 0, err);
    return {0, ErrnoName(err), kUnsupported};
  }
  int accepted = 0;
  int rules = 8;
  for (; rules <= kMaxRules && ReplaceFilter(fd, rules); rules *= 2) accepted = rules;
  Outcome out = rules <= kMaxRules ? Refused(accepted, errno) : Capped(accepted);
  out.release = [fd] { return RestoreFilter(fd); };
  return out;
}

// The kind called `name`, or nullptr.
std::function<Outcome()> FindKind(const std::string& name) {
  static const std::map<std::string, std::function<bool()>> counted = {
      {"fork", Fork},      {"files", OpenFile},   {"sockets", TcpSocket}, {"udp", UdpSocket},
      {"flock", Flock},    {"pty", Pty},          {"siginfo", Siginfo},   {"mlock", LockMemory},
      {"mmap", MapMemory}, {"tmpfs", WriteTmpfs}, {"shmlock", LockShm},
  };
  static const std::map<std::string, std::function<Outcome()>> measured = {
      {"tcpsndbuf", TcpSendBuffers},
      {"unixbuf", UnixBuffers},
      {"udprcv", UdpReceiveBuffers},
      {"iptables", IptEntries},
  };
  if (auto it = counted.find(name); it != counted.end())
    return [take = it->second] { return Counted(take); };
  if (auto it = measured.find(name); it != measured.end()) return it->second;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  const auto kind = argc == 3 ? FindKind(argv[1]) : nullptr;
  if (!kind) {
    std::fprintf(stderr, "usage: ve_hog KIND SECONDS (see the source)\n");
    return 2;
  }
  const Outcome out = kind();
  if (out.status == kUnsupported) {
    std::printf("%s unsupported errno=%s\n", argv[1], out.error.c_str());
    return out.status;
  }
  std::printf("%s got=%ld errno=%s\n", argv[1], out.got, out.error.c_str());
  std::fflush(stdout);
  ::sleep(static_cast<unsigned>(std::atoi(argv[2])));
  if (out.release && !out.release()) return kSetupFailed;
  return out.status;
}
