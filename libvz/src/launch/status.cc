// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/launch/status.h"

#include <sys/stat.h>

#include "kernel/vzdev.h"
#include "vz/fs/mount.h"

namespace vz {

Result<ContainerStatus> GetStatus(const Container& ct) {
  ContainerStatus st;
  struct stat sb;
  auto priv = ct.private_dir();
  st.exists = ct.has_config() && priv && ::stat(priv->c_str(), &sb) == 0 && S_ISDIR(sb.st_mode);
  auto root = ct.root();
  if (root) {
    auto mounted = IsMountPoint(*root);
    if (!mounted) return std::unexpected(mounted.error());
    st.mounted = *mounted;
  }
  // A kernel without VE support runs no container; any other failure to
  // ask means we cannot tell, and callers (destroy) must not guess.
  auto dev = VzDevice::Open();
  if (!dev && dev.error().kind() != ErrorKind::kBadKernel) return std::unexpected(dev.error());
  if (dev) {
    auto running = dev->Exists(ct.veid());
    if (!running) return std::unexpected(running.error());
    st.running = *running;
  }
  return st;
}

}  // namespace vz
