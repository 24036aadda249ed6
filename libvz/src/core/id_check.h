// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Checking the host ids a container's uid/gid map (LOCAL_UID, LOCAL_GID)
// gives it, before create writes the map and before start uses it.
//
// A map is refused (ErrorKind::kInvalidArgument, EINVAL) when:
//   * base + count runs past the last host id (4294967294);
//   * it takes host ids 1..65535, the host's system and login users;
//   * LOCAL_UID is set (an explicit range) and /etc/subuid (/etc/subgid)
//     gives part of it to another owner than root, or names ranges for
//     root but none of them holds the whole range;
//   * it overlaps the range of another configured container (every
//     CTID.conf is read; an automatic range is 65536 ids at 65536 x CTID).
// An automatic range that overlaps another owner's subordinate ids is
// allowed with a warning.
// A map that holds host id 0 (LOCAL_UID=0 or LOCAL_GID=0: container root is
// host root) is refused too unless the container is trusted on purpose,
// ALLOW_HOST_ROOT_MAP="yes"; it is then allowed with a warning. Its side at
// host id 0 is not checked further (it shares ids with the host anyway),
// but the other side of a partial map (LOCAL_UID=0, LOCAL_GID=N) is checked
// like any range, and other containers' ranges are checked against it.
// The kernel refuses such a VE unless the host sets sysctl
// kernel.ve_allow_host_root=1.
//
// Create checks the map and writes CTID.conf under a lock over all
// containers (LockIdRanges), so that two creates of different CTIDs that
// run at the same moment cannot both take the same range: the second sees
// the first one's CTID.conf.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/host_lock.h"
#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/core/lock.h"

namespace vz {

// The key of CTID.conf that allows a map holding host uid or gid 0.
inline constexpr char kAllowHostRootMapKey[] = "ALLOW_HOST_ROOT_MAP";

// The name of the lock (in LOCKDIR) over all containers' id ranges.
inline constexpr char kIdRangesLockName[] = "id-ranges";

// How long LockIdRanges waits for another vzctl's check and config write.
inline constexpr std::chrono::seconds kIdRangesLockTimeout{10};

// Takes the lock over all containers' id ranges: hold it from CheckIdMap
// until the map is saved in CTID.conf. kLocked after kIdRangesLockTimeout.
Result<internal::HostLock> LockIdRanges(const Container& ct);

// Checks ct's map (from its settings as they are now) as above. A warning
// for an allowed host-root map is appended to *warnings.
Status CheckIdMap(const Container& ct, std::vector<std::string>* warnings);

}  // namespace vz
