// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/dev/options.h"

#include <cstddef>

#include "core/decimal.h"
#include "dev/layout.h"

namespace vz {

namespace {

using internal::ParseDecimal;

constexpr unsigned kMaxMajor = 4095;     // the kernel's dev_t: 12 bits of major
constexpr unsigned kMaxMinor = 1048575;  // and 20 of minor

std::unexpected<Error> Bad(std::string_view text, const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, "'" + std::string(text) + "': " + why);
}

// TYPE:MAJOR:MINOR, split off ACCESS already.
Result<DeviceId> ParseDeviceId(std::string_view whole, std::string_view text) {
  const size_t first = text.find(':');
  const size_t second = first == std::string_view::npos ? first : text.find(':', first + 1);
  if (second == std::string_view::npos || text.find(':', second + 1) != std::string_view::npos)
    return Bad(whole, "expected b|c:MAJOR:MINOR|all:ACCESS");
  const std::string_view type = text.substr(0, first);
  if (type != "b" && type != "c") return Bad(whole, "the type must be b or c");
  DeviceId id;
  id.type = type[0];
  auto major = ParseDecimal(text.substr(first + 1, second - first - 1), kMaxMajor);
  if (!major) return Bad(whole, "the major must be a number from 0 to 4095");
  if (*major == kLoopMajor) return Bad(whole, "major 7 (loop devices) cannot be given");
  id.major = *major;
  const std::string_view minor = text.substr(second + 1);
  if (minor == "all") return id;
  id.minor = ParseDecimal(minor, kMaxMinor);
  if (!id.minor) return Bad(whole, "the minor must be a number from 0 to 1048575, or all");
  return id;
}

// Whether `name` is a plain relative path: no empty, "." or ".."
// component, nothing but printable characters other than blanks and
// quotes.
bool PlainRelativePath(std::string_view name) {
  for (char c : name)
    if (c <= ' ' || c == 0x7f || c == '"' || c == '\'' || c == '\\') return false;
  size_t pos = 0;
  while (true) {
    const size_t end = std::min(name.find('/', pos), name.size());
    const std::string_view part = name.substr(pos, end - pos);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == name.size()) return true;
    pos = end + 1;
  }
}

// Why `text` is no access, or nullopt with *access set.
std::optional<std::string> AccessProblem(std::string_view text, unsigned* access) {
  *access = 0;
  if (text == "none") return std::nullopt;
  if (text.empty()) return "no access given: r, w, q or none";
  for (char c : text) {
    const unsigned bit = c == 'r' ? kDevRead : c == 'w' ? kDevWrite : c == 'q' ? kDevQuota : 0;
    if (!bit) return "the access must be r, w and q, or none";
    if (*access & bit) return std::string("'") + c + "' is given twice";
    *access |= bit;
  }
  return std::nullopt;
}

}  // namespace

Result<DeviceEntry> ParseDeviceEntry(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return Bad(text, "expected b|c:MAJOR:MINOR|all:ACCESS");
  auto dev = ParseDeviceId(text, text.substr(0, colon));
  if (!dev) return std::unexpected(dev.error());
  unsigned access = 0;
  if (auto why = AccessProblem(text.substr(colon + 1), &access)) return Bad(text, *why);
  return DeviceEntry{*dev, access};
}

Result<DevnodeEntry> ParseDevnodeEntry(std::string_view text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return Bad(text, "expected NAME:ACCESS");
  const std::string_view name = text.substr(0, colon);
  if (name.starts_with('/'))
    return Bad(text, "the name is relative to /dev: net/tun, not /dev/net/tun");
  if (!PlainRelativePath(name))
    return Bad(text, "the name must be a path under /dev without '.', '..', '//' or blanks");
  const std::string_view first = name.substr(0, name.find('/'));
  if (internal::IsStandardDevName(first))
    return Bad(text, "every container has /dev/" + std::string(first) + " of its own");
  unsigned access = 0;
  if (auto why = AccessProblem(text.substr(colon + 1), &access)) return Bad(text, *why);
  return DevnodeEntry{std::string(name), access};
}

std::string FormatDevAccess(unsigned access) {
  if (!access) return "none";
  std::string out;
  if (access & kDevRead) out += 'r';
  if (access & kDevWrite) out += 'w';
  if (access & kDevQuota) out += 'q';
  return out;
}

std::string FormatDeviceEntry(const DeviceEntry& entry) {
  const DeviceId& d = entry.dev;
  return std::string(1, d.type) + ":" + std::to_string(d.major) + ":" +
         (d.minor ? std::to_string(*d.minor) : "all") + ":" + FormatDevAccess(entry.access);
}

std::string FormatDevnodeEntry(const DevnodeEntry& entry) {
  return entry.name + ":" + FormatDevAccess(entry.access);
}

}  // namespace vz
