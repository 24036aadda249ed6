// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Changing a container's settings: applied at once to a running container,
// stored in CTID.conf with `save`, or both.
//
// Each facet's part is typed (vz/uts/options.h, vz/net/options.h,
// vz/ubc/options.h, vz/cpu/options.h, vz/io/options.h, vz/quota/options.h, vz/dev/options.h,
// vz/identity/options.h); vzctl turns its command line into them with the
// library's parsers (ParseIpAddOption, ParseNetIfArg, ParseUbLimit,
// ParseSizeToPages, ParseOvercommit, ParseDiskSpace, ParseDiskInodes,
// ParseQuotaTime, ParseDeviceEntry, ParseDevnodeEntry).
//
// The network changes follow OpenVZ (libvz/src/net/config.h says what
// applying means): deletions before additions; the name server and search
// domain lists replace the stored ones. Resources are checked together
// with the stored settings first: a barrier above its limit (kSetUbc) or
// a RAM limit without swap (kNotEnoughUbc) changes nothing. A running
// container gets the changes at once, resource limits first (with the
// resources that follow from RAM and swap); when a step fails, what this
// call applied is taken back, and nothing is saved.
#pragma once

#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/cpu/options.h"
#include "vz/dev/options.h"
#include "vz/identity/options.h"
#include "vz/io/options.h"
#include "vz/net/options.h"
#include "vz/quota/options.h"
#include "vz/ubc/options.h"
#include "vz/uts/options.h"

namespace vz {

struct SetOptions {
  UtsOptions uts;
  NetOptions net;
  UbcOptions ubc;
  CpuOptions cpu;
  IoOptions io;
  QuotaOptions quota;
  DevOptions dev;
  IdentityOptions identity;
  bool save = false;
};

// Checks every value first and changes nothing if one is bad
// (kInvalidArgument, also for a DEVNODES node the host's /dev does not
// have; kBadIp, kBadNameserver, kBadSearchDomain for those). The kernel
// refusing a device's access, or a node that cannot be put into the
// container's /dev, is kSetDevices.
// Without `save`, the container must run (kNotRunning). An address that
// another container owns fails with kIpInUse. Notes for the user (a
// resource accepted but not enforced, a RAM limit below 32M) are added to
// *warnings when given.
Status SetContainer(Container& ct, const SetOptions& opts,
                    std::vector<std::string>* warnings = nullptr);

}  // namespace vz
