// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Starting a container (vz/launch/stop.h stops it).
//
// Start mounts the private area if needed, then forks a monitor process
// that stays with the container for its whole life. The monitor clones
// the container's init into new user, pid, mount, uts, ipc, net and cgroup
// namespaces, writes its uid/gid maps, puts it in its own cgroup and lets it
// create the VE and exec /sbin/init; any step that fails before init runs
// is reported back, and start undoes what it did. When init ends, the
// monitor starts the container again if init was ended by reboot(2) inside
// it (with the settings as they are then, under the container's lock, and
// not in a loop), and otherwise removes the cgroup. The mount stays until
// vzctl stop or umount removes it.
#pragma once

#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

// The container's resource limits (vz/ubc/config.h) are set once its VE
// exists, before its init runs, at every start and relaunch; a barrier
// above its limit fails before anything starts (kSetUbc), so does a vSwap
// config without SWAPPAGES (kNotEnoughUbc). Notes on settings that are
// accepted but not enforced are added to *warnings when given.
Status StartContainer(Container& ct, std::vector<std::string>* warnings = nullptr);

}  // namespace vz
