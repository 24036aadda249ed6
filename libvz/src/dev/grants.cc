// SPDX-License-Identifier: LGPL-2.1-or-later
#include "dev/grants.h"

namespace vz::internal {

namespace {

unsigned AccessIn(const DevGrants& grants, const DeviceId& dev) {
  auto it = grants.find(dev);
  return it == grants.end() ? 0 : it->second;
}

Status SetOne(RunningVe& ve, const DeviceId& dev, unsigned was, unsigned now, Undo& undo) {
  if (auto set = ve.backend.SetDevPerms(ve, dev, now); !set) return set;
  undo.Push([&ve, dev, was] { (void)ve.backend.SetDevPerms(ve, dev, was); });
  return {};
}

}  // namespace

DevGrants GrantsOf(const DevConfig& cfg, const NodeDevices& nodes) {
  DevGrants grants;
  for (const auto& entry : cfg.devices)
    if (entry.access) grants[entry.dev] |= entry.access;
  for (const auto& entry : cfg.devnodes) {
    auto node = nodes.find(entry.name);
    if (entry.access && node != nodes.end()) grants[node->second] |= entry.access;
  }
  return grants;
}

Status ApplyGrants(RunningVe& ve, const DevGrants& before, const DevGrants& after,
                   const std::set<DeviceId>& named, Undo& undo) {
  std::set<DeviceId> devs = named;
  for (const auto& grants : {&before, &after})
    for (const auto& grant : *grants) devs.insert(grant.first);
  for (const auto& dev : devs) {
    const unsigned was = AccessIn(before, dev), now = AccessIn(after, dev);
    if (was == now && !named.count(dev)) continue;
    if (auto set = SetOne(ve, dev, was, now, undo); !set) return set;
  }
  return {};
}

}  // namespace vz::internal
