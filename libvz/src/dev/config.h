// SPDX-License-Identifier: LGPL-2.1-or-later
// A container's DEVICES and DEVNODES as its config has them, and how a
// change merges into them (vz/dev/options.h). Internal.
#pragma once

#include <vector>

#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/dev/options.h"

namespace vz::internal {

struct DevConfig {
  std::vector<DeviceEntry> devices;    // DEVICES, one entry per device
  std::vector<DevnodeEntry> devnodes;  // DEVNODES, one entry per name
};

// DEVICES and DEVNODES; a later entry for the same device (or name)
// replaces an earlier one. A bad word is kBadConfig naming the key.
Result<DevConfig> ReadDevConfig(const ConfigStack& config);

// The settings once `opts` changed them: "none" empties a list, then each
// entry replaces the access of the same device (name) or is added; an
// entry whose access is none is removed.
DevConfig MergeDev(DevConfig cfg, const DevOptions& opts);

// Writes the keys `opts` touches, from `merged`.
Status StoreDevConfig(ConfigFile& conf, const DevConfig& merged, const DevOptions& opts);

}  // namespace vz::internal
