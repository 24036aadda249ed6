// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/apply.h"

#include <fcntl.h>
#include <unistd.h>

#include "core/unique_fd.h"
#include "quota/assign.h"
#include "quota/project.h"
#include "quota/ugid.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

Result<UniqueFd> OpenDir(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + dir.string() + ")");
  return fd;
}

Status ApplyGrace(int fd, uint64_t grace, std::vector<std::string>* notes) {
  auto now = GetProjectGrace(fd);
  if (!now) return std::unexpected(now.error());
  if (*now == grace) return {};
  if (auto set = SetProjectGrace(fd, grace); !set) return set;
  if (notes)
    notes->push_back("QUOTATIME " + std::to_string(grace) + ": the grace time of " +
                     FilesystemName(fd) + " is one for all its containers; it was " +
                     std::to_string(*now) + " s");
  return {};
}

// The project's limits, written only when they change (a write is a
// journalled quota update).
Status SetLimits(int fd, uint32_t veid, const DiskLimit& space, const DiskLimit& inodes) {
  auto now = GetProjectQuota(fd, veid);
  if (now && now->space == space && now->inode_limit == inodes) return {};
  return SetProjectLimits(fd, veid, space, inodes);
}

Status ApplyActive(const fs::path& priv, int fd, uint32_t veid, const QuotaConfig& cfg,
                   std::vector<std::string>* notes) {
  if (auto ok = CheckProjectQuota(fd); !ok) return ok;
  auto project = InheritedProject(fd);
  if (!project) return std::unexpected(project.error().Wrap(priv.string()));
  if (*project != veid) {
    if (auto assigned = AssignProject(priv, veid); !assigned)
      return std::unexpected(assigned.error().Wrap("disk quota of " + priv.string()));
  }
  if (auto set =
          SetLimits(fd, veid, cfg.space.value_or(DiskLimit{}), cfg.inodes.value_or(DiskLimit{}));
      !set)
    return set;
  return cfg.grace ? ApplyGrace(fd, *cfg.grace, notes) : Status();
}

}  // namespace

Status CheckDiskQuota(const fs::path& dir) {
  auto fd = OpenDir(dir);
  if (!fd) return std::unexpected(fd.error());
  return CheckProjectQuota(fd->get());
}

Status ApplyDiskQuota(const fs::path& priv, uint32_t veid, const QuotaConfig& cfg,
                      std::vector<std::string>* notes) {
  auto fd = OpenDir(priv);
  if (!fd) return std::unexpected(fd.error());
  if (cfg.ugid_active()) {
    if (auto on = EnableUgidQuota(fd->get()); !on) return on;
  }
  if (cfg.active()) return ApplyActive(priv, fd->get(), veid, cfg, notes);
  // Off: a project keeps counting, without limits.
  auto project = InheritedProject(fd->get());
  if (!project || *project != veid) return {};
  return SetLimits(fd->get(), veid, {}, {});
}

void DropDiskQuota(const fs::path& parent, uint32_t veid) {
  auto fd = OpenDir(parent);
  if (fd) (void)SetProjectLimits(fd->get(), veid, {}, {});
}

}  // namespace vz::internal
