// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/close_fds.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace vz::internal {

int CloseAllBut(std::vector<int> keep) {
  std::sort(keep.begin(), keep.end());
  unsigned int from = 3;
  for (int fd : keep) {
    if (fd < 0 || static_cast<unsigned int>(fd) < from) continue;
    if (static_cast<unsigned int>(fd) > from && ::close_range(from, fd - 1, 0) != 0) return errno;
    from = static_cast<unsigned int>(fd) + 1;
  }
  return ::close_range(from, ~0U, 0) == 0 ? 0 : errno;
}

}  // namespace vz::internal
