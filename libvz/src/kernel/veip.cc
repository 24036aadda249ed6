// SPDX-License-Identifier: LGPL-2.1-or-later
#include "kernel/veip.h"

#include <charconv>

#include "core/file.h"
#include "core/words.h"
#include "net/config.h"

namespace vz {

namespace internal {

std::vector<VeipEntry> ParseVeip(std::string_view text) {
  std::vector<VeipEntry> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const auto words = SplitWords(text.substr(pos, end - pos));
    pos = end + 1;
    if (words.size() != 2) continue;
    VeipEntry e;
    const auto& id = words[1];
    auto [p, ec] = std::from_chars(id.data(), id.data() + id.size(), e.veid);
    auto ip = ParseIpAddress(words[0]);
    if (ec != std::errc() || p != id.data() + id.size() || !ip) continue;
    e.ip = *ip;
    out.push_back(e);
  }
  return out;
}

Result<std::vector<VeipEntry>> ReadVeip(const std::filesystem::path& path) {
  auto text = ReadFile(path);
  if (!text) return std::unexpected(text.error());
  return ParseVeip(*text);
}

}  // namespace internal

Result<std::vector<IpAddress>> RunningAddresses(unsigned int veid,
                                                const std::filesystem::path& veip) {
  auto entries = internal::ReadVeip(veip);
  if (!entries && entries.error().err_no() == ENOENT) return std::vector<IpAddress>{};
  if (!entries) return std::unexpected(entries.error());
  std::vector<IpAddress> out;
  for (const auto& e : *entries)
    if (e.veid == veid) out.push_back(e.ip);
  return out;
}

}  // namespace vz
