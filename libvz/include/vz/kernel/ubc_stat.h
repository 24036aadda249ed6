// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What the kernel counts: /proc/user_beancounters and /proc/bc/<id>/resources.
//
// /proc/user_beancounters (the host sees every UB, a container its own):
//
//   Version: 2.5
//          uid  resource                     held              maxheld ...
//         101:  kmemsize                        0                    0 ...
//               lockedpages                     0                    0 ...
//
// one block per UB, its id on the first row; the columns are held,
// maxheld, barrier, limit and failcnt. Rows 0..23 are there, "dummy" ones
// included; swappages (24) is only in /proc/bc/<id>/resources, whose rows
// have the same columns with the id column left blank ("name held maxheld
// barrier limit failcnt" after the blanks) for every resource but the
// dummies.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "vz/core/error.h"

namespace vz {

struct UbCounter {
  std::string name;  // "numproc"; unknown names are kept as the kernel wrote them
  uint64_t held = 0;
  uint64_t maxheld = 0;
  uint64_t barrier = 0;
  uint64_t limit = 0;
  uint64_t failcnt = 0;

  bool operator==(const UbCounter&) const = default;
};

struct Beancounter {
  unsigned int id = 0;              // the container's CTID; 0 is the host
  std::vector<UbCounter> counters;  // in the kernel's order, no dummy rows

  bool operator==(const Beancounter&) const = default;
};

// Parses the text of /proc/user_beancounters. Anything else (another
// version, a short row) fails with EPROTO, naming `name` and the line.
Result<std::vector<Beancounter>> ParseUserBeancounters(
    std::string_view text, std::string_view name = "/proc/user_beancounters");

// Parses the text of /proc/bc/<id>/resources.
Result<std::vector<UbCounter>> ParseBcResources(std::string_view text,
                                                std::string_view name = "resources");

// Reads <proc>/user_beancounters and, with `swappages`, adds each UB's
// swappages from <proc>/bc/<id>/resources where that file can be read
// (one more file per UB).
Result<std::vector<Beancounter>> ReadBeancounters(const std::filesystem::path& proc = "/proc",
                                                  bool swappages = true);

}  // namespace vz
