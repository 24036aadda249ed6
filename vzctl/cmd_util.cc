// SPDX-License-Identifier: GPL-2.0-or-later
#include "cmd_util.h"

#include "exit_codes.h"

namespace po = boost::program_options;

namespace vzctl {

po::options_description NoOptions() { return po::options_description(); }

std::expected<CtArgs, int> ParseCtArgs(const CommandContext& ctx,
                                       const po::options_description& desc, bool rest_is_command) {
  if (ctx.args.empty() || ctx.args[0].starts_with("-")) {
    ctx.env.err << "vzctl: CTID is missing\n";
    return std::unexpected(kExitInvalidValue);
  }
  auto veid = vz::ParseVeid(ctx.args[0]);
  if (!veid) return std::unexpected(Fail(ctx, veid.error()));
  CtArgs parsed;
  parsed.veid = *veid;
  const std::vector<std::string> rest(ctx.args.begin() + 1, ctx.args.end());
  if (rest_is_command) {
    parsed.rest = rest;
    return parsed;
  }
  try {
    po::store(po::command_line_parser(rest).options(desc).run(), parsed.options);
    po::notify(parsed.options);
  } catch (const po::error& e) {
    return std::unexpected(UsageFail(ctx, e.what()));
  }
  return parsed;
}

namespace {

// What loading a config file found to warn about: keys assigned twice,
// values sh reads otherwise.
void WarnAboutConfig(const CommandContext& ctx, const std::filesystem::path& path,
                     const vz::ConfigFile& config) {
  for (const auto& warnings : {config.DuplicateWarnings(), config.UnquotedWarnings()})
    for (const auto& w : warnings) Warn(ctx, path.string() + ": " + w);
}

}  // namespace

std::expected<vz::Container, int> OpenContainer(const CommandContext& ctx, unsigned int veid) {
  auto ct = vz::Container::Open(ctx.env.paths, veid);
  if (!ct) return std::unexpected(Fail(ctx, ct.error()));
  WarnAboutConfig(ctx, ctx.env.paths.vz_conf(), ct->config().global());
  WarnAboutConfig(ctx, ctx.env.paths.ct_conf(veid), ct->config().container());
  return std::move(*ct);
}

std::expected<vz::CtLock, int> LockContainer(const CommandContext& ctx, const vz::Container& ct) {
  auto lock = vz::CtLock::Acquire(ct.lock_dir(), ct.veid());
  if (!lock) return std::unexpected(Fail(ctx, lock.error()));
  return std::move(*lock);
}

void Say(const CommandContext& ctx, const std::string& line) {
  if (ctx.verbosity >= 0) ctx.env.out << line << "\n" << std::flush;
}

void Warn(const CommandContext& ctx, const std::string& line) {
  if (ctx.verbosity >= 0) ctx.env.err << "Warning: " << line << "\n" << std::flush;
}

}  // namespace vzctl
