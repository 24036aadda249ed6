// SPDX-License-Identifier: LGPL-2.1-or-later
// The disk a container's files are on, as io.max names it. Internal.
#pragma once

#include <filesystem>
#include <string>

#include "vz/core/error.h"

namespace vz::internal {

struct BlockDisk {
  unsigned major = 0, minor = 0;  // of the whole disk, not the partition
  std::string name;               // "vda"
  std::string scheduler;          // the one in use: "bfq", "mq-deadline", "none"
};

// The whole disk holding `dir`'s filesystem, found through
// <sys>/dev/block/MAJ:MIN (a partition's parent). kSetIo when `dir` is on
// no block device (tmpfs, overlayfs over one, a network filesystem) or
// sysfs does not know it.
Result<BlockDisk> DiskHolding(const std::filesystem::path& dir,
                              const std::filesystem::path& sys = "/sys");

}  // namespace vz::internal
