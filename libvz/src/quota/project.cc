// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/project.h"

#include <linux/dqblk_xfs.h>
#include <linux/fs.h>
#include <linux/quota.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "quota/mountinfo.h"

namespace vz::internal {

namespace {

int QuotactlFd(int fd, int cmd, uint32_t id, void* addr) {
  return static_cast<int>(::syscall(SYS_quotactl_fd, fd, QCMD(cmd, PRJQUOTA), id, addr));
}

std::unexpected<Error> QuotaError(const std::string& call, int fd,
                                  ErrorKind kind = ErrorKind::kQuotaOn) {
  const int err = errno;
  return std::unexpected(Error(err, call + " on " + FilesystemName(fd), kind));
}

}  // namespace

std::string FilesystemName(int fd) {
  if (auto m = FindMountOf(fd)) return m->point + " (" + m->type + " on " + m->source + ")";
  struct stat st {};
  if (::fstat(fd, &st) != 0) return "?";
  return "device " + std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev));
}

Status CheckProjectQuota(int fd) {
  fs_quota_statv st{};
  st.qs_version = FS_QSTATV_VERSION1;
  if (QuotactlFd(fd, Q_XGETQSTATV, 0, &st) != 0 && errno != ENOSYS && errno != ESRCH)
    return QuotaError("quotactl(Q_XGETQSTATV)", fd);
  if (!(st.qs_flags & FS_QUOTA_PDQ_ACCT))
    return KindError(ErrorKind::kQuotaOn,
                     FilesystemName(fd) +
                         " has no project quota: unmount it and run 'tune2fs -O quota,project "
                         "DEVICE' (ext4), then mount it with the prjquota option; or set "
                         "DISK_QUOTA=no in vz.conf");
  if (!(st.qs_flags & FS_QUOTA_PDQ_ENFD))
    return KindError(ErrorKind::kQuotaOn, FilesystemName(fd) +
                                              " counts project quota but does not enforce it: "
                                              "mount it with the prjquota option (fstab) or run "
                                              "'quotaon -P' on it");
  return {};
}

Result<uint32_t> InheritedProject(int fd) {
  fsxattr attr{};
  if (::ioctl(fd, FS_IOC_FSGETXATTR, &attr) != 0) return ErrnoError("ioctl(FS_IOC_FSGETXATTR)");
  return (attr.fsx_xflags & FS_XFLAG_PROJINHERIT) ? attr.fsx_projid : 0;
}

Status SetProject(int fd, uint32_t id, const std::string& what) {
  fsxattr attr{};
  if (::ioctl(fd, FS_IOC_FSGETXATTR, &attr) != 0)
    return ErrnoError("ioctl(" + what + ", FS_IOC_FSGETXATTR)");
  struct stat st {};
  if (::fstat(fd, &st) != 0) return ErrnoError("fstat(" + what + ")");
  const uint32_t inherit = S_ISDIR(st.st_mode) ? FS_XFLAG_PROJINHERIT : 0;
  if (attr.fsx_projid == id && (attr.fsx_xflags & inherit) == inherit) return {};
  attr.fsx_projid = id;
  attr.fsx_xflags |= inherit;
  if (::ioctl(fd, FS_IOC_FSSETXATTR, &attr) != 0)
    return ErrnoError("ioctl(" + what + ", FS_IOC_FSSETXATTR project " + std::to_string(id) + ")");
  return {};
}

Status SetProjectLimits(int fd, uint32_t id, const DiskLimit& space, const DiskLimit& inodes) {
  if_dqblk q{};
  q.dqb_bsoftlimit = space.soft;
  q.dqb_bhardlimit = space.hard;
  q.dqb_isoftlimit = inodes.soft;
  q.dqb_ihardlimit = inodes.hard;
  q.dqb_valid = QIF_LIMITS;
  if (QuotactlFd(fd, Q_SETQUOTA, id, &q) != 0)
    return QuotaError("quotactl(Q_SETQUOTA, project " + std::to_string(id) + ")", fd,
                      ErrorKind::kQuotaSetLimit);
  return {};
}

Result<ProjectQuota> GetProjectQuota(int fd, uint32_t id) {
  if_dqblk q{};
  if (QuotactlFd(fd, Q_GETQUOTA, id, &q) != 0)
    return QuotaError("quotactl(Q_GETQUOTA, project " + std::to_string(id) + ")", fd);
  return ProjectQuota{.space_bytes = q.dqb_curspace,
                      .inodes = q.dqb_curinodes,
                      .space = {q.dqb_bsoftlimit, q.dqb_bhardlimit},
                      .inode_limit = {q.dqb_isoftlimit, q.dqb_ihardlimit},
                      .space_grace_ends = static_cast<int64_t>(q.dqb_btime),
                      .inode_grace_ends = static_cast<int64_t>(q.dqb_itime)};
}

Status SetProjectGrace(int fd, uint64_t seconds) {
  if_dqinfo info{};
  info.dqi_bgrace = seconds;
  info.dqi_igrace = seconds;
  info.dqi_valid = IIF_BGRACE | IIF_IGRACE;
  if (QuotactlFd(fd, Q_SETINFO, 0, &info) != 0)
    return QuotaError("quotactl(Q_SETINFO)", fd, ErrorKind::kQuotaSetLimit);
  return {};
}

Result<uint64_t> GetProjectGrace(int fd) {
  if_dqinfo info{};
  if (QuotactlFd(fd, Q_GETINFO, 0, &info) != 0) return QuotaError("quotactl(Q_GETINFO)", fd);
  return info.dqi_bgrace;
}

}  // namespace vz::internal
