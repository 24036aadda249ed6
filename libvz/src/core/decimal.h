// SPDX-License-Identifier: LGPL-2.1-or-later
// A plain decimal number, as option values are written. Internal.
#pragma once

#include <charconv>
#include <optional>
#include <string_view>

namespace vz::internal {

// `text` as a number of at most `max`: digits only, no sign, no blanks.
template <typename T>
std::optional<T> ParseDecimal(std::string_view text, T max) {
  T n = 0;
  const char* end = text.data() + text.size();
  auto [p, ec] = std::from_chars(text.data(), end, n);
  if (text.empty() || p != end || ec != std::errc() || n > max) return std::nullopt;
  return n;
}

}  // namespace vz::internal
