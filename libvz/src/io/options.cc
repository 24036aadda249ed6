// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/io/options.h"

#include <cctype>
#include <string>

#include "core/decimal.h"

namespace vz {

namespace {

using internal::ParseDecimal;

std::unexpected<Error> Bad(std::string_view text, const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, "'" + std::string(text) + "': " + why);
}

// The multiple a suffix stands for; 0 for none of B, K, M, G.
uint64_t SuffixScale(char c) {
  switch (std::toupper(static_cast<unsigned char>(c))) {
    case 'B':
      return 1;
    case 'K':
      return 1ULL << 10;
    case 'M':
      return 1ULL << 20;
    case 'G':
      return 1ULL << 30;
    default:
      return 0;
  }
}

// N with an optional B, K, M or G suffix; `unit` without one.
Result<uint64_t> Rate(std::string_view text, uint64_t unit) {
  if (text == "unlimited") return 0;
  uint64_t scale = unit;
  std::string_view digits = text;
  if (!text.empty() && !std::isdigit(static_cast<unsigned char>(text.back()))) {
    scale = SuffixScale(text.back());
    digits.remove_suffix(1);
  }
  auto n = scale ? ParseDecimal(digits, kMaxIoLimit) : std::nullopt;
  if (!n || *n > kMaxIoLimit / scale)
    return Bad(text, "must be N[B|K|M|G] bytes per second, at most 2G, or unlimited");
  return *n * scale;
}

}  // namespace

Result<unsigned> ParseIoPrio(std::string_view text) {
  auto n = ParseDecimal(text, kMaxIoPrio);
  if (!n) return Bad(text, "must be a number from 0 to 7");
  return static_cast<unsigned>(*n);
}

Result<uint64_t> ParseIoLimit(std::string_view text) { return Rate(text, 1ULL << 20); }

Result<uint64_t> ParseStoredIoLimit(std::string_view text) { return Rate(text, 1); }

Result<uint64_t> ParseIopsLimit(std::string_view text) {
  if (text == "unlimited") return 0;
  auto n = ParseDecimal(text, UINT32_MAX);
  if (!n) return Bad(text, "must be a number of operations per second, or unlimited");
  return *n;
}

}  // namespace vz
