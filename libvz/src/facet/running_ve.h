// SPDX-License-Identifier: LGPL-2.1-or-later
// RunningVe: a container whose VE exists, as every facet's Apply sees it.
// Internal.
//
// vzctl set makes one for a running container; the monitor makes one for
// the VE its init-to-be has just created, before init runs. The backend
// opens what it needs of the VE (its network namespace) once, on first use,
// and keeps it here.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>

#include "core/unique_fd.h"
#include "kernel/backend.h"

namespace vz::internal {

struct RunningVe {
  unsigned int veid = 0;
  Backend& backend;
  std::filesystem::path cgroup;  // the VE's cgroup; empty without cgroup v2
  // At start: the init-to-be, whose namespaces are the VE's before it can
  // be entered. 0 for a VE that runs (vzctl set).
  pid_t init_pid = 0;
  std::optional<UniqueFd> netns;  // the backend's, opened on first use
};

}  // namespace vz::internal
