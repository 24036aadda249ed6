// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/config.h"

#include "core/config_key.h"

namespace vz::internal {

namespace {

std::string Limit(uint64_t n) { return n ? std::to_string(n) : "max"; }

}  // namespace

Result<IoConfig> ReadIoConfig(const ConfigStack& config) {
  IoConfig cfg;
  Status ok = ReadConfigKey(config, "IOPRIO", ParseIoPrio, &cfg.ioprio);
  if (ok) ok = ReadConfigKey(config, "IOLIMIT", ParseStoredIoLimit, &cfg.iolimit);
  if (ok) ok = ReadConfigKey(config, "IOPSLIMIT", ParseIopsLimit, &cfg.iopslimit);
  if (!ok) return std::unexpected(ok.error());
  return cfg;
}

IoConfig MergeIo(IoConfig cfg, const IoOptions& opts) {
  cfg.ioprio = opts.ioprio.value_or(cfg.ioprio);
  cfg.iolimit = opts.iolimit.value_or(cfg.iolimit);
  cfg.iopslimit = opts.iopslimit.value_or(cfg.iopslimit);
  return cfg;
}

Status StoreIoConfig(ConfigFile& conf, const IoConfig& merged, const IoOptions& opts) {
  Status ok;
  if (ok && opts.ioprio) ok = conf.Set("IOPRIO", std::to_string(merged.ioprio));
  if (ok && opts.iolimit) ok = conf.Set("IOLIMIT", std::to_string(merged.iolimit));
  if (ok && opts.iopslimit) ok = conf.Set("IOPSLIMIT", std::to_string(merged.iopslimit));
  return ok;
}

std::string BfqWeight(unsigned ioprio) {
  const unsigned weight = ioprio >= kDefaultIoPrio ? 100u << (ioprio - kDefaultIoPrio)
                                                   : 100u >> (kDefaultIoPrio - ioprio);
  return "default " + std::to_string(weight);
}

std::string IoMax(const BlockDisk& disk, const IoConfig& cfg) {
  const std::string bps = Limit(cfg.iolimit), iops = Limit(cfg.iopslimit);
  return std::to_string(disk.major) + ":" + std::to_string(disk.minor) + " rbps=" + bps +
         " wbps=" + bps + " riops=" + iops + " wiops=" + iops;
}

}  // namespace vz::internal
