// SPDX-License-Identifier: LGPL-2.1-or-later
// Space-separated lists, as NETDEV, NAMESERVER and SEARCHDOMAIN keep them.
// Internal.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

namespace vz::internal {

// The words of `text`, split at blanks (spaces and tabs).
inline std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> words;
  size_t pos = 0;
  while ((pos = text.find_first_not_of(" \t", pos)) != std::string_view::npos) {
    const size_t end = std::min(text.find_first_of(" \t", pos), text.size());
    words.emplace_back(text.substr(pos, end - pos));
    pos = end;
  }
  return words;
}

inline std::string JoinWords(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace vz::internal
