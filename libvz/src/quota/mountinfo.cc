// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/mountinfo.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <sstream>

#include "core/file.h"

namespace vz::internal {

namespace {

// Fields 3 (maj:min) and 5 (mount point) of a mountinfo line, and the two
// after " - " (type, source).
std::pair<std::string, MountOf> ParseMountLine(const std::string& line) {
  std::string id, parent, dev, root;
  MountOf m;
  std::istringstream in(line);
  in >> id >> parent >> dev >> root >> m.point;
  const size_t dash = line.find(" - ");
  if (dash != std::string::npos) {
    std::istringstream rest(line.substr(dash + 3));
    rest >> m.type >> m.source;
  }
  return {dev, m};
}

}  // namespace

std::optional<MountOf> FindMountOf(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return std::nullopt;
  const std::string dev = std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev));
  auto info = ReadFile("/proc/self/mountinfo");
  if (!info) return std::nullopt;
  std::istringstream lines(*info);
  for (std::string line; std::getline(lines, line);) {
    auto [line_dev, m] = ParseMountLine(line);
    if (line_dev == dev) return m;
  }
  return std::nullopt;
}

}  // namespace vz::internal
