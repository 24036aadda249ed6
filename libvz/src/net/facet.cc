// SPDX-License-Identifier: LGPL-2.1-or-later
#include "net/facet.h"

#include "net/apply.h"

namespace vz::internal {

namespace {

class NetFacetChange : public FacetChange {
 public:
  NetFacetChange(NetChange change, NetConfig current)
      : change_(std::move(change)), current_(std::move(current)) {}

  Status Store(ConfigFile& conf) const override { return StoreNetChange(conf, change_, current_); }

  Status Apply(RunningVe& ve, Undo& undo) const override {
    return ApplyNetChange(ve, change_, current_, undo);
  }

 private:
  NetChange change_;
  NetConfig current_;  // the stored settings the change is made to
};

// The stored settings are read (and must be sound) only when the network
// changes.
FacetPlan Plan(const Container& ct, const SetOptions& opts, Notes*) {
  if (opts.net.empty()) return nullptr;
  auto current = ReadNetConfig(ct.config(), ct.veid());
  if (!current) return std::unexpected(current.error());
  auto change = ParseNetChange(opts.net, *current, ct.veid());
  if (!change) return std::unexpected(change.error());
  if (change->empty()) return nullptr;
  return std::make_unique<NetFacetChange>(std::move(*change), std::move(*current));
}

FacetPlan AtStart(const Container& ct, Notes*) {
  auto net = ReadNetConfig(ct.config(), ct.veid());
  if (!net) return std::unexpected(net.error());
  NetChange change = StartNetChange(*net);
  return std::make_unique<NetFacetChange>(std::move(change), std::move(*net));
}

// The VE's addresses must not be in use on the host or its LANs
// (net/ip_in_use.h). Checked before anything starts; a relaunch after a
// reboot inside does not check again: the addresses were the VE's.
Status BeforeStart(const Container& ct, Backend& backend) {
  auto net = ReadNetConfig(ct.config(), ct.veid());
  if (!net || net->ips.empty()) return {};  // a bad config fails the start later
  return backend.CheckIpsFree(net->ips, !net->skip_arpdetect);
}

// The host's routes and proxy entries of the VE's addresses, and of any
// other address routed to venet0 that no VE owns.
Status AfterStop(const Container& ct, RunningVe& ve) {
  auto net = ReadNetConfig(ct.config(), ct.veid());
  return ve.backend.ReleaseHostRoutes(net ? net->ips : std::vector<IpAddress>{});
}

}  // namespace

const Facet kNetFacet{.name = "net",
                      .plan = Plan,
                      .at_start = AtStart,
                      .before_start = BeforeStart,
                      .after_stop = AfterStop};

}  // namespace vz::internal
