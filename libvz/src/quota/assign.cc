// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/assign.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <memory>
#include <string>

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

// One entry of a directory: opened only when lstat says it is a directory
// or a regular file on the same filesystem, and checked again once open.
Status AssignEntry(const Walk& walk, int dirfd, const char* name, const fs::path& where,
                   int depth) {
  struct stat st {};
  if (::fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
    if (errno == ENOENT) return {};
    return ErrnoError("stat(" + (where / name).string() + ")");
  }
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
  while (dirent* e = ::readdir(dir.get())) {
    const std::string name = e->d_name;
    if (name == "." || name == "..") continue;
    if (auto done = AssignEntry(walk, dirfd, e->d_name, where, depth); !done) return done;
  }
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
