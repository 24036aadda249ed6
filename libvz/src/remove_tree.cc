// SPDX-License-Identifier: LGPL-2.1-or-later
#include "remove_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "unique_fd.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

// Which directory an entry is, so that a swapped one is noticed.
struct DirId {
  dev_t dev = 0;
  ino_t ino = 0;
  bool operator==(const DirId&) const = default;
};

DirId IdOf(const struct stat& st) { return {st.st_dev, st.st_ino}; }

// One directory on the way down: its name in its parent and its identity.
struct Level {
  std::string name;
  DirId id;
};

// Opens the subdirectory `name` of `dirfd` without following a symlink or
// crossing a mount (openat2 where the kernel has it, st_dev otherwise).
int OpenSubdir(int dirfd, const std::string& name) {
#ifdef SYS_openat2
  open_how how{};
  how.flags = kDirFlags;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_XDEV | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;
  const long fd = ::syscall(SYS_openat2, dirfd, name.c_str(), &how, sizeof(how));
  if (fd >= 0 || errno != ENOSYS) return static_cast<int>(fd);
#endif
  return ::openat(dirfd, name.c_str(), kDirFlags);
}

class TreeRemover {
 public:
  explicit TreeRemover(fs::path top) : top_(std::move(top)) {}

  Status Run();

 private:
  Status Start(const struct stat& st);
  Result<std::optional<Level>> ClearCurrent();
  Status ClearEntry(int dirfd, const std::string& name, std::optional<Level>* busy);
  Status Descend(const Level& child);
  Status Ascend();
  Status RemoveTop();
  std::string Shown(const std::string& name = "") const;

  fs::path top_;
  UniqueFd cur_{-1};          // the directory at the end of stack_
  std::vector<Level> stack_;  // stack_[0] is top_ itself
};

Status TreeRemover::Run() {
  struct stat st;
  if (::lstat(top_.c_str(), &st) != 0) {
    if (errno == ENOENT) return {};
    return ErrnoError("lstat(" + top_.string() + ")");
  }
  if (!S_ISDIR(st.st_mode)) {
    if (::unlink(top_.c_str()) != 0) return ErrnoError("unlink(" + top_.string() + ")");
    return {};
  }
  if (auto started = Start(st); !started) return started;
  while (!stack_.empty()) {
    auto busy = ClearCurrent();
    if (!busy) return std::unexpected(busy.error());
    auto step = *busy ? Descend(**busy) : Ascend();
    if (!step) return step;
  }
  return {};
}

Status TreeRemover::Start(const struct stat& st) {
  cur_ = UniqueFd(::open(top_.c_str(), kDirFlags));
  if (cur_.get() < 0) return ErrnoError("open(" + top_.string() + ")");
  struct stat opened;
  if (::fstat(cur_.get(), &opened) != 0) return ErrnoError("fstat(" + top_.string() + ")");
  if (IdOf(opened) != IdOf(st)) return MakeError(ESTALE, "open(" + top_.string() + ")");
  stack_.push_back({top_.filename().string(), IdOf(st)});
  return {};
}

// Removes every entry of the current directory that can go at once: files,
// links and empty directories. Returns the first directory that is not
// empty, to descend into, or nullopt when the directory is now empty.
Result<std::optional<Level>> TreeRemover::ClearCurrent() {
  const int listing = ::dup(cur_.get());
  if (listing < 0) return ErrnoError("dup(" + Shown() + ")");
  std::unique_ptr<DIR, DirCloser> dir(::fdopendir(listing));
  if (!dir) {
    ::close(listing);
    return ErrnoError("opendir(" + Shown() + ")");
  }
  std::optional<Level> busy;
  while (!busy) {
    errno = 0;
    const dirent* entry = ::readdir(dir.get());
    if (!entry) {
      if (errno != 0) return ErrnoError("readdir(" + Shown() + ")");
      break;
    }
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (auto cleared = ClearEntry(cur_.get(), name, &busy); !cleared)
      return std::unexpected(cleared.error());
  }
  return busy;
}

// Unlinks one entry; a directory that is not empty is left in *busy.
Status TreeRemover::ClearEntry(int dirfd, const std::string& name, std::optional<Level>* busy) {
  struct stat st;
  if (::fstatat(dirfd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0)
    return ErrnoError("fstatat(" + Shown(name) + ")");
  if (!S_ISDIR(st.st_mode)) {
    if (::unlinkat(dirfd, name.c_str(), 0) != 0) return ErrnoError("unlinkat(" + Shown(name) + ")");
    return {};
  }
  if (st.st_dev != stack_.front().id.dev)
    return MakeError(EXDEV, "remove(" + Shown(name) + "): a mount point, not crossed");
  if (::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR) == 0) return {};
  if (errno != ENOTEMPTY && errno != EEXIST) return ErrnoError("rmdir(" + Shown(name) + ")");
  *busy = Level{name, IdOf(st)};
  return {};
}

Status TreeRemover::Descend(const Level& child) {
  UniqueFd fd(OpenSubdir(cur_.get(), child.name));
  if (fd.get() < 0) {
    if (errno == EXDEV)
      return MakeError(EXDEV, "remove(" + Shown(child.name) + "): a mount point, not crossed");
    return ErrnoError("open(" + Shown(child.name) + ")");
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return ErrnoError("fstat(" + Shown(child.name) + ")");
  if (IdOf(st) != child.id)
    return MakeError(ESTALE, "open(" + Shown(child.name) + "): replaced while being removed");
  cur_ = std::move(fd);
  stack_.push_back(child);
  return {};
}

// The current directory is empty: goes back to its parent and removes it.
Status TreeRemover::Ascend() {
  if (stack_.size() == 1) return RemoveTop();
  UniqueFd parent(::openat(cur_.get(), "..", kDirFlags));
  if (parent.get() < 0) return ErrnoError("open(" + Shown("..") + ")");
  struct stat st;
  if (::fstat(parent.get(), &st) != 0) return ErrnoError("fstat(" + Shown("..") + ")");
  if (IdOf(st) != stack_[stack_.size() - 2].id)
    return MakeError(ESTALE, "open(" + Shown("..") + "): moved while being removed");
  const Level done = stack_.back();
  stack_.pop_back();
  cur_ = std::move(parent);
  if (::unlinkat(cur_.get(), done.name.c_str(), AT_REMOVEDIR) != 0)
    return ErrnoError("rmdir(" + Shown(done.name) + ")");
  return {};
}

Status TreeRemover::RemoveTop() {
  cur_ = UniqueFd(-1);
  stack_.clear();
  if (::rmdir(top_.c_str()) != 0) return ErrnoError("rmdir(" + top_.string() + ")");
  return {};
}

// The path of `name` in the current directory, for messages.
std::string TreeRemover::Shown(const std::string& name) const {
  fs::path path = top_;
  for (size_t i = 1; i < stack_.size(); ++i) path /= stack_[i].name;
  if (!name.empty()) path /= name;
  return path.string();
}

}  // namespace

Status RemoveTree(const fs::path& path) { return TreeRemover(path).Run(); }

}  // namespace vz::internal
