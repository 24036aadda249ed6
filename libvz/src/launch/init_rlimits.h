// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The resource limits (setrlimit) a container's init starts with: those the
// kernel gives the first process at boot, not whatever the shell that ran
// vzctl start had (ulimit -n 64, a core size, a small stack). Internal.
#pragma once

#include <sys/resource.h>

#include <vector>

namespace vz::internal {

struct BootRlimit {
  int resource;  // RLIMIT_*
  rlimit limit;
};

// The kernel's boot values (INIT_RLIMITS in Linux 6.1): no limit but a
// stack of 8 MiB (soft), no core dumps (soft), 1024/4096 open files, 8 MiB
// of locked memory, 800 KiB of POSIX message queues, nice and rtprio 0.
// RLIMIT_NPROC and RLIMIT_SIGPENDING are half of kernel.threads-max, as at
// boot; they are left out when `threads_max` is 0 (unknown).
std::vector<BootRlimit> BootRlimits(unsigned long threads_max);

// Sets every limit of BootRlimits(kernel.threads-max) on the calling
// process. Raising a hard limit needs CAP_SYS_RESOURCE (host root has it);
// without it, a limit is set as far as its current hard limit allows. 0,
// or the errno of the first limit that could not be set even so.
int ResetToBootRlimits();

}  // namespace vz::internal
