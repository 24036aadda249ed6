// SPDX-License-Identifier: LGPL-2.1-or-later
// What create and set accept as a container's host name. Internal.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>

namespace vz::internal {

// 1 to 64 letters, digits, '-' and '.', not starting with '-' or '.':
// what sethostname(2) takes and a shell or a config reader cannot misread.
inline bool ValidHostname(const std::string& h) {
  return !h.empty() && h.size() <= 64 && h.front() != '-' && h.front() != '.' &&
         std::all_of(h.begin(), h.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; });
}

}  // namespace vz::internal
