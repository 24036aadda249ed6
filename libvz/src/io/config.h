// SPDX-License-Identifier: LGPL-2.1-or-later
// A container's IOPRIO, IOLIMIT and IOPSLIMIT as its config has them
// (vz/io/options.h), and the cgroup v2 values they become. Internal.
#pragma once

#include <cstdint>
#include <string>

#include "io/disk.h"
#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/io/options.h"

namespace vz::internal {

struct IoConfig {
  unsigned ioprio = kDefaultIoPrio;
  uint64_t iolimit = 0;    // bytes per second; 0: none
  uint64_t iopslimit = 0;  // operations per second; 0: none

  bool operator==(const IoConfig&) const = default;
  bool limited() const { return iolimit || iopslimit; }
};

// The keys, with OpenVZ's defaults for those not set; a bad value is
// kBadConfig naming its key.
Result<IoConfig> ReadIoConfig(const ConfigStack& config);

// The settings once `opts` changed them.
IoConfig MergeIo(IoConfig cfg, const IoOptions& opts);

// Writes the keys `opts` touches, from `merged`.
Status StoreIoConfig(ConfigFile& conf, const IoConfig& merged, const IoOptions& opts);

// io.bfq.weight for IOPRIO: "default W", W = 100 × 2^(ioprio - 4).
std::string BfqWeight(unsigned ioprio);

// io.max for `disk`: "MAJ:MIN rbps=N wbps=N riops=N wiops=N", "max" for
// no limit.
std::string IoMax(const BlockDisk& disk, const IoConfig& cfg);

}  // namespace vz::internal
