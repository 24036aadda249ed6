// SPDX-License-Identifier: LGPL-2.1-or-later
// Writing a container's /etc/hostname, from inside the container. Internal.
#pragma once

#include <string>

namespace vz::internal {

// Replaces `path` (/etc/hostname of the caller's root) with "<hostname>\n":
// written to a temp file next to it (mode 0644, created O_EXCL) that is
// renamed over it. Whatever the container's root planted there, a FIFO
// that would block an open for writing or a symlink, is replaced, never
// opened. Returns 0 or an errno (EISDIR for a directory).
int WriteHostnameFile(const std::string& hostname, const char* path = "/etc/hostname");

}  // namespace vz::internal
