// SPDX-License-Identifier: LGPL-2.1-or-later
#include "dev/facet.h"

#include <algorithm>
#include <set>

#include "dev/config.h"
#include "dev/grants.h"
#include "dev/host_node.h"
#include "dev/node_copy.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

// A node set puts into the running container's /dev.
struct NodeBind {
  std::string name;
  DeviceId dev;
};

// What set does with the nodes of DEVNODES in the running container: the
// host's copies of some go (a node bound in stays, but without its access
// it cannot be opened); then each of `binds` is copied afresh and bound in.
struct NodeWork {
  fs::path dev_dir;                  // the host's /dev
  IdMap owner;                       // whose copies: the container's root
  bool drop_all = false;             // --devnodes none
  std::vector<std::string> dropped;  // NAME:none
  std::vector<NodeBind> binds;
};

fs::path HostDevDir(const Container& ct) { return ct.paths().Under("/dev"); }

class DevChange : public FacetChange {
 public:
  DevChange(DevOptions opts, DevConfig merged, DevGrants before, DevGrants after,
            std::set<DeviceId> named, NodeWork nodes)
      : opts_(std::move(opts)),
        merged_(std::move(merged)),
        before_(std::move(before)),
        after_(std::move(after)),
        named_(std::move(named)),
        nodes_(std::move(nodes)) {}

  Status Store(ConfigFile& conf) const override { return StoreDevConfig(conf, merged_, opts_); }

  // The access first: a node without it cannot be opened. A failure
  // later leaves the copies as they are: they only serve to bind a node
  // in, and the next start makes them afresh.
  Status Apply(RunningVe& ve, Undo& undo) const override {
    if (auto set = ApplyGrants(ve, before_, after_, named_, undo); !set) return set;
    if (auto dropped = DropCopies(ve.veid); !dropped) return dropped;
    for (const auto& node : nodes_.binds) {
      auto copy = MakeNodeCopy(nodes_.dev_dir, ve.veid, node.name, node.dev, nodes_.owner);
      if (!copy) return std::unexpected(copy.error());
      if (auto added = ve.backend.AddDevNode(ve, node.name, *copy, node.dev); !added) return added;
    }
    return {};
  }

 private:
  DevOptions opts_;
  DevConfig merged_;
  DevGrants before_, after_;
  std::set<DeviceId> named_;
  NodeWork nodes_;

  Status DropCopies(unsigned veid) const {
    if (nodes_.drop_all) return RemoveNodeCopies(nodes_.dev_dir, veid);
    for (const auto& name : nodes_.dropped)
      if (auto removed = RemoveNodeCopy(nodes_.dev_dir, veid, name); !removed) return removed;
    return {};
  }
};

// The nodes that --devnodes gives access to must be on the host; one it
// takes access from may be gone.
Result<NodeDevices> ResolveGiven(const fs::path& dev_dir, const std::vector<DevnodeEntry>& given) {
  NodeDevices nodes;
  for (const auto& entry : given) {
    auto dev = ResolveDevnode(dev_dir, entry.name);
    if (!dev && !entry.access) continue;
    if (!dev)
      return KindError(
          ErrorKind::kInvalidArgument,
          "invalid --devnodes '" + FormatDevnodeEntry(entry) + "': " + dev.error().context(),
          dev.error().err_no());
    nodes[entry.name] = *dev;
  }
  return nodes;
}

// Stored nodes that are gone from the host are left out, with a note.
void ResolveStored(const fs::path& dev_dir, const std::vector<DevnodeEntry>& stored,
                   NodeDevices* nodes, Notes* notes) {
  for (const auto& entry : stored) {
    if (nodes->count(entry.name)) continue;
    auto dev = ResolveDevnode(dev_dir, entry.name);
    if (dev)
      (*nodes)[entry.name] = *dev;
    else if (notes)
      notes->push_back("DEVNODES " + FormatDevnodeEntry(entry) +
                       " left alone: " + dev.error().message());
  }
}

// The devices the options name: set by Apply even when the stored settings
// do not change them (an access given or taken without --save).
std::set<DeviceId> NamedDevices(const DevOptions& opts, const NodeDevices& nodes) {
  std::set<DeviceId> named;
  for (const auto& entry : opts.devices) named.insert(entry.dev);
  for (const auto& entry : opts.devnodes)
    if (nodes.count(entry.name)) named.insert(nodes.at(entry.name));
  return named;
}

