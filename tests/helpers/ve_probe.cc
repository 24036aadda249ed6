// SPDX-License-Identifier: GPL-2.0-or-later
//
// ve_probe: a static program that in-guest tests copy into a container and
// run there, to try what root of a container may or may not do.
//
//   ve_probe deny-insmod | deny-settime | deny-mknod-disk | deny-devmem |
//            deny-rawio | deny-sysctl
//       exit 0 when the kernel refuses the operation, 1 (with a message)
//       when it is allowed.
//   ve_probe shm-create KEY      create a SysV shared memory segment
//   ve_probe shm-count           print how many segments this IPC namespace has
//   ve_probe pids                print the pids this process can see
//   ve_probe send-from SRC DST   send one UDP datagram to IPv4 DST with the
//                                source address SRC, through a raw socket
//                                (IP_HDRINCL): exit 0 when it was sent
//   ve_probe project PATH        print PATH's project id and whether it
//                                passes it on: "101 inherit"
//   ve_probe shutdown-fs PATH    (host) shut the ext4 filesystem of PATH
//                                down as a power loss would: no journal
//                                flush (EXT4_IOC_SHUTDOWN, NOLOGFLUSH)
//   ve_probe deny-project PATH | deny-noinherit PATH | deny-quotactl PATH
//       exit 0 when the kernel refuses to move PATH to project 0, to clear
//       its inherit flag, or to lift the limits of PATH's project
//   ve_probe user-quota PATH ID KB
//       set user ID's block limits on the filesystem of PATH to KB (soft
//       and hard; 0: none) with quotactl_fd(2): exit 0 when it worked
#include <arpa/inet.h>
#include <dirent.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <sys/io.h>
#include <sys/ioctl.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <map>
#include <string>

