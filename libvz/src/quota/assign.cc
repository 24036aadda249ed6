// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/assign.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <memory>
#include <string>
#include <vector>

#include "core/unique_fd.h"
#include "quota/project.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 1000;
constexpr int kOpenFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

struct Walk {
  uint32_t id;
  dev_t dev;
};

Status AssignDir(const Walk& walk, int dirfd, const fs::path& where, int depth);

// A symlink cannot be opened to change its project: it is made again, with
// its owner and times, in its directory (which passes the project on) and
// renamed over the old one. One that changed meanwhile, or whose
// temporary name is taken, is left as it is.
Status RenewSymlink(int dirfd, const std::string& name, const fs::path& where) {
  struct stat st {};
  if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISLNK(st.st_mode) ||
      st.st_nlink != 1)
    return {};
  char target[PATH_MAX];
  const ssize_t n = ::readlinkat(dirfd, name.c_str(), target, sizeof(target) - 1);
  if (n < 0) return {};
  target[n] = '\0';
  const std::string tmp = ".vzquota-renew." + std::to_string(::getpid());
  if (::symlinkat(target, dirfd, tmp.c_str()) != 0) {
    if (errno == EEXIST) return {};
    return ErrnoError("symlink(" + (where / tmp).string() + ")");
  }
  const timespec times[2] = {st.st_atim, st.st_mtim};
  if (::fchownat(dirfd, tmp.c_str(), st.st_uid, st.st_gid, AT_SYMLINK_NOFOLLOW) != 0 ||
      ::utimensat(dirfd, tmp.c_str(), times, AT_SYMLINK_NOFOLLOW) != 0 ||
      ::renameat(dirfd, tmp.c_str(), dirfd, name.c_str()) != 0) {
    auto err = ErrnoError("renewing symlink " + (where / name).string());
    ::unlinkat(dirfd, tmp.c_str(), 0);
    return err;
  }
  return {};
}

// One entry of a directory: opened only when lstat says it is a directory
// or a regular file on the same filesystem, and checked again once open.
// Symlinks are added to `links`, to be renewed once the directory is read.
Status AssignEntry(const Walk& walk, int dirfd, const char* name, const fs::path& where, int depth,
                   std::vector<std::string>* links) {
  struct stat st {};
  if (::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return {};
    return ErrnoError("stat(" + (where / name).string() + ")");
  }
  if (S_ISLNK(st.st_mode) && st.st_dev == walk.dev) links->push_back(name);
  if (!(S_ISDIR(st.st_mode) || S_ISREG(st.st_mode)) || st.st_dev != walk.dev) return {};
  UniqueFd fd(::openat(dirfd, name, kOpenFlags | (S_ISDIR(st.st_mode) ? O_DIRECTORY : 0)));
  if (fd.get() < 0) {
    if (errno == ENOENT || errno == ELOOP) return {};  // replaced meanwhile
    return ErrnoError("open(" + (where / name).string() + ")");
  }
  struct stat now {};
  if (::fstat(fd.get(), &now) != 0) return ErrnoError("fstat(" + (where / name).string() + ")");
  if (now.st_ino != st.st_ino || now.st_dev != st.st_dev) return {};
  if (S_ISDIR(now.st_mode)) return AssignDir(walk, fd.get(), where / name, depth + 1);
  return SetProject(fd.get(), walk.id, (where / name).string());
}

Status AssignDir(const Walk& walk, int dirfd, const fs::path& where, int depth) {
  if (depth > kMaxDepth)
    return KindError(ErrorKind::kQuotaInit,
                     where.string() + ": more than " + std::to_string(kMaxDepth) + " levels deep");
  if (auto set = SetProject(dirfd, walk.id, where.string()); !set) return set;
  const int copy = ::fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) return ErrnoError("dup(" + where.string() + ")");
  std::unique_ptr<DIR, DirCloser> dir(::fdopendir(copy));
  if (!dir) {
    ::close(copy);
    return ErrnoError("opendir(" + where.string() + ")");
  }
  std::vector<std::string> links;
  while (dirent* e = ::readdir(dir.get())) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    if (auto done = AssignEntry(walk, dirfd, e->d_name, where, depth, &links); !done) return done;
  }
  for (const auto& link : links)
    if (auto renewed = RenewSymlink(dirfd, link, where); !renewed) return renewed;
  return {};
}

}  // namespace

Status AssignProject(const fs::path& top, uint32_t id) {
  UniqueFd fd(::open(top.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + top.string() + ")");
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return ErrnoError("fstat(" + top.string() + ")");
  return AssignDir(Walk{id, st.st_dev}, fd.get(), top, 0);
}

}  // namespace vz::internal
