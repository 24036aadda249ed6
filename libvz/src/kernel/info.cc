// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/kernel/info.h"

#include "build_info.h"
#include "core/file.h"

namespace vz {

Result<KernelInfo> ReadKernelInfo(const std::filesystem::path& proc) {
  const auto path = proc / "vz" / "version";
  auto line = internal::ReadFirstLine(path);
  if (!line) {
    if (line.error().err_no() == ENOENT)
      return std::unexpected(line.error().Wrap("not a VE kernel (CONFIG_VE)"));
    return std::unexpected(line.error());
  }
  if (line->empty()) return MakeError(EPROTO, path.string() + " is empty");
  return KernelInfo{*line};
}

const char* LibraryVersion() { return VZ_LIBRARY_VERSION; }

}  // namespace vz
