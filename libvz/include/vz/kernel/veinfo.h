// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The running VEs, as /proc/vz/veinfo lists them: one line per VE with its
// veid, class id and number of tasks ("%10u %5u %5u"). The host's admin
// sees every VE, VE0 (the host) first; anyone else sees only the VE of
// the procfs instance.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "vz/core/error.h"

namespace vz {

struct RunningVe {
  unsigned int veid = 0;
  unsigned int class_id = 0;
  unsigned int nproc = 0;  // tasks (threads included) in its pid namespace

  bool operator==(const RunningVe&) const = default;
};

// Parses the file's text; VE0 is left out. A line that is not three
// numbers fails with EPROTO, naming `name` and the line.
Result<std::vector<RunningVe>> ParseVeinfo(std::string_view text,
                                           std::string_view name = "/proc/vz/veinfo");

// Reads <proc>/vz/veinfo. kBadKernel when it is missing (not a VE kernel).
Result<std::vector<RunningVe>> ReadVeinfo(const std::filesystem::path& proc = "/proc");

}  // namespace vz
