// SPDX-License-Identifier: LGPL-2.1-or-later
#include "uts/hostname_file.h"

#include "core/file.h"

namespace vz::internal {

int WriteHostnameFile(const std::string& hostname, const char* path) {
  auto written = ReplaceFile(path, hostname + "\n", 0644);
  return written ? 0 : written.error().err_no();
}

}  // namespace vz::internal
