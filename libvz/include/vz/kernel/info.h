// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What the running kernel offers: whether it carries the VE patch series and
// which version of the VE interface it speaks.
#pragma once

#include <filesystem>
#include <string>

#include "vz/core/error.h"

namespace vz {

struct KernelInfo {
  // The VE interface version from /proc/vz/version, e.g. "6.1-vz.1".
  std::string vz_version;
};

// Reads the VE kernel interface version. `proc` is where procfs is mounted;
// tests point it at a directory of their own.
//
// Fails with ENOENT ("not a VE kernel") when /proc/vz/version is missing,
// and with EPROTO when the file is empty.
Result<KernelInfo> ReadKernelInfo(const std::filesystem::path& proc = "/proc");

// The version of libvz (and of the tools built with it).
const char* LibraryVersion();

}  // namespace vz
