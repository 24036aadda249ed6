// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The disk I/O part of a change to a container (vz/set.h), as OpenVZ's
// options and config keys have it:
//
//   IOPRIO=N       0..7, default 4: the container's I/O weight against the
//                  others, on disks whose scheduler is BFQ; each step
//                  doubles it (BFQ weight 100 × 2^(N-4): 6, 12, 25, 50,
//                  100, 200, 400, 800)
//   IOLIMIT=N      bytes per second it may read, and as many it may write,
//                  on the disk that holds its private area; 0: no limit
//   IOPSLIMIT=N    reads per second, and as many writes; 0: no limit
//
// They become the container's cgroup v2 files io.bfq.weight and io.max.
// A running container gets a change at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "vz/core/error.h"

namespace vz {

inline constexpr unsigned kDefaultIoPrio = 4;
inline constexpr unsigned kMaxIoPrio = 7;
// OpenVZ's bound on IOLIMIT: 2 GB/s.
inline constexpr uint64_t kMaxIoLimit = 2ULL << 30;

struct IoOptions {
  std::optional<unsigned> ioprio;
  std::optional<uint64_t> iolimit;    // bytes per second; 0: none
  std::optional<uint64_t> iopslimit;  // operations per second; 0: none

  bool empty() const { return !ioprio && !iolimit && !iopslimit; }
};

// 0..7. kInvalidArgument with the reason when bad, as every parser here.
Result<unsigned> ParseIoPrio(std::string_view text);

// "N[BKMG]", as vzctl's --iolimit takes it: without a suffix in MB/s;
// 0 or "unlimited" for none; at most 2G.
Result<uint64_t> ParseIoLimit(std::string_view text);

// Bytes per second as IOLIMIT keeps them: the same, but a number without
// a suffix is bytes.
Result<uint64_t> ParseStoredIoLimit(std::string_view text);

// Operations per second; 0 or "unlimited" for none.
Result<uint64_t> ParseIopsLimit(std::string_view text);

}  // namespace vz
