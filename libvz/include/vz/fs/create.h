// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Creating and destroying containers.
//
// Create writes CTID.conf first (from a sample config), then makes the
// private area in a temporary directory next to it and renames it into
// place only when it is complete. For the simfs layout that is the OS
// template cache unpacked with file ownership shifted into the
// container's uid range; for the overlay layout (vz/fs/layout.h) it is an
// empty layer over the template's shared tree, which is unpacked first if
// this version of the cache has none yet. A failure or a cancel removes what
// this create made; a create killed outright leaves at most its CTID.conf
// and the temporary directory, which the next create of the same CTID takes
// over.
//
// Destroy renames the private area away (to VE_PRIVATE.destroyed.XXXXXX,
// a name of its own) before deleting it, so a half-deleted container is
// never visible under its own name. The deletion follows no symlink, enters
// no other mount and holds a bounded number of descriptors however deep the
// tree; what killed creates, saves and destroys left (VE_PRIVATE.tmp-create,
// VE_PRIVATE.destroyed*, CTID.conf.tmpXXXXXX) goes too. Anything that
// cannot be removed fails the destroy.
#pragma once

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/fs/layout.h"
#include "vz/net/ip_address.h"
#include "vz/quota/options.h"

namespace vz {

struct CreateOptions {
  std::string ostemplate;  // empty: DEF_OSTEMPLATE from vz.conf
  std::string config;      // sample name; empty: CONFIGFILE from vz.conf
  std::string hostname;
  std::optional<Layout> layout;            // VE_LAYOUT; unset: vz.conf's, else simfs
  std::optional<std::string> private_dir;  // VE_PRIVATE, may contain $VEID
  std::optional<std::string> root;         // VE_ROOT, may contain $VEID
  std::optional<uint32_t> local_uid;       // LOCAL_UID; 0 with local_gid 0: identity map
  std::optional<uint32_t> local_gid;
  // Writes ALLOW_HOST_ROOT_MAP="yes": a LOCAL_UID/LOCAL_GID of 0 is then
  // allowed (core/id_check.h), with a warning.
  bool allow_host_root_map = false;
  std::vector<IpAddress> ipadd;  // IP_ADDRESS entries (ParseIpAddOption)
  // DISKSPACE, DISKINODES (vz/quota/options.h); with either set in the
  // end, the private area is made the container's project and gets them
  // as limits (vz/quota/quota.h): a filesystem without project quota is
  // then kQuotaOn, before anything is unpacked.
  std::optional<DiskLimit> diskspace;
  std::optional<DiskLimit> diskinodes;
  std::function<void(int percent)> progress;
  const std::atomic<bool>* cancel = nullptr;
};

// The id map is checked first (core/id_check.h: kInvalidArgument when
// refused); its warnings are appended to *warnings.
Status CreateContainer(Container& ct, const CreateOptions& opts,
                       std::vector<std::string>* warnings = nullptr);

}  // namespace vz
