// SPDX-License-Identifier: LGPL-2.1-or-later
#include "file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unique_fd.h"

namespace vz::internal {

Result<std::string> ReadFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("open(" + path.string() + ")");
  UniqueFd closer(fd);

  std::string data;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("read(" + path.string() + ")");
    if (n == 0) return data;
    data.append(buf, static_cast<size_t>(n));
  }
}

Result<std::string> ReadFirstLine(const std::filesystem::path& path) {
  auto data = ReadFile(path);
  if (!data) return std::unexpected(data.error());
  return data->substr(0, data->find('\n'));
}

Status MakePrivateParents(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  const auto parent = dir.parent_path();
  if (!parent.empty() && parent != dir && !std::filesystem::exists(parent, ec)) {
    if (auto made = MakePrivateParents(parent); !made) return made;
    ::chmod(parent.c_str(), 0711);
  }
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST)
    return ErrnoError("mkdir(" + dir.string() + ")");
  return {};
}

}  // namespace vz::internal
