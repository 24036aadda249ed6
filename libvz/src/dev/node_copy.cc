// SPDX-License-Identifier: LGPL-2.1-or-later
#include "dev/node_copy.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <memory>

#include "dev/host_node.h"
#include "kernel/ve_dev_ioctl.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
constexpr const char* kTop = ".vz";
// Appended to a copy's name while it is made: NodeCopyName never has a '%'
// that is not followed by two hex digits.
constexpr const char* kTempSuffix = "%tmp";

std::unexpected<Error> Failed(const char* call, const fs::path& path, int err = errno) {
  return KindError(ErrorKind::kSetDevices, std::string(call) + "(" + path.string() + ")", err);
}

// The directory `name` in `dir` (`shown` is its path), made first (0700)
// with `create`; the link is not followed.
Result<UniqueFd> OpenDir(int dir, const std::string& name, const fs::path& shown, bool create) {
  if (create && ::mkdirat(dir, name.c_str(), 0700) != 0 && errno != EEXIST)
    return Failed("mkdirat", shown);
  UniqueFd fd(::openat(dir, name.c_str(), kDirFlags));
  if (fd.get() < 0) return Failed("open", shown);
  return fd;
}

// <dev_dir>/.vz, made first with `create`.
Result<UniqueFd> OpenTop(const fs::path& dev_dir, bool create) {
  UniqueFd dev(::open(dev_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dev.get() < 0) return Failed("open", dev_dir);
  return OpenDir(dev.get(), kTop, dev_dir / kTop, create);
}

// <dev_dir>/.vz/<ct>, made first with `create`: then it is the host
// root's alone (0700), whoever made it.
Result<UniqueFd> OpenCopyDir(const fs::path& dev_dir, const std::string& ct, bool create) {
  auto top = OpenTop(dev_dir, create);
  if (!top) return top;
  const fs::path shown = dev_dir / kTop / ct;
  auto dir = OpenDir(top->get(), ct, shown, create);
  if (!dir || !create) return dir;
  if (::fchown(dir->get(), 0, 0) != 0) return Failed("fchown", shown);
  if (::fchmod(dir->get(), 0700) != 0) return Failed("fchmod", shown);
  return dir;
}

bool IsNotThere(const Error& e) { return e.err_no() == ENOENT; }

struct DirCloser {
  void operator()(DIR* dir) const { ::closedir(dir); }
};

// Unlinks every entry of `dir` (`shown`): copies, and what else is there
// (a link, an empty directory), none of it followed.
Status RemoveEntries(int dir, const fs::path& shown) {
  const int listing = ::dup(dir);
  if (listing < 0) return Failed("dup", shown);
  std::unique_ptr<DIR, DirCloser> entries(::fdopendir(listing));
  if (!entries) {
    const int err = errno;
    ::close(listing);
    return Failed("opendir", shown, err);
  }
  while (true) {
    errno = 0;
    const dirent* entry = ::readdir(entries.get());
    if (!entry) return errno ? Failed("readdir", shown) : Status();
    const std::string name = entry->d_name;
    if (name == "." || name == "..") continue;
    if (::unlinkat(dir, name.c_str(), 0) == 0 || errno == ENOENT) continue;
    if (errno == EISDIR && ::unlinkat(dir, name.c_str(), AT_REMOVEDIR) == 0) continue;
    return Failed("unlinkat", shown / name);
  }
}

}  // namespace

fs::path NodeCopyDir(const fs::path& dev_dir, unsigned veid) {
  return dev_dir / kTop / std::to_string(veid);
}

std::string NodeCopyName(const std::string& name) {
  std::string file;
  for (char c : name) {
    if (c == '%')
      file += "%25";
    else if (c == '/')
      file += "%2F";
    else
      file += c;
  }
  return file;
}

