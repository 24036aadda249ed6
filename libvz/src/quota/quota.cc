// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/quota/quota.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>

#include "core/unique_fd.h"
#include "quota/apply.h"
#include "quota/assign.h"
#include "quota/config.h"
#include "quota/project.h"

namespace vz {

namespace {

using internal::UniqueFd;

constexpr uint64_t kKiB = 1024;

Result<std::filesystem::path> PrivateArea(const Container& ct) {
  auto priv = ct.private_dir();
  if (!priv) return priv;
  struct stat st {};
  if (::lstat(priv->c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return KindError(ErrorKind::kPrivateMissing,
                     "private area " + priv->string() + " does not exist", ENOENT);
  return priv;
}

// The configs, refusing DISK_QUOTA=no with `kind`.
Result<internal::QuotaConfig> EnabledConfig(const Container& ct, ErrorKind kind) {
  auto cfg = internal::ReadQuotaConfig(ct.config());
  if (!cfg) return cfg;
  if (!cfg->disk_quota) return KindError(kind, "disk quota is off (DISK_QUOTA=no)");
  return cfg;
}

Status WithKind(Status st, ErrorKind kind) {
  if (st || st.error().kind() != ErrorKind::kSystem) return st;
  return std::unexpected(Error(st.error().err_no(), st.error().context(), kind));
}

std::string Grace(int64_t ends, int64_t now) {
  if (!ends) return "";
  if (ends <= now) return "none";
  const int64_t left = ends - now;
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%lldd%02lld:%02lld:%02lld", static_cast<long long>(left / 86400),
                static_cast<long long>(left / 3600 % 24), static_cast<long long>(left / 60 % 60),
                static_cast<long long>(left % 60));
  return buf;
}

std::string Row(const char* name, uint64_t used, const DiskLimit& limit, const std::string& grace) {
  char buf[128];
  std::snprintf(buf, sizeof(buf), "%11s %14llu %14llu %14llu %8s\n", name,
                static_cast<unsigned long long>(used), static_cast<unsigned long long>(limit.soft),
                static_cast<unsigned long long>(limit.hard), grace.c_str());
  return buf;
}

}  // namespace

Result<DiskQuotaStat> ReadDiskQuota(const Container& ct) {
  auto priv = PrivateArea(ct);
  if (!priv) return std::unexpected(priv.error());
  UniqueFd fd(::open(priv->c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + priv->string() + ")");
  auto project = internal::InheritedProject(fd.get());
  if (!project || *project != ct.veid())
    return KindError(ErrorKind::kQuotaInit, "container " + std::to_string(ct.veid()) +
                                                " has no disk quota: " + priv->string() +
                                                " is not its project (vzctl quotainit " +
                                                std::to_string(ct.veid()) + ")");
  auto q = internal::GetProjectQuota(fd.get(), ct.veid());
  if (!q) return std::unexpected(q.error());
  return DiskQuotaStat{.space_used = (q->space_bytes + kKiB - 1) / kKiB,
                       .space = q->space,
                       .space_grace_ends = q->space_grace_ends,
                       .inodes_used = q->inodes,
                       .inodes = q->inode_limit,
                       .inode_grace_ends = q->inode_grace_ends};
}

Status QuotaOn(const Container& ct) {
  auto cfg = EnabledConfig(ct, ErrorKind::kQuotaOn);
  if (!cfg) return std::unexpected(cfg.error());
  if (!cfg->active())
    return KindError(ErrorKind::kQuotaOn, "neither DISKSPACE nor DISKINODES is set");
  auto priv = PrivateArea(ct);
  if (!priv) return std::unexpected(priv.error());
  return WithKind(internal::ApplyDiskQuota(*priv, ct.veid(), *cfg, nullptr), ErrorKind::kQuotaOn);
}

Status QuotaOff(const Container& ct) {
  auto cfg = EnabledConfig(ct, ErrorKind::kQuotaOff);
  if (!cfg) return std::unexpected(cfg.error());
  auto priv = PrivateArea(ct);
  if (!priv) return std::unexpected(priv.error());
  internal::QuotaConfig off = *cfg;
  off.disk_quota = false;
  return WithKind(internal::ApplyDiskQuota(*priv, ct.veid(), off, nullptr), ErrorKind::kQuotaOff);
}

Status QuotaInit(const Container& ct) {
  auto cfg = EnabledConfig(ct, ErrorKind::kQuotaInit);
  if (!cfg) return std::unexpected(cfg.error());
  auto priv = PrivateArea(ct);
  if (!priv) return std::unexpected(priv.error());
  if (auto ok = internal::CheckDiskQuota(*priv); !ok) return ok;
  if (auto walked = internal::AssignProject(*priv, ct.veid()); !walked)
    return WithKind(walked, ErrorKind::kQuotaInit);
  if (!cfg->active()) return {};
  return WithKind(internal::ApplyDiskQuota(*priv, ct.veid(), *cfg, nullptr),
                  ErrorKind::kQuotaSetLimit);
}

std::string FormatQuotaStat(const DiskQuotaStat& stat, int64_t now) {
  char head[128];
  std::snprintf(head, sizeof(head), "%11s %14s %14s %14s %8s\n", "resource", "usage", "softlimit",
                "hardlimit", "grace");
  return head + Row("1k-blocks", stat.space_used, stat.space, Grace(stat.space_grace_ends, now)) +
         Row("inodes", stat.inodes_used, stat.inodes, Grace(stat.inode_grace_ends, now));
}

}  // namespace vz
