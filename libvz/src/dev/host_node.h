// SPDX-License-Identifier: LGPL-2.1-or-later
// The host's device nodes that DEVNODES names (vz/dev/options.h); a
// container gets a copy of each (dev/node_copy.h). Internal.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <optional>
#include <string>

#include "vz/core/error.h"
#include "vz/dev/options.h"

namespace vz::internal {

// The device of node `name` under the host's /dev, `dev_dir` (links
// followed: the host's /dev is the host's). kInvalidArgument when it is
// missing (with the errno), not a block or character device, or a loop
// device.
Result<DeviceId> ResolveDevnode(const std::filesystem::path& dev_dir, const std::string& name);

// The device of a node as stat() gave it; nullopt when it is no block or
// character device.
std::optional<DeviceId> NodeDevice(const struct stat& st);

}  // namespace vz::internal
