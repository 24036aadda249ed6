// SPDX-License-Identifier: LGPL-2.1-or-later
// Writing a container's resolv.conf, from inside the container. Internal.
#pragma once

#include "uts/resolv.h"

namespace vz::internal {

// Rewrites `path` (/etc/resolv.conf of the caller's root) with `dns`
// applied to its current content. Meant to run inside the container, as
// its root: what the path resolves to is the container's business, but its
// last component is never followed. A symlink there is replaced by a
// regular file; the old content is read only from a regular file (not
// through a link, nor from a FIFO that would block). The new file is
// written aside (mode 0644) and renamed over the old one. Returns 0 or an
// errno.
int WriteResolvConf(const DnsSettings& dns, const char* path = "/etc/resolv.conf");

}  // namespace vz::internal
