// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Whether a container exists, is mounted, runs.
#pragma once

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

struct ContainerStatus {
  bool exists = false;  // the private area is there
  bool mounted = false;
  bool running = false;
};

// Never fails for a missing container: it just reports it as deleted.
Result<ContainerStatus> GetStatus(const Container& ct);

}  // namespace vz
