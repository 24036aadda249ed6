// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/ubc/resources.h"

#include <strings.h>

#include <array>

namespace vz {

namespace {

using enum UbUnit;
using enum UbBacking;

constexpr std::array<UbResource, 21> kResources = {{
    {kUbKmemsize, "kmemsize", "KMEMSIZE", kBytes, kNone},
    {kUbLockedpages, "lockedpages", "LOCKEDPAGES", kPages, kBeancounter},
    {kUbPrivvmpages, "privvmpages", "PRIVVMPAGES", kPages, kBeancounter},
    {kUbShmpages, "shmpages", "SHMPAGES", kPages, kBeancounter},
    {kUbNumproc, "numproc", "NUMPROC", kItems, kBeancounter},
    {kUbPhyspages, "physpages", "PHYSPAGES", kPages, kMemoryMax},
    {kUbVmguarpages, "vmguarpages", "VMGUARPAGES", kPages, kBeancounter},
    {kUbOomguarpages, "oomguarpages", "OOMGUARPAGES", kPages, kNone},
    {kUbNumtcpsock, "numtcpsock", "NUMTCPSOCK", kItems, kBeancounter},
    {kUbNumflock, "numflock", "NUMFLOCK", kItems, kBeancounter},
    {kUbNumpty, "numpty", "NUMPTY", kItems, kBeancounter},
    {kUbNumsiginfo, "numsiginfo", "NUMSIGINFO", kItems, kBeancounter},
    {kUbTcpsndbuf, "tcpsndbuf", "TCPSNDBUF", kBytes, kBeancounter},
    {kUbTcprcvbuf, "tcprcvbuf", "TCPRCVBUF", kBytes, kBeancounter},
    {kUbOthersockbuf, "othersockbuf", "OTHERSOCKBUF", kBytes, kBeancounter},
    {kUbDgramrcvbuf, "dgramrcvbuf", "DGRAMRCVBUF", kBytes, kBeancounter},
    {kUbNumothersock, "numothersock", "NUMOTHERSOCK", kItems, kBeancounter},
    {kUbDcachesize, "dcachesize", "DCACHESIZE", kBytes, kNone},
    {kUbNumfile, "numfile", "NUMFILE", kItems, kBeancounter},
    {kUbNumiptent, "numiptent", "NUMIPTENT", kItems, kBeancounter},
    {kUbSwappages, "swappages", "SWAPPAGES", kPages, kSwapMax},
}};

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && ::strncasecmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace

std::span<const UbResource> UbResources() { return kResources; }

const UbResource* FindUbResource(std::string_view name) {
  if (SameName(name, "dcache")) name = "dcachesize";
  if (SameName(name, "iptentries")) name = "numiptent";
  for (const auto& r : kResources)
    if (SameName(name, r.name)) return &r;
  return nullptr;
}

const UbResource* FindUbResource(int id) {
  for (const auto& r : kResources)
    if (r.id == id) return &r;
  return nullptr;
}

const char* UbUnitName(UbUnit unit) {
  switch (unit) {
    case kPages:
      return "pages";
    case kBytes:
      return "bytes";
    case kItems:
      return "items";
  }
  return "items";
}

}  // namespace vz
