// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Mounting a container's private area (VE_PRIVATE) on its root (VE_ROOT):
// the root is where the container's files appear while it is mounted, the
// private area is where they are kept. A simfs private area is
// bind-mounted; an overlay one is mounted as its layer over its template
// tree (vz/fs/layout.h). Either way VE_ROOT is nodev.
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

// Is something mounted on `dir` (as seen in /proc/self/mountinfo)?
Result<bool> IsMountPoint(const std::filesystem::path& dir);

// Every mount point of a mountinfo file, octal escapes undone.
Result<std::set<std::string>> MountPoints(
    const std::filesystem::path& mountinfo = "/proc/self/mountinfo");

// Mounts VE_PRIVATE on VE_ROOT, creating VE_ROOT if needed, and has the
// kernel send ve-mount to the event listeners (vz/kernel/events.h; best
// effort, as the events are). kMounted if it is mounted already,
// kPrivateMissing if there is no private area, kTemplateMissing if an
// overlay container's template tree is gone.
Status MountContainer(const Container& ct);

// Unmounts VE_ROOT; the kernel sends ve-umount, after the container's
// ve-stop. kNotMounted if it is not mounted.
Status UmountContainer(const Container& ct);

}  // namespace vz
