// SPDX-License-Identifier: LGPL-2.1-or-later
#include "launch/spec.h"

#include <ctime>
#include <vector>

#include "core/id_check.h"
#include "dev/facet.h"
#include "facet/facets.h"
#include "kernel/cgroup.h"
#include "uts/facet.h"

namespace vz::internal {

Result<LaunchArgs> PrepareLaunch(const Container& ct, int vzctl_fd) {
  auto map = ct.id_map();
  if (!map) return std::unexpected(map.error());
  auto root = ct.root();
  if (!root) return std::unexpected(root.error());
  auto uts = ReadUtsAtStart(ct);
  if (!uts) return std::unexpected(uts.error());
  auto quota_dev = QuotaDeviceAtStart(ct);
  if (!quota_dev) return std::unexpected(quota_dev.error());
  Notes notes;
  auto facets = StartChanges(ct, &notes);
  if (!facets) return std::unexpected(facets.error());
  auto cgroup = MakeCgroup(ct.veid());
  if (!cgroup) return std::unexpected(cgroup.error());
  // Last: it makes the host's copies of the nodes (a failed start removes
  // them).
  auto dev_nodes = DevNodesAtStart(ct);
  if (!dev_nodes) return std::unexpected(dev_nodes.error());
  using Changes = std::vector<std::unique_ptr<FacetChange>>;
  return LaunchArgs{ct.paths(),
                    ct.veid(),
                    vzctl_fd,
                    *map,
                    *cgroup,
                    root->string(),
                    uts->hostname,
                    std::move(uts->dns),
                    std::move(*quota_dev),
                    std::move(*dev_nodes),
                    std::make_shared<const Changes>(std::move(*facets)),
                    std::move(notes)};
}

Status PrepareRelaunch(LaunchArgs* args, std::vector<time_t>* restarts) {
  const time_t now = ::time(nullptr);
  std::erase_if(*restarts, [&](time_t t) { return now - t > 60; });
  if (restarts->size() >= 5)
    return MakeError(0, "rebooted 5 times within a minute: not started again");
  restarts->push_back(now);
  auto ct = Container::Open(args->paths, args->veid);
  if (!ct) return std::unexpected(ct.error());
  // The settings may have changed since start: the map is checked again.
  if (auto checked = CheckIdMap(*ct, nullptr); !checked) return checked;
  auto fresh = PrepareLaunch(*ct, args->vzctl_fd);
  if (!fresh) return std::unexpected(fresh.error());
  *args = std::move(*fresh);
  return {};
}

}  // namespace vz::internal
