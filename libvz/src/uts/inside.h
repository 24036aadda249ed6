// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Setting a container's host name, from inside it. Internal.
//
// It runs in a process of the container, as its root, after its root
// directory is its own: at start in the init-to-be after pivot_root, for
// vzctl set in a helper that entered the VE. A link the container's root
// planted cannot lead the write out of the container, and a FIFO planted
// in place of a file is replaced, never opened (which would block).
#pragma once

#include <string>

namespace vz::internal {

// Sets the kernel's host name and keeps /etc/hostname in step with it (the
// distribution's boot scripts read it). Returns 0; kHostnameNotSet when
// sethostname(2) failed; kHostnameFileFailed + errno (at most 255 in all)
// when the name is set but /etc/hostname could not be replaced: a
// read-only root or a bind-mounted file, which callers report as a
// warning.
int SetHostnameInside(const std::string& hostname);
inline constexpr int kHostnameNotSet = 4;
inline constexpr int kHostnameFileFailed = 16;

}  // namespace vz::internal
