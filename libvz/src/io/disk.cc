// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/disk.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <cstdio>

#include "core/file.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

std::unexpected<Error> NoDisk(const fs::path& dir, const std::string& why, int err = ENODEV) {
  return KindError(ErrorKind::kSetIo, "the disk holding " + dir.string() + ": " + why, err);
}

// "mq-deadline [bfq] none" -> "bfq".
std::string InUse(const std::string& schedulers) {
  const size_t open = schedulers.find('['), close = schedulers.find(']');
  if (open == std::string::npos || close < open) return schedulers;
  return schedulers.substr(open + 1, close - open - 1);
}

}  // namespace

Result<BlockDisk> DiskHolding(const fs::path& dir, const fs::path& sys) {
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return NoDisk(dir, "stat", errno);
  if (::major(st.st_dev) == 0) return NoDisk(dir, "its filesystem is on no block device");
  const fs::path dev =
      sys / "dev/block" /
      (std::to_string(::major(st.st_dev)) + ":" + std::to_string(::minor(st.st_dev)));
  std::error_code ec;
  fs::path disk = fs::canonical(dev, ec);
  if (ec) return NoDisk(dir, dev.string(), ec.value());
  if (fs::exists(disk / "partition", ec)) disk = disk.parent_path();
  auto numbers = ReadFirstLine(disk / "dev");
  BlockDisk out;
  if (!numbers || std::sscanf(numbers->c_str(), "%u:%u", &out.major, &out.minor) != 2)
    return NoDisk(dir, "no device numbers in " + (disk / "dev").string());
  out.name = disk.filename().string();
  auto scheduler = ReadFirstLine(disk / "queue/scheduler");
  out.scheduler = scheduler ? InUse(*scheduler) : "none";
  return out;
}

}  // namespace vz::internal