Result<fs::path> MakeNodeCopy(const fs::path& dev_dir, unsigned veid, const std::string& name,
                              const DeviceId& dev, const IdMap& owner) {
  const fs::path host = dev_dir / name;
  struct stat st;
  if (::stat(host.c_str(), &st) != 0) return Failed("stat", host);
  if (NodeDevice(st) != dev)
    return KindError(ErrorKind::kSetDevices,
                     host.string() + " is no longer " + DeviceName(dev) + ": it changed meanwhile");
  auto dir = OpenCopyDir(dev_dir, std::to_string(veid), true);
  if (!dir) return std::unexpected(dir.error());
  const int fd = dir->get();
  const std::string file = NodeCopyName(name), temp = file + kTempSuffix;
  const fs::path copy = NodeCopyDir(dev_dir, veid) / file;
  const fs::path made = NodeCopyDir(dev_dir, veid) / temp;
  // One a killed vzctl left goes first.
  if (::unlinkat(fd, temp.c_str(), 0) != 0 && errno != ENOENT) return Failed("unlinkat", made);
  const mode_t mode = st.st_mode & 07777;
  if (::mknodat(fd, temp.c_str(), (st.st_mode & S_IFMT) | mode, st.st_rdev) != 0)
    return Failed("mknodat", made);
  // The mode again: mknodat() took the umask off it.
  const char* failed = nullptr;
  if (::fchownat(fd, temp.c_str(), owner.uid_base, owner.gid_base, AT_SYMLINK_NOFOLLOW) != 0)
    failed = "fchownat";
  else if (::fchmodat(fd, temp.c_str(), mode, AT_SYMLINK_NOFOLLOW) != 0)
    failed = "fchmodat";
  else if (::renameat(fd, temp.c_str(), fd, file.c_str()) != 0)
    failed = "renameat";
  if (!failed) return copy;
  const int err = errno;
  (void)::unlinkat(fd, temp.c_str(), 0);
  return Failed(failed, made, err);
}

Result<UniqueFd> OpenNodeCopy(const fs::path& copy, const DeviceId& dev) {
  const fs::path dir = copy.parent_path();
  if (dir.parent_path().filename() != kTop)
    return KindError(ErrorKind::kSetDevices, copy.string() + " is not in a copies directory",
                     EINVAL);
  auto ct = OpenCopyDir(dir.parent_path().parent_path(), dir.filename().string(), false);
  if (!ct) return ct;
  UniqueFd node(::openat(ct->get(), copy.filename().c_str(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
  if (node.get() < 0) return Failed("open", copy);
  struct stat st;
  if (::fstat(node.get(), &st) != 0) return Failed("fstat", copy);
  if (NodeDevice(st) != dev)
    return KindError(ErrorKind::kSetDevices, copy.string() + " is not " + DeviceName(dev), ESTALE);
  return node;
}

Result<UniqueFd> CloneNodeMount(int node, const fs::path& copy) {
  UniqueFd tree(
      ::open_tree(node, "", OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_EMPTY_PATH | AT_NO_AUTOMOUNT));
  if (tree.get() < 0) return Failed("open_tree", copy);
  return tree;
}

Result<UniqueFd> OpenNodeMount(const fs::path& copy, const DeviceId& dev) {
  auto node = OpenNodeCopy(copy, dev);
  if (!node) return node;
  return CloneNodeMount(node->get(), copy);
}

Status RemoveNodeCopy(const fs::path& dev_dir, unsigned veid, const std::string& name) {
  auto dir = OpenCopyDir(dev_dir, std::to_string(veid), false);
  if (!dir) return IsNotThere(dir.error()) ? Status() : std::unexpected(dir.error());
  const std::string file = NodeCopyName(name);
  if (::unlinkat(dir->get(), file.c_str(), 0) != 0 && errno != ENOENT)
    return Failed("unlinkat", NodeCopyDir(dev_dir, veid) / file);
  return {};
}

Status RemoveNodeCopies(const fs::path& dev_dir, unsigned veid) {
  auto top = OpenTop(dev_dir, false);
  if (!top) return IsNotThere(top.error()) ? Status() : std::unexpected(top.error());
  const std::string ct = std::to_string(veid);
  const fs::path shown = NodeCopyDir(dev_dir, veid);
  auto dir = OpenDir(top->get(), ct, shown, false);
  if (dir) {
    if (auto emptied = RemoveEntries(dir->get(), shown); !emptied) return emptied;
  } else if (IsNotThere(dir.error())) {
    return {};
  } else if (dir.error().err_no() != ENOTDIR && dir.error().err_no() != ELOOP) {
    return std::unexpected(dir.error());
  }
  // The directory, now empty, or a link or file in its place.
  if (::unlinkat(top->get(), ct.c_str(), dir ? AT_REMOVEDIR : 0) != 0 && errno != ENOENT)
    return Failed(dir ? "rmdir" : "unlinkat", shown);
  return {};
}

}  // namespace vz::internal
