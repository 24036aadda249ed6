// SPDX-License-Identifier: LGPL-2.1-or-later
// The resource part of `vzctl set`: checking the options, what a running
// container gets, what CTID.conf keeps. Internal.
#pragma once

#include <string>
#include <vector>

#include "ubc/apply.h"
#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/set.h"
#include "vz/ubc/config.h"

namespace vz::internal {

// The resource options of one `vzctl set`, parsed.
struct UbcChange {
  UbcConfig set;                   // what the options set
  std::string vm_overcommit_text;  // VM_OVERCOMMIT as given, when set

  bool empty() const;
  std::vector<UbId> ids() const;  // the resources set
  bool touches_vswap() const;     // RAM, swap or the overcommit ratio
};

// Parses the options. A bad value is kInvalidArgument naming the option;
// --ram with --physpages (or --swap with --swappages) too. A value cut to
// unlimited adds a note to *warnings.
Result<UbcChange> ParseUbcChange(const SetOptions& opts, std::vector<std::string>* warnings);

// The settings after the change.
UbcConfig MergeUbc(const UbcConfig& stored, const UbcChange& change);

// What a running container gets: the resources changed and, when RAM, swap
// or the overcommit ratio change, the ones that follow from them.
UbLimits LiveUbLimits(const UbcConfig& merged, const UbcChange& change);

// Writes the keys the change sets to `conf`.
Status StoreUbcChange(ConfigFile& conf, const UbcChange& change);

}  // namespace vz::internal
