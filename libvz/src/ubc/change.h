// SPDX-License-Identifier: LGPL-2.1-or-later
// The resource part of `vzctl set`: checking the options, what a running
// container gets, what CTID.conf keeps. Internal.
#pragma once

#include <string>
#include <vector>

#include "ubc/apply.h"
#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/ubc/config.h"
#include "vz/ubc/options.h"

namespace vz::internal {

// The resource options of one `vzctl set`, parsed.
struct UbcChange {
  UbcConfig set;  // what the options set

  bool empty() const;
  std::vector<UbId> ids() const;  // the resources set
  bool touches_vswap() const;     // RAM, swap or the overcommit ratio
};

// Checks the options: --ram with --physpages (or --swap with --swappages)
// and --ram below 1M are kInvalidArgument; below 32M adds a note.
Result<UbcChange> ParseUbcChange(const UbcOptions& opts, std::vector<std::string>* warnings);

// The settings after the change.
UbcConfig MergeUbc(const UbcConfig& stored, const UbcChange& change);

// What a running container gets: the resources changed and, when RAM, swap
// or the overcommit ratio change, the ones that follow from them.
UbLimits LiveUbLimits(const UbcConfig& merged, const UbcChange& change);

// Writes the keys the change sets to `conf`.
Status StoreUbcChange(ConfigFile& conf, const UbcChange& change);

}  // namespace vz::internal
