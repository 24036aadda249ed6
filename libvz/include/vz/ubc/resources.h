// SPDX-License-Identifier: LGPL-2.1-or-later
//
// User beancounters (UBC): the kernel's per-container resource counters,
// OpenVZ's resource numbers and names, and the values vzctl takes for them.
//
// Every resource has a barrier and a limit ("barrier[:limit]"; one value
// sets both). A value is a number, or "unlimited" (LONG_MAX). Resources
// are counted in one of three units:
//
//   - pages (lockedpages, privvmpages, shmpages, physpages, vmguarpages,
//     oomguarpages, swappages): a bare number is pages; a number with a
//     size suffix is bytes, converted to pages (rounded down);
//   - bytes (kmemsize, tcpsndbuf, tcprcvbuf, othersockbuf, dgramrcvbuf,
//     dcachesize): a bare number is bytes;
//   - items (numproc, numtcpsock, numothersock, numflock, numpty,
//     numsiginfo, numfile, numiptent): no suffix.
//
// Suffixes, as OpenVZ's vzctl has them, either case: K, M, G, T (powers of
// 1024), P (a page, 4096 bytes), B (a byte). A decimal fraction needs a
// suffix ("2.5G"). A value above LONG_MAX is cut to LONG_MAX (unlimited)
// and reported as truncated.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vz/core/error.h"

namespace vz {

// OpenVZ's resource numbers (UB_* in <linux/beancounter.h>); 4 and 20-22
// are unused ("dummy").
enum UbId : int {
  kUbKmemsize = 0,
  kUbLockedpages = 1,
  kUbPrivvmpages = 2,
  kUbShmpages = 3,
  kUbNumproc = 5,
  kUbPhyspages = 6,
  kUbVmguarpages = 7,
  kUbOomguarpages = 8,
  kUbNumtcpsock = 9,
  kUbNumflock = 10,
  kUbNumpty = 11,
  kUbNumsiginfo = 12,
  kUbTcpsndbuf = 13,
  kUbTcprcvbuf = 14,
  kUbOthersockbuf = 15,
  kUbDgramrcvbuf = 16,
  kUbNumothersock = 17,
  kUbDcachesize = 18,
  kUbNumfile = 19,
  kUbNumiptent = 23,
  kUbSwappages = 24,
};

// Number of resource slots the kernel has (UB_RESOURCES).
inline constexpr int kUbResources = 25;

// "unlimited": LONG_MAX, for a barrier or a limit.
inline constexpr uint64_t kUbUnlimited = 9223372036854775807ULL;

inline constexpr uint64_t kUbPageSize = 4096;

enum class UbUnit { kPages, kBytes, kItems };

// How the kernel enforces a resource.
enum class UbBacking {
  kBeancounter,  // setublimit(2)
  kMemoryMax,    // the container's memory cgroup, memory.max (physpages)
  kSwapMax,      // memory.swap.max (swappages)
  kNone,         // counted by the memory cgroup, no limit can be set
};

struct UbResource {
  UbId id;
  std::string_view name;  // "numproc", as /proc/user_beancounters has it
  std::string_view key;   // "NUMPROC", the CTID.conf key
  UbUnit unit;
  UbBacking backing;
};

// The 21 resources, in the order of their numbers.
std::span<const UbResource> UbResources();

// By name ("numproc") or config key ("NUMPROC"), any case; OpenVZ's
// aliases DCACHE and IPTENTRIES included. nullptr when unknown.
const UbResource* FindUbResource(std::string_view name);

// By number; nullptr for a dummy or out of range.
const UbResource* FindUbResource(int id);

const char* UbUnitName(UbUnit unit);  // "pages", "bytes", "items"

struct UbLimit {
  uint64_t barrier = kUbUnlimited;
  uint64_t limit = kUbUnlimited;

  bool operator==(const UbLimit&) const = default;
};

}  // namespace vz
