// SPDX-License-Identifier: GPL-2.0-or-later
// What the commands share: parsing "CTID [options]", opening and locking
// the container. Each returns either the value or the exit code to use,
// having printed the error.
#pragma once

#include <boost/program_options.hpp>
#include <expected>
#include <string>
#include <vector>

#include "commands.h"
#include "vz/core/container.h"
#include "vz/core/lock.h"
#include "vz/core/stages.h"

namespace vzctl {

struct CtArgs {
  unsigned int veid = 0;
  boost::program_options::variables_map options;
  std::vector<std::string> rest;  // words after the CTID, for exec-like commands
};

// "CTID [options]" with `desc`; with `rest_is_command` everything after the
// CTID is taken verbatim instead (exec, exec2, exec3).
std::expected<CtArgs, int> ParseCtArgs(const CommandContext& ctx,
                                       const boost::program_options::options_description& desc,
                                       bool rest_is_command = false);

std::expected<vz::Container, int> OpenContainer(const CommandContext& ctx, unsigned int veid);

std::expected<vz::CtLock, int> LockContainer(const CommandContext& ctx, const vz::Container& ct);

// Parses, opens and locks, then runs `fn(ctx, container, options)`.
template <typename Fn>
int WithLockedContainer(const CommandContext& ctx,
                        const boost::program_options::options_description& desc, Fn fn) {
  auto args = ParseCtArgs(ctx, desc);
  if (!args) return args.error();
  auto ct = OpenContainer(ctx, args->veid);
  if (!ct) return ct.error();
  auto lock = LockContainer(ctx, *ct);
  if (!lock) return lock.error();
  vz::MarkStage("config read, container locked");
  return fn(*ct, args->options);
}

// Prints unless --quiet.
void Say(const CommandContext& ctx, const std::string& line);

// Prints "Warning: <line>" on stderr unless --quiet.
void Warn(const CommandContext& ctx, const std::string& line);

}  // namespace vzctl
