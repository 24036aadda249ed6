// SPDX-License-Identifier: LGPL-2.1-or-later
// Numbers as admins write them in options and configs: "2", "2.5G",
// "256M". Shared by the resource and disk quota parsers. Internal.
#pragma once

#include <cstdint>
#include <string_view>

#include "vz/core/error.h"

namespace vz::internal {

// A number as written: integer part, decimals, and the bytes of its suffix
// (0 when there is none).
struct WrittenNumber {
  uint64_t whole = 0;
  uint64_t decimals = 0;  // the digits after '.', as an integer
  uint64_t scale = 1;     // 10^(number of decimals)
  uint64_t suffix = 0;
};

// Which suffixes a value takes: K, M, G, T (powers of 1024), and with
// kWithPagesAndBytes also P (a 4 KiB page, as beancounters count) and B (a byte).
enum class Suffixes { kBinary, kWithPagesAndBytes };

// Parses "<digits>[.<1 to 6 digits>][suffix]"; a fraction needs a suffix.
// kInvalidArgument with the reason when bad.
Result<WrittenNumber> ParseWrittenNumber(std::string_view text, Suffixes suffixes);

// The value written, in bytes when it has a suffix (else as written),
// divided by `divisor` when it has one; rounded down, or up with
// `round_up`.
unsigned __int128 ScaledNumber(const WrittenNumber& w, uint64_t divisor, bool round_up);

}  // namespace vz::internal
