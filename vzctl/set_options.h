// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl set's command line turned into libvz's typed change (vz/set.h),
// with libvz's parsers: a bad value is an error naming its option, as
// OpenVZ's vzctl reports it.
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "vz/set.h"

namespace vzctl {

// The options of `vzctl set` (cmd_set.cc describes them) for container
// `veid`; values cut to unlimited add a note to *warnings.
vz::Result<vz::SetOptions> SetOptionsFrom(const boost::program_options::variables_map& vm,
                                          unsigned int veid, std::vector<std::string>* warnings);

}  // namespace vzctl
