// SPDX-License-Identifier: LGPL-2.1-or-later
#include "fs/template_tree.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>

#include <cstdio>

#include "core/file.h"
#include "core/remove_tree.h"
#include "core/unique_fd.h"

namespace vz::internal {

namespace fs = std::filesystem;

namespace {

// An flock on <dir>/.lock, held while the descriptor lives.
Result<UniqueFd> LockTreeDir(const fs::path& dir) {
  const fs::path path = dir / ".lock";
  UniqueFd fd(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (fd.get() < 0) return ErrnoError("open(" + path.string() + ")");
  while (::flock(fd.get(), LOCK_EX) != 0)
    if (errno != EINTR) return ErrnoError("flock(" + path.string() + ")");
  return fd;
}

bool IsDirectory(const fs::path& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

Status UnpackTree(const fs::path& archive, const fs::path& tree, const UnpackOptions& opts) {
  const fs::path tmp = tree.string() + ".tmp";
  if (auto removed = RemoveTree(tmp); !removed) return removed;
  UnpackOptions unshifted{.progress = opts.progress, .cancel = opts.cancel, .prepare = nullptr};
  if (auto done = UnpackTemplate(archive, tmp, unshifted); !done) return done;
  // On disk before it is in place: containers are made on it at once.
  auto err = SyncFilesystem(tmp);
  if (err && ::rename(tmp.c_str(), tree.c_str()) == 0) return SyncDirectory(tree.parent_path());
  if (err) err = ErrnoError("rename(" + tmp.string() + ", " + tree.string() + ")");
  (void)RemoveTree(tmp);
  return err;
}

}  // namespace

Result<std::string> TemplateVersion(const fs::path& archive) {
  struct stat st;
  if (::stat(archive.c_str(), &st) != 0) return ErrnoError("stat(" + archive.string() + ")");
  const unsigned long long mtime_ns =
      static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL +
      static_cast<unsigned long long>(st.st_mtim.tv_nsec);
  char text[64];
  std::snprintf(text, sizeof(text), "%llx-%llx-%llx", static_cast<unsigned long long>(st.st_ino),
                static_cast<unsigned long long>(st.st_size), mtime_ns);
  return std::string(text);
}

Result<fs::path> SharedTemplateTree(const fs::path& template_dir, std::string_view name,
                                    const fs::path& archive, const UnpackOptions& opts) {
  auto version = TemplateVersion(archive);
  if (!version) return std::unexpected(version.error());
  const fs::path trees = template_dir / "tree";
  const fs::path dir = trees / name;
  const fs::path tree = dir / *version;
  if (IsDirectory(tree)) return tree;
  if (auto made = MakeHostOnlyDir(trees); !made) return std::unexpected(made.error());
  if (auto made = MakePrivateParents(dir, 0700); !made) return std::unexpected(made.error());
  auto lock = LockTreeDir(dir);
  if (!lock) return std::unexpected(lock.error());
  // Another create may have unpacked it while we waited.
  if (IsDirectory(tree)) return tree;
  if (auto unpacked = UnpackTree(archive, tree, opts); !unpacked)
    return std::unexpected(unpacked.error());
  return tree;
}

}  // namespace vz::internal
