// SPDX-License-Identifier: GPL-2.0-or-later
#include "text.h"

#include <cstdlib>

namespace vzlist {

std::string Pad(std::string_view s, int width) {
  const size_t w = static_cast<size_t>(std::abs(width));
  if (s.size() >= w) return std::string(s);
  const std::string fill(w - s.size(), ' ');
  return width < 0 ? std::string(s) + fill : fill + std::string(s);
}

std::string Column(std::string_view s, int width, bool whole) {
  std::string out = Pad(s, width);
  if (!whole) out.resize(static_cast<size_t>(std::abs(width)));
  return out;
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out;
}

}  // namespace vzlist
