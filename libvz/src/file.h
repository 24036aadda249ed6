// SPDX-License-Identifier: LGPL-2.1-or-later
// Small file helpers shared inside libvz; not part of the public API.
#pragma once

#include <filesystem>
#include <string>

#include "vz/error.h"

namespace vz::internal {

// The whole content of a file. Errors name the path: "open(/proc/vz/version)".
Result<std::string> ReadFile(const std::filesystem::path& path);

// The first line of a file, without its newline.
Result<std::string> ReadFirstLine(const std::filesystem::path& path);

}  // namespace vz::internal
