// SPDX-License-Identifier: LGPL-2.1-or-later
// The parts of a listing (vz/list/listing.h), each filled from one
// source. Internal.
#pragma once

#include <optional>

#include "vz/core/container.h"
#include "vz/kernel/ubc_stat.h"
#include "vz/list/listing.h"
#include "vz/net/ip_address.h"

namespace vz::internal {

// Identity, paths, addresses, boot, CPU and I/O settings, layout, and the
// config's barriers and limits (as for a stopped container). Malformed
// values of keys vzlist only shows are shown as unset; a malformed UBC
// or quota key fails with kBadConfig.
Status FillStored(const Container& ct, Listing* out);

// The kernel's beancounter of a running container.
void FillLiveUbc(const Beancounter& ub, Listing* out);

// Puts the kernel's addresses first, in IP_ADDRESS's order, then any the
// config does not name.
void FillLiveIps(std::vector<IpAddress> kernel_ips, Listing* out);

// Usage and limits from the filesystem's quota; left as FillStored made
// them when the private area is not a project with quota.
void FillLiveDisk(const Container& ct, Listing* out);

// Seconds since the init of running VE `veid` started: the oldest task
// in its cgroup, by /proc/<pid>/stat, against /proc/uptime.
std::optional<double> ReadVeUptime(unsigned int veid, const ListSources& src);

}  // namespace vz::internal
