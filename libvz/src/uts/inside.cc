// SPDX-License-Identifier: LGPL-2.1-or-later
#include "uts/inside.h"

#include <unistd.h>

#include <algorithm>

#include "uts/hostname_file.h"

namespace vz::internal {

int SetHostnameInside(const std::string& hostname) {
  if (::sethostname(hostname.c_str(), hostname.size()) != 0) return kHostnameNotSet;
  const int err = WriteHostnameFile(hostname);
  return err == 0 ? 0 : kHostnameFileFailed + std::min(err, 255 - kHostnameFileFailed);
}

}  // namespace vz::internal
