// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/size_text.h"

#include <cctype>
#include <charconv>
#include <optional>
#include <string>

namespace vz::internal {

namespace {

constexpr size_t kMaxDecimals = 6;

std::unexpected<Error> Bad(const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, why);
}

std::optional<uint64_t> SuffixBytes(char c, Suffixes suffixes) {
  switch (std::tolower(static_cast<unsigned char>(c))) {
    case 'k':
      return uint64_t{1} << 10;
    case 'm':
      return uint64_t{1} << 20;
    case 'g':
      return uint64_t{1} << 30;
    case 't':
      return uint64_t{1} << 40;
  }
  if (suffixes == Suffixes::kBinary) return std::nullopt;
  switch (std::tolower(static_cast<unsigned char>(c))) {
    case 'p':
      return 4096;  // a beancounter page
    case 'b':
      return 1;
  }
  return std::nullopt;
}

std::string SuffixList(Suffixes suffixes) {
  return suffixes == Suffixes::kBinary ? "K, M, G or T" : "K, M, G, T, P or B";
}

}  // namespace

Result<WrittenNumber> ParseWrittenNumber(std::string_view text, Suffixes suffixes) {
  WrittenNumber w;
  const std::string quoted = "'" + std::string(text) + "'";
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, w.whole);
  if (p == text.data()) return Bad(quoted + " is not a number");
  if (ec == std::errc::result_out_of_range) return Bad(quoted + " is too large");
  if (p != end && *p == '.') {
    const char* digits = ++p;
    while (p != end && std::isdigit(static_cast<unsigned char>(*p))) ++p;
    if (p == digits || static_cast<size_t>(p - digits) > kMaxDecimals)
      return Bad(quoted + ": expected 1 to 6 digits after '.'");
    std::from_chars(digits, p, w.decimals);
    for (const char* d = digits; d != p; ++d) w.scale *= 10;
  }
  if (p != end && !std::isalpha(static_cast<unsigned char>(*p)))
    return Bad(quoted + " is not a number");
  if (p != end) {
    auto bytes = SuffixBytes(*p, suffixes);
    if (!bytes || p + 1 != end)
      return Bad(quoted + ": unknown suffix (use " + SuffixList(suffixes) + ")");
    w.suffix = *bytes;
  }
  if (w.scale > 1 && w.suffix == 0)
    return Bad(quoted + ": a fraction needs a suffix (" + SuffixList(suffixes) + ")");
  return w;
}

unsigned __int128 ScaledNumber(const WrittenNumber& w, uint64_t divisor, bool round_up) {
  using u128 = unsigned __int128;
  const u128 mult = w.suffix ? w.suffix : 1;
  const u128 num = (u128{w.whole} * w.scale + w.decimals) * mult;
  const u128 den = u128{w.scale} * (w.suffix ? divisor : 1);
  return round_up ? (num + den - 1) / den : num / den;
}

}  // namespace vz::internal
