// SPDX-License-Identifier: LGPL-2.1-or-later
// Stopping a VE through a backend (vz/launch/stop.h says what stop does).
// Internal.
#pragma once

#include "kernel/backend.h"
#include "vz/core/container.h"
#include "vz/launch/stop.h"

namespace vz::internal {

Status StopVe(Container& ct, const StopOptions& opts, Backend& backend);

}  // namespace vz::internal
