// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/set.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstring>

#include "inside/run_inside.h"
#include "inside/ve_process.h"
#include "kernel/cgroup.h"
#include "kernel/vzdev.h"
#include "net/change.h"
#include "ubc/change.h"
#include "ubc/check.h"
#include "uts/hostname_file.h"
#include "uts/valid_hostname.h"
#include "vz/launch/status.h"

namespace vz {

namespace {

bool ValidName(const std::string& n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](unsigned char c) {
    return std::isalnum(c) || c == ' ' || c == '-' || c == '+' || c == '_' || c == '.';
  });
}

Status Validate(const SetOptions& opts) {
  if (opts.hostname && !internal::ValidHostname(*opts.hostname))
    return KindError(ErrorKind::kInvalidArgument, "invalid hostname '" + *opts.hostname + "'");
  if (opts.onboot && *opts.onboot != "yes" && *opts.onboot != "no")
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid --onboot '" + *opts.onboot + "': must be yes or no");
  if (opts.name && !ValidName(*opts.name))
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid name '" + *opts.name + "': use letters, digits, space and -+_.");
  return {};
}

// Exit statuses of the hostname helper: sethostname failed, or
// kWriteFailed + errno when /etc/hostname could not be replaced.
constexpr int kSetFailed = 4;
constexpr int kWriteFailed = 16;

// Sets the host name inside the running container, from inside: its
// /etc/hostname is written by its own root, so no link it planted can lead
// the write out of the container. The file is replaced through a temp file
// (a planted FIFO cannot block us), and the helper is killed if the
// container's root stops it: vzctl holds the lock meanwhile. The host name
// is set by then, so a file that cannot be written (a read-only root, a
// bind-mounted file, no /etc) is a warning in *notes, not an error.
Status ApplyHostname(const Container& ct, const std::string& hostname,
                     std::vector<std::string>* notes) {
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  auto code = internal::RunInContainer(
      *dev, ct.veid(),
      [&] {
        if (::sethostname(hostname.c_str(), hostname.size()) != 0) return kSetFailed;
        const int err = internal::WriteHostnameFile(hostname);
        return err == 0 ? 0 : kWriteFailed + std::min(err, 255 - kWriteFailed);
      },
      /*wait=*/true, internal::InsideStdio::kNull, internal::kHelperTimeout);
  if (!code) return std::unexpected(code.error());
  const std::string inside = " inside container " + std::to_string(ct.veid());
  if (*code >= kWriteFailed) {
    notes->push_back("the host name is set, but /etc/hostname" + inside +
                     " could not be written: " + std::strerror(*code - kWriteFailed));
    return {};
  }
  if (*code != 0)
    return MakeError(
        EIO, "setting the hostname" + inside + " failed (status " + std::to_string(*code) + ")");
  return {};
}

// The resource options, checked against the stored settings.
struct UbcPlan {
  internal::UbcChange change;
  UbcConfig merged;  // the settings after the change
};

Result<UbcPlan> PlanUbc(const Container& ct, const SetOptions& opts,
                        std::vector<std::string>* notes) {
  auto change = internal::ParseUbcChange(opts, notes);
  if (!change) return std::unexpected(change.error());
  UbcPlan plan{std::move(*change), {}};
  if (plan.change.empty()) return plan;
  auto stored = ReadUbcConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  plan.merged = internal::MergeUbc(*stored, plan.change);
  const auto ids = plan.change.ids();
  if (auto ok = CheckUbcLimits(plan.merged, ids); !ok) return std::unexpected(ok.error());
  for (auto& note : UbcWarnings(plan.merged, ids)) notes->push_back(std::move(note));
  return plan;
}

