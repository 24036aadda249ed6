// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/ubc/value.h"

#include <cctype>
#include <charconv>
#include <optional>

namespace vz {

namespace {

using u128 = unsigned __int128;

constexpr std::string_view kUnlimited = "unlimited";
constexpr size_t kMaxDecimals = 6;

std::unexpected<Error> Bad(const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, why);
}

std::optional<uint64_t> SuffixBytes(char c) {
  switch (std::tolower(static_cast<unsigned char>(c))) {
    case 'k':
      return uint64_t{1} << 10;
    case 'm':
      return uint64_t{1} << 20;
    case 'g':
      return uint64_t{1} << 30;
    case 't':
      return uint64_t{1} << 40;
    case 'p':
      return kUbPageSize;
    case 'b':
      return 1;
  }
  return std::nullopt;
}

// A number as written: integer part, decimals, and the bytes of its suffix
// (0 when there is none).
struct Written {
  uint64_t whole = 0;
  uint64_t decimals = 0;  // the digits after '.', as an integer
  uint64_t scale = 1;     // 10^(number of decimals)
  uint64_t suffix = 0;
};

Result<Written> ParseWritten(std::string_view text) {
  Written w;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, w.whole);
  if (p == text.data()) return Bad("'" + std::string(text) + "' is not a number");
  if (ec == std::errc::result_out_of_range) return Bad("'" + std::string(text) + "' is too large");
  if (p != end && *p == '.') {
    const char* digits = ++p;
    while (p != end && std::isdigit(static_cast<unsigned char>(*p))) ++p;
    if (p == digits || static_cast<size_t>(p - digits) > kMaxDecimals)
      return Bad("'" + std::string(text) + "': expected 1 to 6 digits after '.'");
    std::from_chars(digits, p, w.decimals);
    for (const char* d = digits; d != p; ++d) w.scale *= 10;
  }
  if (p != end && !std::isalpha(static_cast<unsigned char>(*p)))
    return Bad("'" + std::string(text) + "' is not a number");
  if (p != end) {
    auto bytes = SuffixBytes(*p);
    if (!bytes || p + 1 != end)
      return Bad("'" + std::string(text) + "': unknown suffix (use K, M, G, T, P or B)");
    w.suffix = *bytes;
  }
  if (w.scale > 1 && w.suffix == 0)
    return Bad("'" + std::string(text) + "': a fraction needs a suffix (K, M, G, T, P or B)");
  return w;
}

// The value written, in bytes when it has a suffix, divided by `divisor`
// (rounded down, or up with `round_up`).
u128 Scaled(const Written& w, uint64_t divisor, bool round_up) {
  const u128 mult = w.suffix ? w.suffix : 1;
  const u128 num = (u128{w.whole} * w.scale + w.decimals) * mult;
  const u128 den = u128{w.scale} * (w.suffix ? divisor : 1);
  return round_up ? (num + den - 1) / den : num / den;
}

// One side of "barrier:limit".
Result<ParsedUbLimit> ParseOne(UbUnit unit, std::string_view text) {
  if (text == kUnlimited) return ParsedUbLimit{{kUbUnlimited, kUbUnlimited}, false};
  auto w = ParseWritten(text);
  if (!w) return std::unexpected(w.error());
  if (unit == UbUnit::kItems && w->suffix)
    return Bad("'" + std::string(text) + "': counted in items, which take no suffix");
  const u128 v = Scaled(*w, unit == UbUnit::kPages ? kUbPageSize : 1, false);
  if (v > kUbUnlimited) return ParsedUbLimit{{kUbUnlimited, kUbUnlimited}, true};
  const auto n = static_cast<uint64_t>(v);
  return ParsedUbLimit{{n, n}, false};
}

std::string FormatOne(uint64_t v) {
  return v == kUbUnlimited ? std::string(kUnlimited) : std::to_string(v);
}

}  // namespace

Result<ParsedUbLimit> ParseUbLimit(UbUnit unit, std::string_view text) {
  const size_t colon = text.find(':');
  auto barrier = ParseOne(unit, text.substr(0, colon));
  if (!barrier || colon == std::string_view::npos) return barrier;
  auto limit = ParseOne(unit, text.substr(colon + 1));
  if (!limit) return limit;
  return ParsedUbLimit{{barrier->value.barrier, limit->value.limit},
                       barrier->truncated || limit->truncated};
}

std::string FormatUbLimit(const UbLimit& value) {
  return FormatOne(value.barrier) + ":" + FormatOne(value.limit);
}

Result<uint64_t> ParseSizeToPages(std::string_view text) {
  if (text == kUnlimited) return kUbUnlimited;
  auto w = ParseWritten(text);
  if (!w) return std::unexpected(w.error());
  Written bytes = *w;
  if (!bytes.suffix) bytes.suffix = 1;  // a bare number is bytes
  const u128 pages = Scaled(bytes, kUbPageSize, true);
  return pages > kUbUnlimited ? kUbUnlimited : static_cast<uint64_t>(pages);
}

}  // namespace vz
