// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/remove_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/unique_fd.h"

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

// What the walk needs to know of an entry: its type, its identity and which
// mount it is on. A change of st_dev is no mount point (btrfs subvolumes
// have a device of their own), so mounts are told apart by mount id, by
// STATX_ATTR_MOUNT_ROOT where the kernel has no mount ids, and by st_dev
// only where it has neither.
struct EntryInfo {
  bool is_dir = false;
  DirId id;
  std::optional<uint64_t> mnt_id;
  std::optional<bool> mount_root;
};

// statx of `name` in `dirfd` (of `dirfd` itself when `name` is empty),
// never following a symlink.
int StatEntry(int dirfd, const std::string& name, EntryInfo* info) {
  struct statx stx {};
  const int flags = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | (name.empty() ? AT_EMPTY_PATH : 0);
  if (::statx(dirfd, name.c_str(), flags, STATX_TYPE | STATX_INO | STATX_MNT_ID, &stx) != 0)
    return -1;
  info->is_dir = S_ISDIR(stx.stx_mode);
  info->id = {makedev(stx.stx_dev_major, stx.stx_dev_minor), stx.stx_ino};
  info->mnt_id.reset();
  info->mount_root.reset();
  if (stx.stx_mask & STATX_MNT_ID) info->mnt_id = stx.stx_mnt_id;
  if (stx.stx_attributes_mask & STATX_ATTR_MOUNT_ROOT)
    info->mount_root = (stx.stx_attributes & STATX_ATTR_MOUNT_ROOT) != 0;
  return 0;
}

// Whether the directory `entry`, found below `top`, is on another mount.
bool OnOtherMount(const EntryInfo& entry, const EntryInfo& top) {
  if (entry.mnt_id && top.mnt_id) return *entry.mnt_id != *top.mnt_id;
  if (entry.mount_root) return *entry.mount_root;
  return entry.id.dev != top.id.dev;
}

// One directory on the way down: its name in its parent and its identity.
struct Level {
  std::string name;
  DirId id;
};

// Opens the subdirectory `name` of `dirfd` without following a symlink or
// crossing a mount (openat2 where the kernel has it; otherwise the caller
// checks the mount of what it opened). RESOLVE_NO_XDEV refuses mount points
// only, not a btrfs subvolume, which is no mount.
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
  Status Start(const EntryInfo& top);
  Result<std::optional<Level>> ClearCurrent();
  Status ClearEntry(int dirfd, const std::string& name, std::optional<Level>* busy);
  Status Descend(const Level& child);
  Status Ascend();
  Status RemoveTop();
  std::string Shown(const std::string& name = "") const;
  std::unexpected<Error> NotCrossed(const std::string& name) const;

  fs::path top_;
  EntryInfo top_info_;
  UniqueFd cur_{-1};          // the directory at the end of stack_
  std::vector<Level> stack_;  // stack_[0] is top_ itself
};

Status TreeRemover::Run() {
  EntryInfo top;
  if (StatEntry(AT_FDCWD, top_.string(), &top) != 0) {
    if (errno == ENOENT) return {};
    return ErrnoError("statx(" + top_.string() + ")");
  }
  if (!top.is_dir) {
    if (::unlink(top_.c_str()) != 0) return ErrnoError("unlink(" + top_.string() + ")");
    return {};
  }
  if (auto started = Start(top); !started) return started;
  while (!stack_.empty()) {
    auto busy = ClearCurrent();
    if (!busy) return std::unexpected(busy.error());
    auto step = *busy ? Descend(**busy) : Ascend();
    if (!step) return step;
  }
  return {};
}

Status TreeRemover::Start(const EntryInfo& top) {
  cur_ = UniqueFd(::open(top_.c_str(), kDirFlags));
  if (cur_.get() < 0) return ErrnoError("open(" + top_.string() + ")");
  if (StatEntry(cur_.get(), "", &top_info_) != 0) return ErrnoError("statx(" + top_.string() + ")");
  if (top_info_.id != top.id) return MakeError(ESTALE, "open(" + top_.string() + ")");
  stack_.push_back({top_.filename().string(), top.id});
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
  EntryInfo entry;
  if (StatEntry(dirfd, name, &entry) != 0) return ErrnoError("statx(" + Shown(name) + ")");
  if (!entry.is_dir) {
    if (::unlinkat(dirfd, name.c_str(), 0) != 0) return ErrnoError("unlinkat(" + Shown(name) + ")");
    return {};
  }
  if (OnOtherMount(entry, top_info_)) return NotCrossed(name);
  if (::unlinkat(dirfd, name.c_str(), AT_REMOVEDIR) == 0) return {};
  if (errno != ENOTEMPTY && errno != EEXIST) return ErrnoError("rmdir(" + Shown(name) + ")");
  *busy = Level{name, entry.id};
  return {};
}

Status TreeRemover::Descend(const Level& child) {
  UniqueFd fd(OpenSubdir(cur_.get(), child.name));
  if (fd.get() < 0) {
    if (errno == EXDEV) return NotCrossed(child.name);
    return ErrnoError("open(" + Shown(child.name) + ")");
  }
  EntryInfo opened;
  if (StatEntry(fd.get(), "", &opened) != 0) return ErrnoError("statx(" + Shown(child.name) + ")");
  if (opened.id != child.id)
    return MakeError(ESTALE, "open(" + Shown(child.name) + "): replaced while being removed");
  if (OnOtherMount(opened, top_info_)) return NotCrossed(child.name);
  cur_ = std::move(fd);
  stack_.push_back(child);
  return {};
}

// The current directory is empty: goes back to its parent and removes it.
Status TreeRemover::Ascend() {
  if (stack_.size() == 1) return RemoveTop();
  UniqueFd parent(::openat(cur_.get(), "..", kDirFlags));
  if (parent.get() < 0) return ErrnoError("open(" + Shown("..") + ")");
  EntryInfo st;
  if (StatEntry(parent.get(), "", &st) != 0) return ErrnoError("statx(" + Shown("..") + ")");
  if (st.id != stack_[stack_.size() - 2].id)
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

std::unexpected<Error> TreeRemover::NotCrossed(const std::string& name) const {
  return MakeError(EXDEV, "remove(" + Shown(name) + "): a mount point, not crossed");
}

}  // namespace

Status RemoveTree(const fs::path& path) { return TreeRemover(path).Run(); }

}  // namespace vz::internal
