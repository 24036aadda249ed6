// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The launch handshake: what a container's init-to-be (launch/init_child.h) and
// its parent, the monitor (launch/start.h), tell each other between clone()
// and the exec of /sbin/init. Two close-on-exec pipes: the sync pipe,
// parent to child, carries one byte per go-ahead; the report pipe, child
// to parent, carries StageReports. A failure is reported as the stage it
// failed in and its errno; a successful exec closes the report pipe, which
// is how the parent learns that init runs.
//
//   0. child: closes every descriptor but the three it needs (kAwaitIdMaps)
//   1. parent: uid/gid maps written (kIdMaps), cgroup joined (kCgroup) ->
//      kMapsWritten (kAwaitIdMaps when that byte is lost);
//      child: opens VE_ROOT while it is still host root (kOpenRoot)
//   2. child: VE created -> {kReportVeCreated, 0} (kAwaitVeCreated when it
//      cannot say so, or the parent cannot hear it)
//   3. parent: every facet's settings applied, resource limits and network
//      first (kSettings, facet/facets.h) -> kNetworkReady (kAwaitNetwork
//      when that byte is lost); when that fails, it kills the child instead
//   4. child: mounts, pivot_root, hostname, resolv.conf, exec -> EOF
// The parent waits 30 s for each of the child's reports (launch/start.cc),
// and kills it after. The monitor passes the outcome on to vzctl start as
// one more StageReport: {kReportInitRuns, 0} or the failure.
//
// Both ends are the same program (the monitor is forked from vzctl start,
// and clones the child), so a StageReport goes over the pipes as it is in
// memory; it is smaller than PIPE_BUF, so each one is written at once.
// Internal.
#pragma once

#include <limits.h>
#include <sys/types.h>

#include <optional>
#include <type_traits>

#include "core/timed_read.h"
#include "vz/core/error.h"

namespace vz::internal {

// Where a launch stands: in a StageReport, the stage that failed, or one
// of the two reports that are not failures. The order is kept: new stages
// go last.
enum class InitStage : int {
  kReportInitRuns = 0,  // not a failure: init runs (the monitor to vzctl start)
  kClone,               // monitor side
  kIdMaps,              // monitor side
  kCgroup,              // monitor side
  kAwaitIdMaps,         // waiting for the uid/gid maps (handshake step 1)
  kCredentials,
  kCgroupNs,
  kCreateVe,
  kHostname,
  kMountPrivate,
  kMountProc,
  kMountSys,
  kMountDev,
  kPivotRoot,
  kExecInit,
  kReportVeCreated,  // not a failure: the VE exists, the parent may configure it (step 2)
  kResolvConf,       // writing /etc/resolv.conf
  kAwaitVeCreated,   // telling the monitor that the VE exists (step 2)
  kAwaitNetwork,     // passing on that the network is configured (step 3)
  kSettings,         // monitor side: applying the VE's settings (facets)
  kOpenRoot,         // opening VE_ROOT, before becoming the container's root
  kPrepareVe,        // monitor side: VZCTL_VE_PREPARE, before the clone
  kClock,            // monitor side: the container's clocks, before the clone
  kDevNodes,         // binding the nodes of DEVNODES into /dev
};

// What the stage is called in vzctl start's error ("start: <name>: ...").
const char* InitStageName(InitStage stage);

// One message on the report pipe. The child sends {stage, errno}; the
// monitor, passing a failure on to vzctl start, adds the error's kind and
// its own account of what failed, when it has one.
struct StageReport {
  InitStage stage;
  int err_no;
  ErrorKind kind = ErrorKind::kSystem;
  char detail[256] = {};
  // The monitor's stage marks for vzctl --verbose (core/stage_record.h).
  char stages[1024] = {};
};
static_assert(std::is_trivially_copyable_v<StageReport>);
static_assert(sizeof(StageReport) <= PIPE_BUF);

// The parent's go-aheads on the sync pipe. The child waits for a byte and
// does not look at it: EOF instead means the parent died or gave up.
inline constexpr char kMapsWritten = 'g';   // step 1: uid/gid maps written, cgroup joined
inline constexpr char kNetworkReady = 'n';  // step 3: limits set, network configured

// Reads `size` bytes from `fd`, through short reads and EINTR: `size`, or
// fewer when EOF came first (0 when nothing came), or -1 with errno set.
// With a deadline each read waits through ReadBefore (core/timed_read.h),
// and ETIMEDOUT means that the deadline passed first.
ssize_t ReadFull(int fd, void* buf, size_t size, std::optional<Deadline> deadline = std::nullopt);

// Writes `size` bytes to `fd`, through short writes and EINTR: 0, or the
// errno of the write that failed (EIO when one wrote nothing).
int WriteFull(int fd, const void* buf, size_t size);

}  // namespace vz::internal
