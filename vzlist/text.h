// SPDX-License-Identifier: GPL-2.0-or-later
// Column text as printf would make it. Internal to vzlist.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vzlist {

// `s` padded to |width| as printf's "%*s" does: on the left for a
// positive width, on the right for a negative one; never cut.
std::string Pad(std::string_view s, int width);

// As Pad, and cut to |width| unless `whole`.
std::string Column(std::string_view s, int width, bool whole);

// The items joined by single spaces.
std::string Join(const std::vector<std::string>& items);

}  // namespace vzlist
