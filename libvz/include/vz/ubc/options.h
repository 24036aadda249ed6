// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The resource part of a change to a container (vz/set.h), typed: values
// as vz/ubc/value.h parses them. Set checks them together with the stored
// settings (a barrier above its limit, RAM without swap, less than 1M of
// RAM are refused).
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "vz/ubc/resources.h"

namespace vz {

struct UbcOptions {
  std::map<UbId, UbLimit> limits;       // --numproc 240:240, ...
  std::optional<UbLimit> avnumproc;     // --avnumproc: used by validation only
  std::optional<uint64_t> ram_pages;    // --ram: physpages 0:RAM
  std::optional<uint64_t> swap_pages;   // --swap: swappages 0:SWAP
  std::optional<double> vm_overcommit;  // --vm_overcommit, > 0

  bool empty() const {
    return limits.empty() && !avnumproc && !ram_pages && !swap_pages && !vm_overcommit;
  }
};

}  // namespace vz
