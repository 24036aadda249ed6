// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/facet.h"

#include "quota/config.h"

namespace vz::internal {

namespace {

namespace fs = std::filesystem;

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
    return {};
  }

 private:
  QuotaOptions opts_;
  fs::path priv_;
  QuotaConfig before_, after_;
  Notes* notes_;
};

FacetPlan Plan(const Container& ct, const SetOptions& opts, Notes* notes) {
  if (opts.quota.empty()) return nullptr;
  auto stored = ReadQuotaConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  QuotaConfig merged = MergeQuota(*stored, opts.quota);
  return std::make_unique<QuotaChange>(opts.quota, *priv, *stored, std::move(merged), notes);
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
  return backend.SetDiskQuota(*priv, ct.veid(), *cfg, nullptr);
}

}  // namespace

const Facet kQuotaFacet{.name = "quota", .plan = Plan, .before_start = BeforeStart};

}  // namespace vz::internal
