// SPDX-License-Identifier: LGPL-2.1-or-later
// A container's /dev, as its init-to-be makes it (launch/init_child.cc):
// what every container has, which DEVNODES may not name, and the host
// nodes DEVNODES adds. Internal.
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>

#include "vz/dev/options.h"

namespace vz::internal {

// The host's nodes bound into every container's /dev; the kernel's
// default device list lets a container open them.
inline constexpr std::array<const char*, 6> kStandardNodes = {"null",   "zero",    "full",
                                                              "random", "urandom", "tty"};

// The rest of it: console (the host's null), links to /proc/self/fd and
// pts/ptmx, and the devpts and tmpfs mounts.
inline constexpr std::array<std::string_view, 8> kStandardOthers = {
    "console", "fd", "stdin", "stdout", "stderr", "ptmx", "pts", "shm"};

// Whether `first` (the first component of a name under /dev) is one of
// them.
inline bool IsStandardDevName(std::string_view first) {
  return std::find(kStandardNodes.begin(), kStandardNodes.end(), first) != kStandardNodes.end() ||
         std::find(kStandardOthers.begin(), kStandardOthers.end(), first) != kStandardOthers.end();
}

// A node of DEVNODES bound on /dev/<name>: the host's copy of the host's
// node (dev/node_copy.h), of device `dev`.
struct DevNodeBind {
  std::string name;  // "net/tun"
  std::string copy;  // "/dev/.vz/101/net%2Ftun"
  DeviceId dev;
};

}  // namespace vz::internal
