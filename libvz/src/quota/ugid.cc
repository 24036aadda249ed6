// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/ugid.h"

#include <fcntl.h>
#include <linux/dqblk_xfs.h>
#include <linux/quota.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "core/file.h"
#include "core/unique_fd.h"
#include "quota/config.h"
#include "quota/mountinfo.h"
#include "quota/project.h"
#include "vz/fs/layout.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

constexpr int kQfmtVfsV1 = 4;  // QFMT_VFS_V1

int QuotactlFd(int fd, int cmd, int type, uint32_t id, void* addr) {
  return static_cast<int>(::syscall(SYS_quotactl_fd, fd, QCMD(cmd, type), id, addr));
}

Status TurnOn(int fd, int type) {
  if (QuotactlFd(fd, Q_QUOTAON, type, kQfmtVfsV1, nullptr) == 0 || errno == EBUSY) return {};
  return std::unexpected(Error(errno,
                               std::string("quotactl(Q_QUOTAON, ") +
                                   (type == USRQUOTA ? "user" : "group") + ") on " +
                                   FilesystemName(fd),
                               ErrorKind::kQuotaOn));
}

// "vda" for "/dev/vda": a clean path under /dev, else empty.
std::string NameUnderDev(const std::string& source) {
  const std::string prefix = "/dev/";
  if (source.rfind(prefix, 0) != 0) return {};
  const fs::path rel = fs::path(source.substr(prefix.size())).lexically_normal();
  if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") return {};
  return rel.string();
}

// The host's node of block device `dev`: /dev/<DEVNAME> from sysfs.
std::string HostNode(dev_t dev) {
  const std::string sys =
      "/sys/dev/block/" + std::to_string(major(dev)) + ":" + std::to_string(minor(dev)) + "/uevent";
  auto uevent = ReadFile(sys);
  if (!uevent) return {};
  const std::string key = "DEVNAME=";
  const size_t at = uevent->find(key);
  if (at == std::string::npos) return {};
  const size_t end = uevent->find('\n', at);
  const std::string node = "/dev/" + uevent->substr(at + key.size(), end - at - key.size());
  struct stat st {};
  if (::stat(node.c_str(), &st) != 0 || !S_ISBLK(st.st_mode) || st.st_rdev != dev) return {};
  return node;
}

Result<QuotaDevice> FindQuotaDevice(const fs::path& priv) {
  UniqueFd fd(::open(priv.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0) return ErrnoError("open(" + priv.string() + ")");
  auto mount = FindMountOf(fd.get());
  QuotaDevice dev{mount ? NameUnderDev(mount->source) : std::string(), HostNode(st.st_dev)};
  if (dev.name.empty() || dev.host.empty())
    return KindError(ErrorKind::kQuotaOn,
                     "QUOTAUGIDLIMIT: cannot tell which device holds " + FilesystemName(fd.get()) +
                         ", which quota tools inside the container would name");
  return dev;
}

}  // namespace

Status EnableUgidQuota(int fd) {
  fs_quota_statv st{};
  st.qs_version = FS_QSTATV_VERSION1;
  if (QuotactlFd(fd, Q_XGETQSTATV, USRQUOTA, 0, &st) != 0 && errno != ENOSYS && errno != ESRCH)
    return std::unexpected(
        Error(errno, "quotactl(Q_XGETQSTATV) on " + FilesystemName(fd), ErrorKind::kQuotaOn));
  if (!(st.qs_flags & FS_QUOTA_UDQ_ACCT) || !(st.qs_flags & FS_QUOTA_GDQ_ACCT))
    return KindError(ErrorKind::kQuotaOn,
                     FilesystemName(fd) +
                         " has no user and group quota for QUOTAUGIDLIMIT: unmount it and run "
                         "'tune2fs -O quota DEVICE' (ext4), then mount it with the usrquota and "
                         "grpquota options; or set QUOTAUGIDLIMIT=0");
  Status on = (st.qs_flags & FS_QUOTA_UDQ_ENFD) ? Status() : TurnOn(fd, USRQUOTA);
  if (on && !(st.qs_flags & FS_QUOTA_GDQ_ENFD)) on = TurnOn(fd, GRPQUOTA);
  return on;
}

Status CheckUgidLayout(const Container& ct) {
  auto layout = ContainerLayout(ct);
  if (!layout) return std::unexpected(layout.error());
  if (*layout == Layout::kSimfs) return {};
  return KindError(ErrorKind::kQuotaOn,
                   "QUOTAUGIDLIMIT: user and group quota inside needs the simfs layout; "
                   "container " +
                       std::to_string(ct.veid()) + " is " + std::string(LayoutName(*layout)));
}

Result<std::optional<QuotaDevice>> QuotaDeviceAtStart(const Container& ct) {
  auto cfg = ReadQuotaConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  if (!cfg->ugid_active()) return std::nullopt;
  if (auto simfs = CheckUgidLayout(ct); !simfs) return std::unexpected(simfs.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  auto dev = FindQuotaDevice(*priv);
  if (!dev) return std::unexpected(dev.error());
  return *dev;
}

}  // namespace vz::internal
