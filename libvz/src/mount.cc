// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/mount.h"

#include <sys/mount.h>
#include <sys/stat.h>

#include <sstream>

#include "file.h"

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

}  // namespace

Result<bool> IsMountPoint(const std::filesystem::path& dir) {
  std::error_code ec;
  const auto want = std::filesystem::weakly_canonical(dir, ec);
  auto info = internal::ReadFile("/proc/self/mountinfo");
  if (!info) return std::unexpected(info.error());
  std::istringstream in(*info);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string id, parent, devno, root, mount_point;
    fields >> id >> parent >> devno >> root >> mount_point;
    if (Unescape(mount_point) == want.string()) return true;
  }
  return false;
}

Status MountContainer(const Container& ct) {
  auto root = ct.root();
  if (!root) return std::unexpected(root.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  struct stat st;
  if (::stat(priv->c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return KindError(ErrorKind::kPrivateMissing,
                     "container private area " + priv->string() + " does not exist", ENOENT);
  auto mounted = IsMountPoint(*root);
  if (!mounted) return std::unexpected(mounted.error());
  if (*mounted)
    return KindError(ErrorKind::kMounted, "container is already mounted on " + root->string());
  if (auto made = internal::MakePrivateParents(*root); !made) return made;
  if (::mount(priv->c_str(), root->c_str(), nullptr, MS_BIND, nullptr) != 0)
    return ErrnoError("mount(" + priv->string() + " on " + root->string() + ")");
  // No device node of the container's own files opens a device: the
  // container's /dev is a separate mount. The flag is locked inside.
  if (::mount(nullptr, root->c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_NODEV, nullptr) != 0) {
    auto err = ErrnoError("mount(" + root->string() + ", remount nodev)");
    ::umount2(root->c_str(), MNT_DETACH);
    return err;
  }
  return {};
}

Status UmountContainer(const Container& ct) {
  auto root = ct.root();
  if (!root) return std::unexpected(root.error());
  auto mounted = IsMountPoint(*root);
  if (!mounted) return std::unexpected(mounted.error());
  if (!*mounted)
    return KindError(ErrorKind::kNotMounted, "container is not mounted on " + root->string());
  if (::umount2(root->c_str(), 0) != 0) return ErrnoError("umount(" + root->string() + ")");
  return {};
}

}  // namespace vz
