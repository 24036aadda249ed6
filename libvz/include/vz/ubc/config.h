// SPDX-License-Identifier: LGPL-2.1-or-later
//
// A container's resource settings, as its CTID.conf (over vz.conf) has
// them: KMEMSIZE="barrier:limit" and the like for every resource of
// vz/ubc/resources.h, and the vSwap model built on them.
//
// vSwap, as OpenVZ has it: a config whose PHYSPAGES limit is not unlimited
// gives the container that much RAM (the memory cgroup's memory.max) and
// SWAPPAGES' limit of swap (memory.swap.max); it then needs SWAPPAGES.
// The secondary memory resources a vSwap config leaves unset follow from
// RAM and swap (OpenVZ's fill_vswap_ub), every time limits are applied:
//
//   lockedpages  = ram : ram
//   oomguarpages = ram : unlimited
//   vmguarpages  = ram+swap : unlimited
//   privvmpages  = (ram+swap) * VM_OVERCOMMIT, both; unlimited without it
//
// A resource nothing sets gets the kernel's default: unlimited (barrier 0
// for vmguarpages).
#pragma once

#include <map>
#include <optional>

#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/ubc/resources.h"

namespace vz {

struct UbcConfig {
  std::map<UbId, UbLimit> limits;       // the resources set, by number
  std::optional<UbLimit> avnumproc;     // AVNUMPROC: used by validation only
  std::optional<double> vm_overcommit;  // VM_OVERCOMMIT, > 0

  const UbLimit* Find(UbId id) const;
};

// Reads the keys of every resource (OpenVZ's DCACHE and IPTENTRIES too),
// AVNUMPROC and VM_OVERCOMMIT. A malformed value is kBadConfig naming the
// key; a value above LONG_MAX reads as unlimited.
Result<UbcConfig> ReadUbcConfig(const ConfigStack& config);

// Parses VM_OVERCOMMIT: a number > 0 ("1.5"). kInvalidArgument when bad.
Result<double> ParseOvercommit(std::string_view text);

// The config is vSwap: it limits RAM (PHYSPAGES' limit is neither
// LONG_MAX nor the 32-bit LONG_MAX that configs from 32-bit hosts carry).
bool IsVswap(const UbcConfig& cfg);

// The resources lockedpages, oomguarpages, vmguarpages and privvmpages
// that may follow from RAM and swap.
bool IsVswapDerived(UbId id);

// What the kernel gets when nothing sets `id`.
UbLimit DefaultUbLimit(UbId id);

// What the kernel gets for `id`: the setting, else (vSwap) the value that
// follows from RAM and swap, else the default.
UbLimit EffectiveUbLimit(const UbcConfig& cfg, UbId id);

}  // namespace vz
