// SPDX-License-Identifier: GPL-2.0-or-later
#include "run.h"

#include <algorithm>
#include <fstream>
#include <iterator>

#include "report.h"
#include "vz/kernel/info.h"
#include "vz/ubc/state.h"

namespace vzubc {

namespace {

vz::Result<std::vector<vz::Beancounter>> Read(const Options& opts, const Environment& env) {
  if (opts.file.empty()) return vz::ReadBeancounters(env.proc);
  if (opts.file == "-") {
    const std::string text(std::istreambuf_iterator<char>(env.in), {});
    return vz::ParseUserBeancounters(text, "<stdin>");
  }
  std::ifstream in(opts.file);
  if (!in) return vz::ErrnoError("open(" + opts.file + ")");
  const std::string text(std::istreambuf_iterator<char>(in), {});
  return vz::ParseUserBeancounters(text, opts.file);
}

// Keeps the beancounters asked for; says which have none.
bool Select(const Options& opts, const Environment& env, std::vector<vz::Beancounter>* ubs) {
  if (opts.ctids.empty()) return true;
  bool all_found = true;
  for (unsigned int id : opts.ctids)
    if (std::none_of(ubs->begin(), ubs->end(), [&](const auto& ub) { return ub.id == id; })) {
      env.err << "vzubc: CT " << id << " has no beancounter (not running?)\n";
      all_found = false;
    }
  std::erase_if(*ubs, [&](const vz::Beancounter& ub) {
    return std::find(opts.ctids.begin(), opts.ctids.end(), ub.id) == opts.ctids.end();
  });
  return all_found;
}

vz::FailcntState LoadState(const std::filesystem::path& path, const Environment& env) {
  auto state = vz::FailcntState::Load(path);
  if (state) return std::move(*state);
  env.err << "vzubc: warning: " << state.error().message() << " (starting afresh)\n";
  return vz::FailcntState();
}

}  // namespace

std::filesystem::path DefaultStatePath(const vz::Paths& paths) {
  return paths.Under("/var/lib/vz/vzubc.state");
}

int Run(const Options& opts, const Environment& env) {
  if (opts.help) {
    env.out << UsageText();
    return 0;
  }
  if (opts.version) {
    env.out << "vzubc version " << vz::LibraryVersion() << "\n";
    return 0;
  }
  auto ubs = Read(opts, env);
  if (!ubs) {
    env.err << "vzubc: " << ubs.error().message() << "\n";
    return 1;
  }
  const bool all_found = Select(opts, env, &*ubs);
  const auto path = opts.state.empty() ? DefaultStatePath(env.paths) : opts.state;
  vz::FailcntState state = opts.no_state ? vz::FailcntState() : LoadState(path, env);
  const auto report = BuildReport(*ubs, state);
  env.out << (opts.json ? FormatJson(report) : FormatTable(report, opts.color)) << std::flush;
  if (!opts.no_state) {
    RememberFailcnt(*ubs, &state);
    if (auto saved = state.Save(path); !saved)
      env.err << "vzubc: warning: " << saved.error().message() << "\n";
  }
  return all_found ? 0 : 1;
}

}  // namespace vzubc
