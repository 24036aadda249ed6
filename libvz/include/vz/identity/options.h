// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What a container is called and whether it starts at boot (vz/set.h):
// NAME, DESCRIPTION and ONBOOT, kept in CTID.conf only (so they need
// --save).
#pragma once

#include <optional>
#include <string>

namespace vz {

struct IdentityOptions {
  std::optional<std::string> name;  // letters, digits, space and -+_.
  std::optional<std::string> description;
  std::optional<bool> onboot;

  bool empty() const { return !name && !description && !onboot; }
};

}  // namespace vz
