// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/fs/mount.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>

#include <functional>
#include <sstream>

#include "core/file.h"
#include "core/unique_fd.h"
#include "fs/overlay.h"
#include "kernel/vzdev.h"
#include "vz/fs/layout.h"

namespace vz {

namespace {

// Undoes the octal escapes (\040 for a space) of /proc/self/mountinfo.
std::string Unescape(const std::string& field) {
  std::string out;
  for (size_t i = 0; i < field.size(); ++i) {
    if (field[i] == '\\' && i + 3 < field.size()) {
      out += static_cast<char>(std::stoi(field.substr(i + 1, 3), nullptr, 8));
      i += 3;
    } else {
      out += field[i];
    }
  }
  return out;
}

// The private area as an O_PATH descriptor. Its last component must be a
// real directory: a symlink there (planted by a template or by hand) is
// never followed, so the container cannot boot on a host directory.
Result<internal::UniqueFd> OpenPrivate(const std::filesystem::path& priv) {
  internal::UniqueFd fd(::open(priv.c_str(), O_PATH | O_NOFOLLOW | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() >= 0) return fd;
  const int err = errno;
  if (err == ENOENT)
    return KindError(ErrorKind::kPrivateMissing,
                     "container private area " + priv.string() + " does not exist", ENOENT);
  if (err == ELOOP || err == ENOTDIR)
    return KindError(
        ErrorKind::kPrivateMissing,
        "container private area " + priv.string() + " is not a directory (a symlink is refused)",
        err);
  return MakeError(err, "open(" + priv.string() + ")");
}

}  // namespace

namespace {

// Calls `stop` with each mount point of a mountinfo file, octal escapes
// undone, until it returns true: whether one did.
Result<bool> ScanMountPoints(const std::filesystem::path& mountinfo,
                             const std::function<bool(const std::string&)>& stop) {
  auto info = internal::ReadFile(mountinfo);
  if (!info) return std::unexpected(info.error());
  std::istringstream in(*info);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, parent, devno, root, mount_point;
    fields >> id >> parent >> devno >> root >> mount_point;
    if (stop(Unescape(mount_point))) return true;
  }
  return false;
}

}  // namespace

Result<std::set<std::string>> MountPoints(const std::filesystem::path& mountinfo) {
  std::set<std::string> points;
  auto scanned = ScanMountPoints(mountinfo, [&](const std::string& point) {
    points.insert(point);
    return false;
  });
  if (!scanned) return std::unexpected(scanned.error());
  return points;
}

// Stops at the first match: vzctl status asks this for one container on a
// host that may have thousands of mounts.
Result<bool> IsMountPoint(const std::filesystem::path& dir) {
  std::error_code ec;
  const std::string want = std::filesystem::weakly_canonical(dir, ec).string();
  return ScanMountPoints("/proc/self/mountinfo",
                         [&](const std::string& point) { return point == want; });
}

namespace {

// Adds nodev to the mount on `root` and keeps every other flag it has
// from its source (nosuid, noexec, ro): a remount with MS_NODEV alone
// would clear them. Kernels without mount_setattr get a remount with the
// flags statvfs reports, as util-linux does.
Status AddNodev(const std::filesystem::path& root) {
  mount_attr attr{};
  attr.attr_set = MOUNT_ATTR_NODEV;
  if (::mount_setattr(AT_FDCWD, root.c_str(), 0, &attr, sizeof(attr)) == 0) return {};
  if (errno != ENOSYS) return ErrnoError("mount_setattr(" + root.string() + ", nodev)");
  struct statvfs sv;
  if (::statvfs(root.c_str(), &sv) != 0) return ErrnoError("statvfs(" + root.string() + ")");
  unsigned long flags = MS_REMOUNT | MS_BIND | MS_NODEV;
  for (const auto& [st, ms] :
       {std::pair{ST_RDONLY, MS_RDONLY}, std::pair{ST_NOSUID, MS_NOSUID},
        std::pair{ST_NOEXEC, MS_NOEXEC}, std::pair{ST_NOATIME, MS_NOATIME},
        std::pair{ST_NODIRATIME, MS_NODIRATIME}, std::pair{ST_RELATIME, MS_RELATIME}}) {
    if (sv.f_flag & st) flags |= ms;
  }
  if (::mount(nullptr, root.c_str(), nullptr, flags, nullptr) != 0)
    return ErrnoError("mount(" + root.string() + ", remount nodev)");
  return {};
}

// The simfs layout: the private area itself, bind-mounted (the source is
// the descriptor opened before, not the path again).
Status BindPrivate(int priv_fd, const std::filesystem::path& priv,
                   const std::filesystem::path& root) {
  const std::string source = "/proc/self/fd/" + std::to_string(priv_fd);
  if (::mount(source.c_str(), root.c_str(), nullptr, MS_BIND, nullptr) != 0)
    return ErrnoError("mount(" + priv.string() + " on " + root.string() + ")");
  // No device node of the container's own files opens a device: the
  // container's /dev is a separate mount. The flag is locked inside.
  if (auto nodev = AddNodev(root); !nodev) {
    ::umount2(root.c_str(), MNT_DETACH);
    return nodev;
  }
  return {};
}

}  // namespace

namespace {

// Tells the kernel's event listeners (ve-mount, ve-umount). Best effort,
// as the events themselves: a host without the VE kernel has no listener
// to tell, and a lost event must not undo a mount that worked.
void AnnounceMount(unsigned int veid, bool mounted) {
  auto dev = VzDevice::Open();
  if (dev) (void)dev->AnnounceMount(veid, mounted);
}

// The mount itself, by the container's layout.
Status MountRoot(const Container& ct, int priv_fd, const std::filesystem::path& priv,
                 const std::filesystem::path& root) {
  auto layout = ContainerLayout(ct);
  if (!layout) return std::unexpected(layout.error());
  if (*layout == Layout::kSimfs) return BindPrivate(priv_fd, priv, root);
  auto map = ct.id_map();
  if (!map) return std::unexpected(map.error());
  return internal::MountOverlay(priv_fd, priv, root, *map);
}

}  // namespace

Status MountContainer(const Container& ct) {
  auto root = ct.root();
  if (!root) return std::unexpected(root.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  auto priv_fd = OpenPrivate(*priv);
  if (!priv_fd) return std::unexpected(priv_fd.error());
  auto mounted = IsMountPoint(*root);
  if (!mounted) return std::unexpected(mounted.error());
  if (*mounted)
    return KindError(ErrorKind::kMounted, "container is already mounted on " + root->string());
  // VE_ROOT's parent (/vz/root) is for host root only: through it, other
  // host users would reach every running container's files and setuid
  // programs. The container's init opens VE_ROOT before it drops to the
  // container's root, so nothing else needs it.
  if (auto made = internal::MakeHostOnlyDir(root->parent_path()); !made) return made;
  if (auto made = internal::MakePrivateParents(*root); !made) return made;
  auto mounted_now = MountRoot(ct, priv_fd->get(), *priv, *root);
  if (mounted_now) AnnounceMount(ct.veid(), true);
  return mounted_now;
}

Status UmountContainer(const Container& ct) {
  auto root = ct.root();
  if (!root) return std::unexpected(root.error());
  auto mounted = IsMountPoint(*root);
  if (!mounted) return std::unexpected(mounted.error());
  if (!*mounted)
    return KindError(ErrorKind::kNotMounted, "container is not mounted on " + root->string());
  if (::umount2(root->c_str(), 0) != 0) return ErrnoError("umount(" + root->string() + ")");
  AnnounceMount(ct.veid(), false);
  return {};
}

}  // namespace vz
