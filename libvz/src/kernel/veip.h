// SPDX-License-Identifier: LGPL-2.1-or-later
// /proc/vz/veip: the kernel's map of venet addresses to VEs. Internal.
//
//   Version: 2.5
//                                  10.0.0.1        101
//                                   fd00::1        101
#pragma once

#include <filesystem>
#include <vector>

#include "vz/core/error.h"
#include "vz/net/ip_address.h"

namespace vz::internal {

struct VeipEntry {
  IpAddress ip;
  unsigned int veid = 0;
};

// The rows of the file's text; lines that do not parse are skipped.
std::vector<VeipEntry> ParseVeip(std::string_view text);

// Reads the file; ENOENT when the kernel has no venet.
Result<std::vector<VeipEntry>> ReadVeip(const std::filesystem::path& path = "/proc/vz/veip");

}  // namespace vz::internal

namespace vz {

// The addresses the kernel maps to VE `veid` now, from /proc/vz/veip.
// A kernel without venet (no such file) maps none.
Result<std::vector<IpAddress>> RunningAddresses(
    unsigned int veid, const std::filesystem::path& veip = "/proc/vz/veip");

}  // namespace vz
