// SPDX-License-Identifier: GPL-2.0-or-later
#include "run.h"

#include <fnmatch.h>

#include <algorithm>
#include <cstdio>
#include <expected>

#include "output.h"
#include "vz/core/container.h"
#include "vz/kernel/info.h"

namespace vzlist {

namespace {

using Picked = std::expected<std::vector<const Field*>, std::string>;

// The fields to show, in order: -o's, the default columns, or in JSON
// every field without a suffix.
Picked PickFields(const Options& opts) {
  std::vector<const Field*> picked;
  if (opts.output.empty() && opts.json) {
    for (const auto& f : Fields())
      if (f.json) picked.push_back(&f);
    return picked;
  }
  const std::string list = opts.output.empty() ? kDefaultFields : opts.output;
  size_t pos = 0;
  while (pos <= list.size()) {
    const size_t comma = std::min(list.find(',', pos), list.size());
    const std::string name = list.substr(pos, comma - pos);
    pos = comma + 1;
    const Field* f = FindField(name);
    if (!f) return std::unexpected("Unknown field: " + name);
    if (opts.json && !f->json)
      return std::unexpected("Field `" + name + "' is not available in JSON output");
    picked.push_back(f);
  }
  return picked;
}

std::expected<std::vector<unsigned int>, std::string> ResolveTargets(const Options& opts,
                                                                     const vz::Paths& paths) {
  std::vector<unsigned int> ids;
  for (const auto& t : opts.targets) {
    auto id = vz::ParseVeid(t);
    if (!id) id = vz::FindVeidByName(paths, t);
    if (!id) return std::unexpected("CT ID " + t + " is invalid.");
    ids.push_back(*id);
  }
  return ids;
}

vz::ListRequest MakeRequest(const Options& opts, const std::vector<const Field*>& fields,
                            const Field* sort, std::vector<unsigned int> only) {
  vz::ListRequest req;
  req.all = opts.all || opts.stopped;
  req.only = std::move(only);
  auto wants = [&](Source s) {
    return (sort && sort->source == s) ||
           std::any_of(fields.begin(), fields.end(),
                       [&](const Field* f) { return f->source == s; });
  };
  req.disk = wants(Source::kDisk);
  req.uptime = wants(Source::kUptime);
  req.swappages = wants(Source::kSwap);
  return req;
}

bool Matches(const std::optional<std::string>& value, const std::optional<std::string>& pattern) {
  if (!pattern) return true;
  return value && ::fnmatch(pattern->c_str(), value->c_str(), 0) == 0;
}

bool Hidden(const Options& opts, const vz::Listing& l) {
  if (opts.stopped && l.state == vz::ListedState::kRunning) return true;
  return !Matches(l.hostname, opts.hostname_pattern) || !Matches(l.name, opts.name_pattern) ||
         !Matches(l.description, opts.description_pattern);
}

void Sort(const Field* by, bool reverse, std::vector<vz::Listing>* ls) {
  if (by)
    std::stable_sort(ls->begin(), ls->end(), [by](const vz::Listing& a, const vz::Listing& b) {
      return by->key(a) < by->key(b);
    });
  if (reverse) std::reverse(ls->begin(), ls->end());
}

void PrintFieldNames(std::ostream& out) {
  char line[128];
  for (const auto& f : Fields()) {
    std::snprintf(line, sizeof(line), "%-15s %-15s\n", f.name.c_str(), f.header.c_str());
    out << line;
  }
}

int Print(const Options& opts, const std::vector<const Field*>& fields, std::vector<vz::Listing> ls,
          const Environment& env) {
  std::erase_if(ls, [&](const vz::Listing& l) { return Hidden(opts, l); });
  if (opts.json) {
    PrintJson(ls, fields, env.out);
    return 0;
  }
  if (!opts.no_header) PrintHeader(fields, env.out);
  PrintRows(ls, fields, opts.no_trim, env.out);
  return 0;
}

int Fail(const Environment& env, const std::string& message) {
  env.err << "vzlist: " << message << "\n";
  return 1;
}

}  // namespace

int Run(const Options& opts, const Environment& env) {
  if (opts.help) {
    env.out << UsageText();
    return 0;
  }
  if (opts.version) {
    env.out << "vzlist " << vz::LibraryVersion() << "\n";
    return 0;
  }
  if (opts.list_fields) {
    PrintFieldNames(env.out);
    return 0;
  }
  auto fields = PickFields(opts);
  if (!fields) return Fail(env, fields.error());
  const Field* sort = opts.sort.empty() ? nullptr : FindField(opts.sort);
  if (!opts.sort.empty() && !sort) return Fail(env, "Invalid sort field name: " + opts.sort);
  auto only = ResolveTargets(opts, env.paths);
  if (!only) return Fail(env, only.error());
  std::vector<std::string> warnings;
  auto ls = vz::ListContainers(env.paths, MakeRequest(opts, *fields, sort, std::move(*only)),
                               env.sources, &warnings);
  for (const auto& w : warnings) env.err << "vzlist: warning: " << w << "\n";
  if (!ls) return Fail(env, ls.error().message());
  if (ls->empty() && !opts.targets.empty()) {
    env.err << "Container(s) not found\n";
    return 1;
  }
  if (ls->empty() && !opts.json) {
    env.err << "Container(s) not found\n";
    return 0;
  }
  Sort(sort, opts.sort_reverse, &*ls);
  return Print(opts, *fields, std::move(*ls), env);
}

}  // namespace vzlist
