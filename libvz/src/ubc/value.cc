// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/ubc/value.h"

#include "core/size_text.h"

namespace vz {

namespace {

using u128 = unsigned __int128;
using internal::ParseWrittenNumber;
using internal::ScaledNumber;
using internal::Suffixes;
using internal::WrittenNumber;

constexpr std::string_view kUnlimited = "unlimited";

std::unexpected<Error> Bad(const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, why);
}

// One side of "barrier:limit".
Result<ParsedUbLimit> ParseOne(UbUnit unit, std::string_view text) {
  if (text == kUnlimited) return ParsedUbLimit{{kUbUnlimited, kUbUnlimited}, false};
  auto w = ParseWrittenNumber(text, Suffixes::kWithPagesAndBytes);
  if (!w) return std::unexpected(w.error());
  if (unit == UbUnit::kItems && w->suffix)
    return Bad("'" + std::string(text) + "': counted in items, which take no suffix");
  const u128 v = ScaledNumber(*w, unit == UbUnit::kPages ? kUbPageSize : 1, false);
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
  auto w = ParseWrittenNumber(text, Suffixes::kWithPagesAndBytes);
  if (!w) return std::unexpected(w.error());
  WrittenNumber bytes = *w;
  if (!bytes.suffix) bytes.suffix = 1;  // a bare number is bytes
  const u128 pages = ScaledNumber(bytes, kUbPageSize, true);
  return pages > kUbUnlimited ? kUbUnlimited : static_cast<uint64_t>(pages);
}

}  // namespace vz
