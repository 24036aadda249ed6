// SPDX-License-Identifier: LGPL-2.1-or-later
#include "dev/host_node.h"

#include <sys/sysmacros.h>

namespace vz::internal {

std::optional<DeviceId> NodeDevice(const struct stat& st) {
  if (!S_ISCHR(st.st_mode) && !S_ISBLK(st.st_mode)) return std::nullopt;
  return DeviceId{.type = S_ISBLK(st.st_mode) ? 'b' : 'c',
                  .major = ::major(st.st_rdev),
                  .minor = ::minor(st.st_rdev)};
}

Result<DeviceId> ResolveDevnode(const std::filesystem::path& dev_dir, const std::string& name) {
  const std::filesystem::path node = dev_dir / name;
  struct stat st;
  if (::stat(node.c_str(), &st) != 0)
    return KindError(ErrorKind::kInvalidArgument, "stat(" + node.string() + ")", errno);
  auto dev = NodeDevice(st);
  if (!dev)
    return KindError(ErrorKind::kInvalidArgument,
                     node.string() + " is not a block or character device");
  if (::major(st.st_rdev) == kLoopMajor)
    return KindError(ErrorKind::kInvalidArgument,
                     node.string() + " is a loop device (major 7), which cannot be given");
  return *dev;
}

}  // namespace vz::internal
