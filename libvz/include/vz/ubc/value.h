// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The values vzctl set and CTID.conf take for a resource: "barrier[:limit]",\nand sizes for --ram
// and --swap (vz/ubc/resources.h says how units and\nsuffixes are read).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "vz/core/error.h"
#include "vz/ubc/resources.h"

namespace vz {

// A parsed value, and whether a part of it was cut to LONG_MAX.
struct ParsedUbLimit {
  UbLimit value;
  bool truncated = false;
};

// Parses "barrier[:limit]" for a resource counted in `unit`. A bad value is
// kInvalidArgument, with a reason ("items take no suffix").
Result<ParsedUbLimit> ParseUbLimit(UbUnit unit, std::string_view text);

// "barrier:limit" as CTID.conf keeps it, "unlimited" for LONG_MAX.
std::string FormatUbLimit(const UbLimit& value);

// A size in bytes with an optional suffix (--ram, --swap), converted to
// pages, rounded up; "unlimited" is LONG_MAX pages. kInvalidArgument when bad.
Result<uint64_t> ParseSizeToPages(std::string_view text);

}  // namespace vz
