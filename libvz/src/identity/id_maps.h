// SPDX-License-Identifier: LGPL-2.1-or-later
// Id maps of user namespaces: a container's, and a throwaway one that only
// carries a container's map to an idmapped mount. Internal.
#pragma once

#include <sys/types.h>

#include "core/unique_fd.h"
#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz::internal {

// Writes "0 BASE COUNT" to /proc/PID/uid_map and gid_map. 0 or an errno.
int WriteIdMaps(pid_t pid, const IdMap& map);

// A descriptor of a new user namespace with `map`, owned by the caller's
// (as /proc/PID/ns/user). It is made by a short-lived child that does
// nothing but wait for its maps; the child is gone when this returns.
Result<UniqueFd> UserNsWithMap(const IdMap& map);

}  // namespace vz::internal