// The nodes set copies and binds (those of `merged` that the options
// name), and the copies it drops.
Result<NodeWork> NodesToBind(const Container& ct, const DevConfig& merged, const DevOptions& opts,
                             const NodeDevices& nodes) {
  NodeWork work;
  work.dev_dir = HostDevDir(ct);
  work.drop_all = opts.devnodes_none;
  for (const auto& entry : opts.devnodes)
    if (!entry.access) work.dropped.push_back(entry.name);
  for (const auto& entry : merged.devnodes) {
    const bool given = std::any_of(opts.devnodes.begin(), opts.devnodes.end(),
                                   [&](const DevnodeEntry& e) { return e.name == entry.name; });
    if (given && nodes.count(entry.name)) work.binds.push_back({entry.name, nodes.at(entry.name)});
  }
  if (work.binds.empty()) return work;
  auto owner = ct.id_map();
  if (!owner) return std::unexpected(owner.error());
  work.owner = *owner;
  return work;
}

FacetPlan Plan(const Container& ct, const SetOptions& set, Notes* notes) {
  const DevOptions& opts = set.dev;
  if (opts.empty()) return nullptr;
  auto stored = ReadDevConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  const fs::path dev_dir = HostDevDir(ct);
  auto nodes = ResolveGiven(dev_dir, opts.devnodes);
  if (!nodes) return std::unexpected(nodes.error());
  ResolveStored(dev_dir, stored->devnodes, &*nodes, notes);
  DevConfig merged = MergeDev(*stored, opts);
  auto work = NodesToBind(ct, merged, opts, *nodes);
  if (!work) return std::unexpected(work.error());
  DevGrants before = GrantsOf(*stored, *nodes), after = GrantsOf(merged, *nodes);
  return std::make_unique<DevChange>(opts, std::move(merged), std::move(before), std::move(after),
                                     NamedDevices(opts, *nodes), std::move(*work));
}

// A stored node, at start: it must be there.
Result<DeviceId> ResolveAtStart(const fs::path& dev_dir, const DevnodeEntry& entry) {
  auto dev = ResolveDevnode(dev_dir, entry.name);
  if (!dev)
    return KindError(ErrorKind::kSetDevices,
                     "DEVNODES " + FormatDevnodeEntry(entry) + ": " + dev.error().context(),
                     dev.error().err_no());
  return dev;
}

// At start every stored node must be there: a container that needs one
// does not start without it.
FacetPlan AtStart(const Container& ct, Notes*) {
  auto cfg = ReadDevConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  NodeDevices nodes;
  for (const auto& entry : cfg->devnodes) {
    auto dev = ResolveAtStart(HostDevDir(ct), entry);
    if (!dev) return std::unexpected(dev.error());
    nodes[entry.name] = *dev;
  }
  DevGrants grants = GrantsOf(*cfg, nodes);
  if (grants.empty()) return nullptr;
  return std::make_unique<DevChange>(DevOptions{}, std::move(*cfg), DevGrants{}, std::move(grants),
                                     std::set<DeviceId>{}, NodeWork{});
}

// The copies go with the VE; errors are the stop's, not a device's.
Status AfterStop(const Container& ct, RunningVe&) {
  auto removed = RemoveDevNodeCopies(ct);
  if (removed) return {};
  return std::unexpected(Error(removed.error().err_no(), removed.error().context()));
}

}  // namespace

const Facet kDevFacet{.name = "dev", .plan = Plan, .at_start = AtStart, .after_stop = AfterStop};

Result<std::vector<DevNodeBind>> DevNodesAtStart(const Container& ct) {
  auto cfg = ReadDevConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  // Afresh: none of an earlier run's copies stays.
  if (auto cleared = RemoveDevNodeCopies(ct); !cleared) return std::unexpected(cleared.error());
  std::vector<DevNodeBind> binds;
  if (cfg->devnodes.empty()) return binds;
  auto owner = ct.id_map();
  if (!owner) return std::unexpected(owner.error());
  const fs::path dev_dir = HostDevDir(ct);
  for (const auto& entry : cfg->devnodes) {
    auto dev = ResolveAtStart(dev_dir, entry);
    if (!dev) return std::unexpected(dev.error());
    auto copy = MakeNodeCopy(dev_dir, ct.veid(), entry.name, *dev, *owner);
    if (!copy) return std::unexpected(copy.error());
    binds.push_back({entry.name, copy->string(), *dev});
  }
  return binds;
}

Status RemoveDevNodeCopies(const Container& ct) {
  return RemoveNodeCopies(HostDevDir(ct), ct.veid());
}

}  // namespace vz::internal
