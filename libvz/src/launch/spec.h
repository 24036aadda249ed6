// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What a container's monitor needs to launch its init: everything read
// from the container's config and the host once, up front, so that the
// launch itself (launch/start.h) and the monitor's relaunch after a reboot
// inside (launch/monitor.h) work from one checked value. Its own file, below
// both: the monitor launches, and the launch is what vzctl start forks the
// monitor for, so neither of their headers can hold it. Internal.
#pragma once

#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dev/layout.h"
#include "facet/facet.h"
#include "quota/ugid.h"
#include "uts/resolv.h"
#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz::internal {

// What the monitor needs to (re)launch a container's init.
struct LaunchArgs {
  Paths paths;
  unsigned int veid;
  int vzctl_fd;
  IdMap map;
  std::filesystem::path cgroup;
  std::string root;
  std::string hostname;  // set by init itself, with the DNS settings (uts/facet.h)
  DnsSettings dns;       // nameservers expanded ("inherit" read on the host)
  // The device node quota tools inside name, with user and group quota
  // inside (quota/ugid.h).
  std::optional<QuotaDevice> quota_dev;
  // The host's copies of the nodes of DEVNODES, bound into /dev by
  // init-to-be (dev/facet.h).
  std::vector<DevNodeBind> dev_nodes;
  // What the VE gets from each facet before init runs (facet/facets.h).
  std::shared_ptr<const std::vector<std::unique_ptr<FacetChange>>> facets;
  Notes notes;  // about the settings, for vzctl start to print
};

// Reads and checks the container's settings, and makes its cgroup.
// `vzctl_fd` is /dev/vzctl, opened by the caller.
Result<LaunchArgs> PrepareLaunch(const Container& ct, int vzctl_fd);

// After a reboot inside, the container starts again with its settings as
// they are now, under its lock (which the caller holds). Not when it
// reboots in a loop (5 times in a minute; `restarts` holds the times of
// the last ones). The error says why not.
Status PrepareRelaunch(LaunchArgs* args, std::vector<time_t>* restarts);

}  // namespace vz::internal
