// SPDX-License-Identifier: GPL-2.0-or-later
// vzctl events [--json]: the kernel's VE events, one line each, as they come.
#include <cerrno>

#include "cmd_util.h"
#include "exit_codes.h"
#include "vz/kernel/events.h"

namespace po = boost::program_options;

namespace vzctl {

po::options_description EventsOptions() {
  po::options_description desc("Options");
  desc.add_options()("json", "print one JSON object per line");
  return desc;
}

namespace {

std::string Line(const vz::VeEvent& event, bool json) {
  return json ? vz::VeEventJson(event) : event.action + " " + std::to_string(event.veid);
}

}  // namespace

// Runs until interrupted. Lines are flushed one by one, for scripts that
// read them through a pipe.
int CmdEvents(const CommandContext& ctx) {
  po::variables_map options;
  try {
    po::store(po::command_line_parser(ctx.args).options(EventsOptions()).run(), options);
  } catch (const po::error& e) {
    return UsageFail(ctx, e.what());
  }
  const bool json = options.count("json") > 0;
  auto events = vz::VeEvents::Open();
  if (!events) return Fail(ctx, events.error());
  for (;;) {
    auto event = events->Next();
    if (!event && event.error().err_no() == ENOBUFS) {
      Warn(ctx, event.error().message());
      continue;
    }
    if (!event) return Fail(ctx, event.error());
    if (*event) ctx.env.out << Line(**event, json) << std::endl;
  }
}

}  // namespace vzctl
