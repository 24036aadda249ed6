// SPDX-License-Identifier: LGPL-2.1-or-later
// The second level of disk quota: user and group quota inside a container
// (QUOTAUGIDLIMIT). The container's files belong to the host ids its map
// gives them, so the filesystem's own user and group quota counts each of
// its users and groups; the kernel lets the container's root manage that
// quota for its ids (VE_CONFIGURE_QUOTA_UGID, Backend::SetUgidQuota), and
// the quota tools inside find the filesystem by the device node that
// init-to-be binds into the container's /dev. Internal.
#pragma once

#include <optional>
#include <string>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz::internal {

// Makes the filesystem of `fd` enforce user and group quota (one switch
// for the whole filesystem; limits nobody set change nothing). kQuotaOn
// naming the filesystem and the fix when it does not count them.
Status EnableUgidQuota(int fd);

// User and group quota inside needs the simfs layout: under overlayfs the
// quota tools inside do not see the filesystem. kQuotaOn otherwise.
Status CheckUgidLayout(const Container& ct);

// The device node the quota tools inside a container name.
struct QuotaDevice {
  std::string name;  // under the container's /dev, as its /proc/mounts shows it: "vda"
  std::string host;  // the host's node of that device: "/dev/vda"
};

// For a container with user and group quota inside, the node to bind into
// its /dev; nullopt for one without. Refused as CheckUgidLayout refuses.
Result<std::optional<QuotaDevice>> QuotaDeviceAtStart(const Container& ct);

}  // namespace vz::internal
