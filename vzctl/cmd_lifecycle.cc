// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl start | stop [--fast] | restart | status | mount | umount | destroy
#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/core/stages.h"
#include "vz/fs/create.h"
#include "vz/fs/destroy.h"
#include "vz/fs/mount.h"
#include "vz/launch/start.h"
#include "vz/launch/status.h"
#include "vz/launch/stop.h"

namespace po = boost::program_options;

namespace vzctl {

po::options_description StopOptions() {
  po::options_description desc("Options");
  desc.add_options()("fast", "kill the container at once instead of halting it");
  return desc;
}

namespace {

int DoStart(const CommandContext& ctx, vz::Container& ct) {
  Say(ctx, "Starting container...");
  std::vector<std::string> warnings;
  auto started = vz::StartContainer(ct, &warnings);
  for (const auto& w : warnings) Warn(ctx, w);
  if (!started) return Fail(ctx, started.error());
  Say(ctx, "Container start in progress...");
  return kExitOk;
}

int DoStop(const CommandContext& ctx, vz::Container& ct, bool fast) {
  Say(ctx, "Stopping container ...");
  auto stopped = vz::StopContainer(ct, vz::StopOptions{.fast = fast});
  if (!stopped && stopped.error().kind() == vz::ErrorKind::kNotRunning) {
    Say(ctx, "Unable to stop: container is not running");
    return kExitOk;
  }
  if (!stopped) return Fail(ctx, stopped.error());
  Say(ctx, "Container was stopped");
  Say(ctx, "Container is unmounted");
  return kExitOk;
}

}  // namespace

int CmdStart(const CommandContext& ctx) {
  return WithLockedContainer(ctx, NoOptions(), [&](vz::Container& ct, const po::variables_map&) {
    return DoStart(ctx, ct);
  });
}

int CmdStop(const CommandContext& ctx) {
  return WithLockedContainer(ctx, StopOptions(),
                             [&](vz::Container& ct, const po::variables_map& vm) {
                               return DoStop(ctx, ct, vm.count("fast") > 0);
                             });
}

int CmdRestart(const CommandContext& ctx) {
  return WithLockedContainer(ctx, StopOptions(),
                             [&](vz::Container& ct, const po::variables_map& vm) {
                               Say(ctx, "Restarting container");
                               int code = DoStop(ctx, ct, vm.count("fast") > 0);
                               return code == kExitOk ? DoStart(ctx, ct) : code;
                             });
}

int CmdMount(const CommandContext& ctx) {
  return WithLockedContainer(ctx, NoOptions(), [&](vz::Container& ct, const po::variables_map&) {
    auto mounted = vz::MountContainer(ct);
    if (!mounted && mounted.error().kind() == vz::ErrorKind::kMounted) {
      Say(ctx, "Container is already mounted");
      return static_cast<int>(kExitOk);
    }
    if (!mounted) return Fail(ctx, mounted.error());
    Say(ctx, "Container is mounted");
    return static_cast<int>(kExitOk);
  });
}

int CmdUmount(const CommandContext& ctx) {
  return WithLockedContainer(ctx, NoOptions(), [&](vz::Container& ct, const po::variables_map&) {
    // Nothing is unmounted while it is unknown whether the container runs.
    auto st = vz::GetStatus(ct);
    if (!st) return Fail(ctx, st.error());
    if (st->running)
      return Fail(ctx,
                  vz::Error(0, "container is running: stop it first", vz::ErrorKind::kRunning));
    auto umounted = vz::UmountContainer(ct);
    if (!umounted) return Fail(ctx, umounted.error());
    Say(ctx, "Container is unmounted");
    return static_cast<int>(kExitOk);
  });
}

int CmdDestroy(const CommandContext& ctx) {
  return WithLockedContainer(ctx, NoOptions(), [&](vz::Container& ct, const po::variables_map&) {
    Say(ctx, "Destroying container private area");
    auto destroyed = vz::DestroyContainer(ct);
    if (!destroyed) return Fail(ctx, destroyed.error());
    Say(ctx, "Container private area was destroyed");
    return static_cast<int>(kExitOk);
  });
}

// Always exits 0, and works without any config: scripts poll it.
int CmdStatus(const CommandContext& ctx) {
  auto args = ParseCtArgs(ctx, NoOptions());
  if (!args) return args.error();
  vz::ContainerStatus st;
  auto ct = vz::Container::Open(ctx.env.paths, args->veid);
  if (ct) {
    auto got = vz::GetStatus(*ct);
    if (got)
      st = *got;
    else
      ctx.env.err << "vzctl: " << got.error().message() << "\n";
  }
  ctx.env.out << "CTID " << args->veid << (st.exists ? " exist" : " deleted")
              << (st.mounted ? " mounted" : " unmounted") << (st.running ? " running" : " down")
              << "\n";
  return kExitOk;
}

}  // namespace vzctl
