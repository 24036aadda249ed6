// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl quotaon | quotaoff | quotainit CTID: the first level of disk quota
// (vz/quota/quota.h). Exit codes as OpenVZ's: 60, 66 and 61 when the step
// fails or DISK_QUOTA=no.
#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/quota/quota.h"

namespace po = boost::program_options;

namespace vzctl {

namespace {

int RunQuota(const CommandContext& ctx, vz::Status (*step)(const vz::Container&),
             const char* done) {
  return WithLockedContainer(ctx, NoOptions(), [&](vz::Container& ct, const po::variables_map&) {
    if (!ct.has_config())
      return Fail(ctx, vz::Error(0, "container " + std::to_string(ct.veid()) + " does not exist",
                                 vz::ErrorKind::kNoVeConfig));
    if (auto ok = step(ct); !ok) return Fail(ctx, ok.error());
    Say(ctx, done);
    return static_cast<int>(kExitOk);
  });
}

}  // namespace

int CmdQuotaOn(const CommandContext& ctx) {
  return RunQuota(ctx, vz::QuotaOn, "Disk quota limits are set");
}

int CmdQuotaOff(const CommandContext& ctx) {
  return RunQuota(ctx, vz::QuotaOff, "Disk quota limits are removed; usage is still counted");
}

int CmdQuotaInit(const CommandContext& ctx) {
  return RunQuota(ctx, vz::QuotaInit, "Disk quota usage is counted for the whole private area");
}

}  // namespace vzctl
