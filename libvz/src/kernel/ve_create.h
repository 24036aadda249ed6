// SPDX-License-Identifier: LGPL-2.1-or-later
// Creating a VE: the host lets one process create one VE, and that
// process, the VE's init-to-be, creates it for itself. Internal.
#pragma once

namespace vz::internal {

// VZCTL_VE_PREPARE on /dev/vzctl (`vzctl_fd`): the next VE `veid` may be
// created by a child of the caller, once. Returns 0 or an errno.
int PrepareVe(int vzctl_fd, unsigned int veid);

// VZCTL_ENV_CREATE_DATA, exclusive: the caller becomes the init of the new
// VE `veid`. Returns 0 or an errno (EEXIST: it exists already).
int CreateOwnVe(int vzctl_fd, unsigned int veid);

}  // namespace vz::internal
