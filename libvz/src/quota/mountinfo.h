// SPDX-License-Identifier: LGPL-2.1-or-later
// Which mount a filesystem is, from /proc/self/mountinfo: for messages
// that name it, and for the device quota tools inside a container name.
// Internal.
#pragma once

#include <optional>
#include <string>

namespace vz::internal {

struct MountOf {
  std::string point;   // "/vz"
  std::string type;    // "ext4"
  std::string source;  // "/dev/vda"
};

// The first mount of the filesystem that holds `fd`, or nullopt when
// mountinfo cannot be read or does not list it.
std::optional<MountOf> FindMountOf(int fd);

}  // namespace vz::internal
