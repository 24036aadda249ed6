// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/quota/options.h"

#include <charconv>
#include <limits>

#include "core/size_text.h"

namespace vz {

namespace {

constexpr std::string_view kUnlimited = "unlimited";
constexpr uint64_t kKiB = 1024;

std::unexpected<Error> Bad(const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, why);
}

Result<uint64_t> ParseBlocks(std::string_view text) {
  if (text == kUnlimited) return 0;
  auto w = internal::ParseWrittenNumber(text, internal::Suffixes::kBinary);
  if (!w) return std::unexpected(w.error());
  const auto blocks = internal::ScaledNumber(*w, kKiB, false);
  if (blocks > std::numeric_limits<int64_t>::max())
    return Bad("'" + std::string(text) + "' is too large");
  return static_cast<uint64_t>(blocks);
}

Result<uint64_t> ParseCount(std::string_view text) {
  if (text == kUnlimited) return 0;
  uint64_t n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (p == text.data() || p != end) return Bad("'" + std::string(text) + "' is not a number");
  if (ec == std::errc::result_out_of_range || n > std::numeric_limits<int64_t>::max())
    return Bad("'" + std::string(text) + "' is too large");
  return n;
}

Result<DiskLimit> ParsePair(std::string_view text, Result<uint64_t> (*one)(std::string_view)) {
  const size_t colon = text.find(':');
  auto soft = one(text.substr(0, colon));
  if (!soft) return std::unexpected(soft.error());
  DiskLimit limit{*soft, *soft};
  if (colon != std::string_view::npos) {
    auto hard = one(text.substr(colon + 1));
    if (!hard) return std::unexpected(hard.error());
    limit.hard = *hard;
  }
  if (limit.soft && limit.hard && limit.soft > limit.hard)
    return Bad("'" + std::string(text) + "': the soft limit is above the hard limit");
  return limit;
}

std::string FormatOne(uint64_t v) { return v ? std::to_string(v) : std::string(kUnlimited); }

}  // namespace

Result<DiskLimit> ParseDiskSpace(std::string_view text) { return ParsePair(text, ParseBlocks); }

Result<DiskLimit> ParseDiskInodes(std::string_view text) { return ParsePair(text, ParseCount); }

Result<uint64_t> ParseQuotaTime(std::string_view text) {
  if (text == kUnlimited) return Bad("'unlimited' is not a number of seconds");
  return ParseCount(text);
}

Result<uint32_t> ParseUgidLimit(std::string_view text) {
  if (text == kUnlimited) return Bad("'unlimited' is not a number of ids");
  auto n = ParseCount(text);
  if (!n) return std::unexpected(n.error());
  if (*n > std::numeric_limits<uint32_t>::max())
    return Bad("'" + std::string(text) + "' is too large");
  return static_cast<uint32_t>(*n);
}

std::string FormatDiskLimit(const DiskLimit& limit) {
  return FormatOne(limit.soft) + ":" + FormatOne(limit.hard);
}

}  // namespace vz
