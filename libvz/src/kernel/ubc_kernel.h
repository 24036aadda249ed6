// SPDX-License-Identifier: LGPL-2.1-or-later
// Setting one resource limit in the kernel: setublimit(2) for a
// beancounter resource, memory.max or memory.swap.max of the container's
// cgroup for physpages and swappages. Internal.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "vz/core/error.h"
#include "vz/ubc/resources.h"

namespace vz::internal {

// setublimit(veid, id, {barrier, limit}). Errors are kSetUbc and name the
// call: "setublimit(101, numproc, 240:240): Invalid argument".
Status SetUbLimitSyscall(unsigned int veid, UbId id, const UbLimit& value);

// The control file of physpages (memory.max) or swappages (memory.swap.max).
std::filesystem::path MemcgFile(const std::filesystem::path& cgroup, UbId id);

// What the control file gets for a limit of `pages`: bytes, or "max".
std::string MemcgValue(uint64_t pages);

// Writes the limit of physpages or swappages. Without a cgroup or the
// file, unlimited is nothing to do, and so is a swap limit on a host
// without swap; anything else fails (kSetUbc).
Status SetMemcgLimit(const std::filesystem::path& cgroup, UbId id, uint64_t pages);

// What the kernel had for some resources of a VE, to put back.
struct UbcSnapshot {
  unsigned int veid = 0;
  std::filesystem::path cgroup;
  std::map<UbId, UbLimit> beancounter;  // setublimit(2) resources
  std::map<UbId, std::string> memcg;    // memory.max / memory.swap.max as read
};

// The kernel's values of `ids` for VE `veid`: beancounter ones from
// /proc/bc/<veid>/resources (or /proc/user_beancounters), RAM and swap
// from the memory cgroup `cgroup`. Values it cannot tell are left out.
UbcSnapshot TakeUbSnapshot(unsigned int veid, const std::filesystem::path& cgroup,
                           const std::vector<UbId>& ids);

// Puts back what a snapshot holds; best effort.
void RestoreUbSnapshot(const UbcSnapshot& snapshot);

}  // namespace vz::internal
