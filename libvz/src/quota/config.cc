// SPDX-License-Identifier: LGPL-2.1-or-later
#include "quota/config.h"

#include <string>

#include "core/config_key.h"

namespace vz::internal {

Result<QuotaConfig> ReadQuotaConfig(const ConfigStack& config) {
  QuotaConfig cfg;
  if (auto dq = config.Get("DISK_QUOTA"); dq && !dq->empty()) {
    if (*dq != "yes" && *dq != "no")
      return KindError(ErrorKind::kBadConfig, "DISK_QUOTA=\"" + *dq + "\": must be yes or no");
    cfg.disk_quota = *dq == "yes";
  }
  Status ok = ReadConfigKey(config, "DISKSPACE", ParseDiskSpace, &cfg.space);
  if (ok) ok = ReadConfigKey(config, "DISKINODES", ParseDiskInodes, &cfg.inodes);
  if (ok) ok = ReadConfigKey(config, "QUOTATIME", ParseQuotaTime, &cfg.grace);
  std::optional<uint32_t> ugid;
  if (ok) ok = ReadConfigKey(config, "QUOTAUGIDLIMIT", ParseUgidLimit, &ugid);
  if (!ok) return std::unexpected(ok.error());
  cfg.ugid_limit = ugid.value_or(0);
  return cfg;
}

QuotaConfig MergeQuota(QuotaConfig cfg, const QuotaOptions& opts) {
  if (opts.enabled) cfg.disk_quota = *opts.enabled;
  if (opts.diskspace) cfg.space = opts.diskspace;
  if (opts.diskinodes) cfg.inodes = opts.diskinodes;
  if (opts.quotatime) cfg.grace = opts.quotatime;
  if (opts.ugidlimit) cfg.ugid_limit = *opts.ugidlimit;
  return cfg;
}

Status StoreQuotaOptions(ConfigFile& conf, const QuotaOptions& opts) {
  Status set = opts.enabled ? conf.Set("DISK_QUOTA", *opts.enabled ? "yes" : "no") : Status();
  if (set && opts.diskspace) set = conf.Set("DISKSPACE", FormatDiskLimit(*opts.diskspace));
  if (set && opts.diskinodes) set = conf.Set("DISKINODES", FormatDiskLimit(*opts.diskinodes));
  if (set && opts.quotatime) set = conf.Set("QUOTATIME", std::to_string(*opts.quotatime));
  if (set && opts.ugidlimit) set = conf.Set("QUOTAUGIDLIMIT", std::to_string(*opts.ugidlimit));
  return set;
}

}  // namespace vz::internal
