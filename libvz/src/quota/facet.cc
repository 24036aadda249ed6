// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/facet.h"

#include "quota/config.h"
#include "quota/ugid.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

// What the kernel lets the container's root do with user and group quota
// inside: `limit` ids, or nothing.
uint32_t UgidGrant(const QuotaConfig& cfg) { return cfg.ugid_active() ? cfg.ugid_limit : 0; }

class QuotaChange : public FacetChange {
 public:
  QuotaChange(QuotaOptions opts, fs::path priv, QuotaConfig before, QuotaConfig after, Notes* notes)
      : opts_(std::move(opts)),
        priv_(std::move(priv)),
        before_(std::move(before)),
        after_(std::move(after)),
        notes_(notes) {}

  Status Store(ConfigFile& conf) const override { return StoreQuotaOptions(conf, opts_); }

  Status Apply(RunningVe& ve, Undo& undo) const override {
    if (auto applied = ve.backend.SetDiskQuota(priv_, ve.veid, after_, notes_); !applied)
      return applied;
    undo.Push([&backend = ve.backend, priv = priv_, veid = ve.veid, before = before_] {
      (void)backend.SetDiskQuota(priv, veid, before, nullptr);
    });
    return ApplyUgid(ve, undo);
  }

 private:
  Status ApplyUgid(RunningVe& ve, Undo& undo) const {
    const uint32_t was = UgidGrant(before_), now = UgidGrant(after_);
    if (was == now) return {};
    if (auto set = ve.backend.SetUgidQuota(ve, priv_, now); !set) return set;
    undo.Push([&ve, priv = priv_, was] { (void)ve.backend.SetUgidQuota(ve, priv, was); });
    if (!was && notes_)
      notes_->push_back("quota tools inside container " + std::to_string(ve.veid) +
                        " find its filesystem after its next start");
    return {};
  }

  QuotaOptions opts_;
  fs::path priv_;
  QuotaConfig before_, after_;
  Notes* notes_;
};

// At start: the kernel's part of user and group quota inside.
class UgidAtStart : public FacetChange {
 public:
  UgidAtStart(fs::path priv, uint32_t limit) : priv_(std::move(priv)), limit_(limit) {}
  Status Store(ConfigFile&) const override { return {}; }
  Status Apply(RunningVe& ve, Undo& undo) const override {
    if (auto set = ve.backend.SetUgidQuota(ve, priv_, limit_); !set) return set;
    undo.Push([&ve, priv = priv_] { (void)ve.backend.SetUgidQuota(ve, priv, 0); });
    return {};
  }

 private:
  fs::path priv_;
  uint32_t limit_;
};

FacetPlan Plan(const Container& ct, const SetOptions& opts, Notes* notes) {
  if (opts.quota.empty()) return nullptr;
  auto stored = ReadQuotaConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  QuotaConfig merged = MergeQuota(*stored, opts.quota);
  if (opts.quota.ugidlimit && merged.ugid_active()) {
    if (auto simfs = CheckUgidLayout(ct); !simfs) return std::unexpected(simfs.error());
  }
  return std::make_unique<QuotaChange>(opts.quota, *priv, *stored, std::move(merged), notes);
}

FacetPlan AtStart(const Container& ct, Notes*) {
  auto cfg = ReadQuotaConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  if (!cfg->ugid_active()) return nullptr;
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  return std::make_unique<UgidAtStart>(*priv, cfg->ugid_limit);
}

// Limits are set before anything of the container runs; a container with
// limits on a filesystem without project quota does not start.
Status BeforeStart(const Container& ct, Backend& backend) {
  auto cfg = ReadQuotaConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error().Wrap(ct.paths().ct_conf(ct.veid()).string()));
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  std::error_code ec;
  if (!fs::is_directory(fs::symlink_status(*priv, ec))) return {};  // mount says what is missing
  // Before the filesystem is made to enforce user and group quota: the
  // device is looked up once, when the monitor prepares the launch.
  if (cfg->ugid_active()) {
    if (auto simfs = CheckUgidLayout(ct); !simfs) return simfs;
  }
  return backend.SetDiskQuota(*priv, ct.veid(), *cfg, nullptr);
}

}  // namespace

const Facet kQuotaFacet{
    .name = "quota", .plan = Plan, .at_start = AtStart, .before_start = BeforeStart};

}  // namespace vz::internal