// Puts the changes into `conf`; refuses what the file cannot hold (a
// newline in --description, say).
Status Stage(ConfigFile& conf, const SetOptions& opts, const internal::NetChange& net,
             const NetConfig& current, const UbcPlan& ubc) {
  Status set = internal::StoreUbcChange(conf, ubc.change);
  if (set && opts.hostname) set = conf.Set("HOSTNAME", *opts.hostname);
  if (set && opts.onboot) set = conf.Set("ONBOOT", *opts.onboot);
  if (set && opts.name) set = conf.Set("NAME", *opts.name);
  if (set && opts.description) set = conf.Set("DESCRIPTION", *opts.description);
  if (set) set = internal::StoreNetChange(conf, net, current);
  return set;
}

// Whether the changes can be stored, tried on a copy of CTID.conf: checked
// before anything is applied to a running container.
Status CheckStorable(const Container& ct, const SetOptions& opts, const internal::NetChange& net,
                     const NetConfig& current, const UbcPlan& ubc) {
  ConfigFile copy = ct.config().container();
  return Stage(copy, opts, net, current, ubc);
}

Status Store(Container& ct, const SetOptions& opts, const internal::NetChange& net,
             const NetConfig& current, const UbcPlan& ubc) {
  if (auto staged = Stage(ct.config().container(), opts, net, current, ubc); !staged) return staged;
  return ct.SaveConfig();
}

bool HasNetOptions(const SetOptions& o) {
  return !o.ipadd.empty() || !o.ipdel.empty() || o.nameservers || o.searchdomains ||
         !o.netif_add.empty() || !o.netif_del.empty() || !o.netdev_add.empty() ||
         !o.netdev_del.empty();
}

// Limits first; when a later step fails, they are put back.
Status Apply(Container& ct, const SetOptions& opts, const internal::NetChange& net,
             const NetConfig& current, const UbcPlan& ubc, std::vector<std::string>* notes) {
  internal::UbcSnapshot before;
  const auto limits = internal::LiveUbLimits(ubc.merged, ubc.change);
  if (auto applied =
          internal::ApplyUbLimits(ct.veid(), limits, internal::CgroupPath(ct.veid()), &before);
      !applied)
    return applied;
  Status st = opts.hostname ? ApplyHostname(ct, *opts.hostname, notes) : Status();
  if (st) st = internal::ApplyNetChange(ct, net, current);
  if (!st) internal::RestoreUbLimits(before);
  return st;
}

}  // namespace

Status SetContainer(Container& ct, const SetOptions& opts, std::vector<std::string>* warnings) {
  if (auto valid = Validate(opts); !valid) return valid;
  std::vector<std::string> notes;
  auto ubc = PlanUbc(ct, opts, &notes);
  if (!ubc) return std::unexpected(ubc.error());
  // The stored network settings are read (and must be sound) only when
  // the network changes.
  NetConfig current;
  if (HasNetOptions(opts)) {
    auto read = ReadNetConfig(ct.config(), ct.veid());
    if (!read) return std::unexpected(read.error());
    current = std::move(*read);
  }
  auto net = internal::ParseNetChange(opts, current, ct.veid());
  if (!net) return std::unexpected(net.error());
  auto st = GetStatus(ct);
  if (!st) return std::unexpected(st.error());
  if (!opts.save && (opts.onboot || opts.name || opts.description))
    return KindError(ErrorKind::kInvalidArgument,
                     "--onboot, --name and --description only take effect with --save");
  if (!st->running && !opts.save)
    return KindError(ErrorKind::kNotRunning,
                     "container is not running: use --save to store the settings");
  if (opts.save) {
    if (auto storable = CheckStorable(ct, opts, *net, current, *ubc); !storable) return storable;
  }
  if (st->running) {
    if (auto applied = Apply(ct, opts, *net, current, *ubc, &notes); !applied) return applied;
  }
  if (opts.save) {
    if (auto stored = Store(ct, opts, *net, current, *ubc); !stored) return stored;
  }
  if (warnings) warnings->insert(warnings->end(), notes.begin(), notes.end());
  return {};
}

}  // namespace vz
