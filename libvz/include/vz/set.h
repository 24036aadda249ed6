// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Changing a container's settings: applied at once to a running container,
// stored in CTID.conf with `save`, or both.
#pragma once

#include <optional>
#include <string>

#include "vz/container.h"
#include "vz/error.h"

namespace vz {

struct SetOptions {
  std::optional<std::string> hostname;
  std::optional<std::string> onboot;  // "yes" or "no"
  std::optional<std::string> name;
  std::optional<std::string> description;
  bool save = false;
};

// Checks every value first (kInvalidArgument) and changes nothing if one is
// bad. Without `save`, the container must run (kNotRunning).
Status SetContainer(Container& ct, const SetOptions& opts);

}  // namespace vz