namespace {

// 0 if the operation was refused for lack of privilege (EPERM or EACCES),
// else reports what happened and returns 1. Any other failure (ENOSYS, say)
// proves nothing and counts as a failure of the test.
int Denied(const char* what, bool succeeded, int err) {
  errno = err;
  if (succeeded) {
    std::printf("%s: ALLOWED\n", what);
    return 1;
  }
  const bool refused = errno == EPERM || errno == EACCES;
  std::printf("%s: %s (%s)\n", what, refused ? "denied" : "failed", std::strerror(errno));
  return refused ? 0 : 1;
}

int DenyInsmod() {
  static const char image[64] = {};
  bool loaded = syscall(SYS_init_module, image, sizeof(image), "") == 0;
  return Denied("init_module", loaded, errno);
}

int DenySettime() {
  timeval tv{};
  gettimeofday(&tv, nullptr);
  bool set = settimeofday(&tv, nullptr) == 0;
  return Denied("settimeofday", set, errno);
}

int DenyMknodDisk() {
  unlink("/tmp/probe-disk");
  bool made = mknod("/tmp/probe-disk", S_IFBLK | 0600, makedev(254, 0)) == 0;
  if (made) {
    int fd = open("/tmp/probe-disk", O_RDONLY);
    char buf[512];
    made = fd >= 0 && read(fd, buf, sizeof(buf)) > 0;
  }
  int err = errno;
  unlink("/tmp/probe-disk");
  return Denied("mknod+read block device 254:0", made, err);
}

int DenyDevmem() {
  if (open("/dev/mem", O_RDONLY) >= 0) return Denied("open /dev/mem", true, 0);
  unlink("/tmp/probe-mem");
  bool made = mknod("/tmp/probe-mem", S_IFCHR | 0600, makedev(1, 1)) == 0 &&
              open("/tmp/probe-mem", O_RDONLY) >= 0;
  int err = errno;
  unlink("/tmp/probe-mem");
  return Denied("mknod+open /dev/mem (1:1)", made, err);
}

int DenyRawio() {
  bool granted = ioperm(0x80, 1, 1) == 0;
  return Denied("ioperm(0x80)", granted, errno);
}

int DenySysctl() {
  int fd = open("/proc/sys/kernel/panic", O_WRONLY);
  bool wrote = fd >= 0 && write(fd, "0\n", 2) == 2;
  return Denied("write /proc/sys/kernel/panic", wrote, errno);
}

int ShmCreate(const char* key) {
  int id = shmget(static_cast<key_t>(std::atoi(key)), 4096, IPC_CREAT | 0600);
  if (id < 0) {
    std::perror("shmget");
    return 1;
  }
  std::printf("%d\n", id);
  return 0;
}

int ShmCount() {
  FILE* f = std::fopen("/proc/sysvipc/shm", "r");
  if (!f) return 1;
  int lines = 0;
  for (int c; (c = std::fgetc(f)) != EOF;) lines += c == '\n';
  std::fclose(f);
  std::printf("%d\n", lines - 1);  // minus the header
  return 0;
}

int Pids() {
  DIR* d = opendir("/proc");
  if (!d) return 1;
  while (dirent* e = readdir(d))
    if (e->d_name[0] >= '0' && e->d_name[0] <= '9') std::printf("%s\n", e->d_name);
  closedir(d);
  return 0;
}

// A forged source address is the raw socket's to choose; the kernel sends
// the datagram as given, and only venet can refuse it.
int SendFrom(const char* src, const char* dst) {
  struct {
    iphdr ip;
    uint16_t udp[4];
  } pkt{};
  pkt.ip.version = 4;
  pkt.ip.ihl = 5;
  pkt.ip.ttl = 16;
  pkt.ip.protocol = IPPROTO_UDP;
  pkt.ip.tot_len = htons(sizeof(pkt));
  pkt.udp[0] = pkt.udp[1] = htons(9);  // discard
  pkt.udp[2] = htons(sizeof(pkt.udp));
  sockaddr_in to{};
  to.sin_family = AF_INET;
  if (inet_pton(AF_INET, src, &pkt.ip.saddr) != 1 || inet_pton(AF_INET, dst, &to.sin_addr) != 1) {
    std::fprintf(stderr, "send-from: bad address\n");
    return 2;
  }
  pkt.ip.daddr = to.sin_addr.s_addr;
  int s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
  if (s < 0 || sendto(s, &pkt, sizeof(pkt), 0, reinterpret_cast<sockaddr*>(&to), sizeof(to)) !=
                   static_cast<ssize_t>(sizeof(pkt))) {
    std::perror("send-from");
    return 1;
  }
  close(s);
  return 0;
}

// The fsxattr of PATH, or exits.
bool GetAttr(const char* path, int* fd, fsxattr* attr) {
  *fd = open(path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0 || ioctl(*fd, FS_IOC_FSGETXATTR, attr) != 0) {
    std::printf("%s: %s\n", path, std::strerror(errno));
    return false;
  }
  return true;
}

int Project(const char* path) {
  int fd;
  fsxattr attr{};
  if (!GetAttr(path, &fd, &attr)) return 1;
  std::printf("%u %s\n", attr.fsx_projid,
              (attr.fsx_xflags & FS_XFLAG_PROJINHERIT) ? "inherit" : "noinherit");
  return 0;
}

// Refused with EINVAL (the kernel's answer outside the host's user
// namespace) or EPERM.
int RefusedAttr(const char* what, bool succeeded) {
  if (succeeded) {
    std::printf("%s: ALLOWED\n", what);
    return 1;
  }
  const bool refused = errno == EINVAL || errno == EPERM;
  std::printf("%s: %s (%s)\n", what, refused ? "denied" : "failed", std::strerror(errno));
  return refused ? 0 : 1;
}

int DenyProject(const char* path, bool clear_inherit) {
  int fd;
  fsxattr attr{};
  if (!GetAttr(path, &fd, &attr)) return 1;
  if (clear_inherit)
    attr.fsx_xflags &= ~FS_XFLAG_PROJINHERIT;
  else
    attr.fsx_projid = 0;
  return RefusedAttr(clear_inherit ? "clear project inherit" : "move to project 0",
                     ioctl(fd, FS_IOC_FSSETXATTR, &attr) == 0);
}

int ShutdownFs(const char* path) {
  // include/uapi/linux/ext4.h, not in every libc's headers.
  constexpr unsigned long kExt4IocShutdown = _IOR('X', 125, __u32);
  constexpr __u32 kNoLogFlush = 2;
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  __u32 how = kNoLogFlush;
  if (fd < 0 || ioctl(fd, kExt4IocShutdown, &how) != 0) {
    std::printf("shutdown %s: %s\n", path, std::strerror(errno));
    return 1;
  }
  return 0;
}

int DenyQuotactl(const char* path) {
  int fd;
  fsxattr attr{};
  if (!GetAttr(path, &fd, &attr)) return 1;
  if_dqblk q{};
  q.dqb_valid = QIF_LIMITS;  // all zero: no limits
  const bool lifted =
      syscall(SYS_quotactl_fd, fd, QCMD(Q_SETQUOTA, PRJQUOTA), attr.fsx_projid, &q) == 0;
  return Denied("quotactl(Q_SETQUOTA) of its own project", lifted, errno);
}

int UserQuota(const char* path, const char* id, const char* kb) {
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::perror(path);
    return 1;
  }
  if_dqblk q{};
  q.dqb_bsoftlimit = q.dqb_bhardlimit = std::stoull(kb);
  q.dqb_valid = QIF_BLIMITS;
  const unsigned int uid = static_cast<unsigned int>(std::stoul(id));
  if (syscall(SYS_quotactl_fd, fd, QCMD(Q_SETQUOTA, USRQUOTA), uid, &q) != 0) {
    std::perror("quotactl_fd(Q_SETQUOTA, USRQUOTA)");
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::map<std::string, std::function<int()>> verbs = {
      {"deny-insmod", DenyInsmod},
      {"deny-settime", DenySettime},
      {"deny-mknod-disk", DenyMknodDisk},
      {"deny-devmem", DenyDevmem},
      {"deny-rawio", DenyRawio},
      {"deny-sysctl", DenySysctl},
      {"shm-count", ShmCount},
      {"pids", Pids},
  };
  if (argc == 3 && std::string(argv[1]) == "shm-create") return ShmCreate(argv[2]);
  if (argc == 4 && std::string(argv[1]) == "send-from") return SendFrom(argv[2], argv[3]);
  if (argc == 3 && std::string(argv[1]) == "project") return Project(argv[2]);
  if (argc == 3 && std::string(argv[1]) == "deny-project") return DenyProject(argv[2], false);
  if (argc == 3 && std::string(argv[1]) == "deny-noinherit") return DenyProject(argv[2], true);
  if (argc == 3 && std::string(argv[1]) == "deny-quotactl") return DenyQuotactl(argv[2]);
  if (argc == 5 && std::string(argv[1]) == "user-quota")
    return UserQuota(argv[2], argv[3], argv[4]);
  if (argc == 3 && std::string(argv[1]) == "shutdown-fs") return ShutdownFs(argv[2]);
  auto verb = argc == 2 ? verbs.find(argv[1]) : verbs.end();
  if (verb == verbs.end()) {
    std::fprintf(stderr, "usage: ve_probe VERB (see the source)\n");
    return 2;
  }
  return verb->second();
}
