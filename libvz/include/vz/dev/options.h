// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The device part of a change to a container (vz/set.h): which of the
// host's devices its processes may open, as OpenVZ's options and config
// keys have it:
//
//   DEVICES="c:10:200:rw b:8:all:q"   TYPE:MAJOR:MINOR:ACCESS, TYPE b or c,
//                                     MINOR a number or "all" (every
//                                     minor of MAJOR); the container makes
//                                     its nodes itself, if it can
//   DEVNODES="net/tun:rw"             NAME:ACCESS, NAME a node under the
//                                     host's /dev, whose type and numbers
//                                     are read there whenever it is
//                                     applied; vzctl puts the node into
//                                     the container's /dev too
//
// ACCESS is any of r (read), w (write) and q (quota: quotactl on a block
// device), or "none". Major 7 (loop devices) is refused. Every container
// may open the kernel's default devices (null, zero, full, random,
// urandom, tty, ptmx and its pty slaves) without any of this.
//
// Changes are cumulative, as in OpenVZ since 2015: an entry for a device
// already listed replaces its access ("none" removes it), the others stay;
// "none" as the whole value removes every entry of that key.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vz/core/error.h"

namespace vz {

// Access bits (DeviceEntry::access, DevnodeEntry::access).
inline constexpr unsigned kDevRead = 1;
inline constexpr unsigned kDevWrite = 2;
inline constexpr unsigned kDevQuota = 4;

// Loop devices: refused in DEVICES and DEVNODES, as in OpenVZ (a container
// with one could mount any file it can write as a filesystem).
inline constexpr unsigned kLoopMajor = 7;

// Which devices an entry covers: one major:minor, or every minor of a
// major.
struct DeviceId {
  char type = 'c';                // 'b' (block) or 'c' (character)
  unsigned major = 0;             // below 4096
  std::optional<unsigned> minor;  // below 1048576; unset: every minor ("all")

  auto operator<=>(const DeviceId&) const = default;
};

struct DeviceEntry {  // one word of DEVICES
  DeviceId dev;
  unsigned access = 0;  // kDevRead | kDevWrite | kDevQuota; 0: none

  bool operator==(const DeviceEntry&) const = default;
};

struct DevnodeEntry {  // one word of DEVNODES
  std::string name;    // under /dev: "net/tun"
  unsigned access = 0;

  bool operator==(const DevnodeEntry&) const = default;
};

struct DevOptions {
  // --devices none / --devnodes none: the stored entries go first.
  bool devices_none = false;
  bool devnodes_none = false;
  // --devices, --devnodes: merged into what is stored (or into nothing).
  std::vector<DeviceEntry> devices;
  std::vector<DevnodeEntry> devnodes;

  bool empty() const {
    return !devices_none && !devnodes_none && devices.empty() && devnodes.empty();
  }
};

// "b|c:MAJOR:MINOR|all:ACCESS", ACCESS being r, w and q in any order (each
// at most once) or "none". kInvalidArgument with the reason when bad.
Result<DeviceEntry> ParseDeviceEntry(std::string_view text);

// "NAME:ACCESS": NAME relative to /dev, without "." or ".." components,
// empty components or blanks, and not one of the nodes every container's
// /dev has already (null, zero, ..., pts/, shm/). Whether the host has it
// is checked when it is applied.
Result<DevnodeEntry> ParseDevnodeEntry(std::string_view text);

// As the config keeps them: "c:10:200:rw", "b:8:all:q", "net/tun:rw";
// access "none" when 0.
std::string FormatDeviceEntry(const DeviceEntry& entry);
std::string FormatDevnodeEntry(const DevnodeEntry& entry);
std::string FormatDevAccess(unsigned access);

}  // namespace vz
