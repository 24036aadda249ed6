// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Destroying a container: see vz/fs/create.h for how its private area goes.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

// kRunning if it runs, kMounted if it is mounted.
Status DestroyContainer(Container& ct);

}  // namespace vz
