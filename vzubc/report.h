// SPDX-License-Identifier: GPL-2.0-or-later
//
// What vzubc shows: each beancounter's rows with how much their failcnt
// grew since the last look, as a table for people or as JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "vz/kernel/ubc_stat.h"
#include "vz/ubc/resources.h"
#include "vz/ubc/state.h"

namespace vzubc {

struct Row {
  vz::UbCounter counter;
  uint64_t failcnt_delta = 0;  // growth since the failcnt last seen
};

struct UbReport {
  unsigned int id = 0;
  std::vector<Row> rows;
};

// The rows of `ubs`, their growth measured against `last`.
std::vector<UbReport> BuildReport(const std::vector<vz::Beancounter>& ubs,
                                  const vz::FailcntState& last);

// Records the failcnt values of `ubs` in `state`.
void RememberFailcnt(const std::vector<vz::Beancounter>& ubs, vz::FailcntState* state);

// A value for people: sizes (bytes; pages times 4096) as "512", "1.5K",
// "256M"; counts as they are; unlimited as "-".
std::string HumanValue(vz::UbUnit unit, uint64_t value);

// The unit of a resource by its name; unknown names are counts.
vz::UbUnit UnitOf(const std::string& resource);

// One block per beancounter; rows that grew start with '*' and end with
// "(+N)", in red with `color`.
std::string FormatTable(const std::vector<UbReport>& report, bool color);

// An array with one object per beancounter, as vzlist -j has them:
//   [{"ctid": 101, "numproc": {"held": 12, "maxheld": 20, "barrier": 240,
//     "limit": 240, "failcnt": 0, "failcnt_delta": 0}, ...}]
// Values are raw numbers (pages, bytes, counts); unlimited is LONG_MAX.
std::string FormatJson(const std::vector<UbReport>& report);

}  // namespace vzubc
