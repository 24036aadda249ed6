// SPDX-License-Identifier: GPL-2.0-or-later
// Runs vzlist: picks the fields, lists the containers, filters, sorts and
// prints them.
#pragma once

#include <ostream>

#include "options.h"
#include "vz/core/paths.h"
#include "vz/list/listing.h"

namespace vzlist {

struct Environment {
  std::ostream& out;
  std::ostream& err;
  vz::Paths paths = {};          // where /etc/vz is (VZ_PREFIX)
  vz::ListSources sources = {};  // where /proc and the cgroup tree are
};

// The exit code: 0, or 1 for an unknown field, a CTID or name not found,
// or a kernel state that cannot be read.
int Run(const Options& opts, const Environment& env);

}  // namespace vzlist
