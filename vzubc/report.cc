// SPDX-License-Identifier: GPL-2.0-or-later
#include "report.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace vzubc {

namespace {

constexpr const char* kRed = "\033[1;31m";
constexpr const char* kReset = "\033[0m";
constexpr int kNameWidth = 14;
constexpr int kValueWidth = 10;

std::string Pad(const std::string& s, int width, bool left = false) {
  if (static_cast<int>(s.size()) >= width) return s;
  const std::string fill(width - s.size(), ' ');
  return left ? s + fill : fill + s;
}

std::string Rule() { return std::string(kNameWidth + 5 * kValueWidth + 8, '-') + "\n"; }

std::string Header(unsigned int id) {
  std::string line = Pad("CT " + std::to_string(id), kNameWidth, true);
  for (const char* col : {"held", "maxheld", "barrier", "limit", "failcnt"})
    line += Pad(col, kValueWidth);
  return Rule() + line + "\n" + Rule();
}

std::string FormatRow(const Row& row, bool color) {
  const vz::UbCounter& c = row.counter;
  const vz::UbUnit unit = UnitOf(c.name);
  const bool grew = row.failcnt_delta > 0;
  std::string line = (grew ? "* " : "  ") + Pad(c.name, kNameWidth - 2, true);
  for (uint64_t v : {c.held, c.maxheld, c.barrier, c.limit})
    line += Pad(HumanValue(unit, v), kValueWidth);
  line += Pad(std::to_string(c.failcnt), kValueWidth);
  if (grew) line += " (+" + std::to_string(row.failcnt_delta) + ")";
  return (grew && color ? kRed + line + kReset : line) + "\n";
}

}  // namespace

std::vector<UbReport> BuildReport(const std::vector<vz::Beancounter>& ubs,
                                  const vz::FailcntState& last) {
  std::vector<UbReport> out;
  for (const auto& ub : ubs) {
    UbReport r{ub.id, {}};
    for (const auto& c : ub.counters)
      r.rows.push_back({c, vz::FailcntDelta(last.Get(ub.id, c.name), c.failcnt)});
    out.push_back(std::move(r));
  }
  return out;
}

void RememberFailcnt(const std::vector<vz::Beancounter>& ubs, vz::FailcntState* state) {
  for (const auto& ub : ubs)
    for (const auto& c : ub.counters) state->Set(ub.id, c.name, c.failcnt);
}

vz::UbUnit UnitOf(const std::string& resource) {
  const vz::UbResource* r = vz::FindUbResource(resource);
  return r ? r->unit : vz::UbUnit::kItems;
}

std::string HumanValue(vz::UbUnit unit, uint64_t value) {
  if (value == vz::kUbUnlimited) return "-";
  if (unit == vz::UbUnit::kItems) return std::to_string(value);
  long double v = value;
  if (unit == vz::UbUnit::kPages) v *= vz::kUbPageSize;
  const char* suffix = " KMGTPE";
  int i = 0;
  for (; v >= 1024 && i < 6; ++i) v /= 1024;
  if (i == 0) return std::to_string(static_cast<uint64_t>(v));
  char buf[32];
  std::snprintf(buf, sizeof(buf), v < 100 ? "%.3Lg%c" : "%.0Lf%c", v, suffix[i]);
  return buf;
}

std::string FormatTable(const std::vector<UbReport>& report, bool color) {
  std::string out;
  bool marked = false;
  for (const auto& ub : report) {
    out += Header(ub.id);
    for (const auto& row : ub.rows) {
      out += FormatRow(row, color);
      marked = marked || row.failcnt_delta > 0;
    }
  }
  if (!report.empty()) out += Rule();
  if (marked) out += "* failcnt grew since the last look (+N: by how much)\n";
  return out;
}

std::string FormatJson(const std::vector<UbReport>& report) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const auto& ub : report) {
    nlohmann::ordered_json obj;
    obj["ctid"] = ub.id;
    for (const auto& row : ub.rows) {
      const vz::UbCounter& c = row.counter;
      obj[c.name] = {{"held", c.held},       {"maxheld", c.maxheld},
                     {"barrier", c.barrier}, {"limit", c.limit},
                     {"failcnt", c.failcnt}, {"failcnt_delta", row.failcnt_delta}};
    }
    all.push_back(std::move(obj));
  }
  // Resource names come from the input: bytes that are not UTF-8 are
  // replaced (U+FFFD) rather than abort the program.
  return all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

}  // namespace vzubc
