// SPDX-License-Identifier: LGPL-2.1-or-later
// Closing what a child inherited. Internal.
#pragma once

#include <vector>

namespace vz::internal {

// Closes every descriptor above 2 except those in `keep`. Returns 0 or the
// errno of a close_range that failed.
int CloseAllBut(std::vector<int> keep);

}  // namespace vz::internal
