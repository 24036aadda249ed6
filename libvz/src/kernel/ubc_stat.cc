// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/kernel/ubc_stat.h"

#include <charconv>

#include "core/file.h"
#include "core/words.h"

namespace vz {

namespace {

std::unexpected<Error> Malformed(std::string_view name, size_t line, const std::string& what) {
  return MakeError(EPROTO, std::string(name) + ":" + std::to_string(line) + ": " + what);
}

bool ParseU64(std::string_view word, uint64_t* out) {
  auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), *out);
  return ec == std::errc() && p == word.data() + word.size();
}

// "name held maxheld barrier limit failcnt", from words[first].
bool ParseCounter(const std::vector<std::string>& words, size_t first, UbCounter* c) {
  if (words.size() != first + 6) return false;
  c->name = words[first];
  uint64_t* fields[] = {&c->held, &c->maxheld, &c->barrier, &c->limit, &c->failcnt};
  for (size_t i = 0; i < 5; ++i)
    if (!ParseU64(words[first + 1 + i], fields[i])) return false;
  return true;
}

// "101:" -> 101.
bool ParseUbId(const std::string& word, unsigned int* id) {
  if (word.size() < 2 || word.back() != ':') return false;
  auto [p, ec] = std::from_chars(word.data(), word.data() + word.size() - 1, *id);
  return ec == std::errc() && p == word.data() + word.size() - 1;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    lines.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

// One row of /proc/user_beancounters into `out`.
Status AddRow(const std::vector<std::string>& words, std::string_view name, size_t line,
              std::vector<Beancounter>* out) {
  unsigned int id = 0;
  const bool first = ParseUbId(words[0], &id);
  if (first) out->push_back(Beancounter{id, {}});
  if (out->empty()) return Malformed(name, line, "a row before the first UB id");
  UbCounter c;
  if (!ParseCounter(words, first ? 1 : 0, &c))
    return Malformed(name, line, "expected [id:] resource held maxheld barrier limit failcnt");
  if (c.name != "dummy") out->back().counters.push_back(std::move(c));
  return {};
}

}  // namespace

Result<std::vector<Beancounter>> ParseUserBeancounters(std::string_view text,
                                                       std::string_view name) {
  const auto lines = Lines(text);
  if (lines.empty() ||
      internal::SplitWords(lines[0]) != std::vector<std::string>{"Version:", "2.5"})
    return Malformed(name, 1, "expected \"Version: 2.5\"");
  std::vector<Beancounter> out;
  for (size_t i = 1; i < lines.size(); ++i) {
    const auto words = internal::SplitWords(lines[i]);
    if (words.empty() || (i == 1 && words[0] == "uid")) continue;
    if (auto added = AddRow(words, name, i + 1, &out); !added)
      return std::unexpected(added.error());
  }
  return out;
}

Result<std::vector<UbCounter>> ParseBcResources(std::string_view text, std::string_view name) {
  std::vector<UbCounter> out;
  const auto lines = Lines(text);
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto words = internal::SplitWords(lines[i]);
    if (words.empty()) continue;
    UbCounter c;
    if (!ParseCounter(words, 0, &c))
      return Malformed(name, i + 1, "expected resource held maxheld barrier limit failcnt");
    if (c.name != "dummy") out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<Beancounter>> ReadBeancounters(const std::filesystem::path& proc,
                                                  bool swappages) {
  const auto path = proc / "user_beancounters";
  auto text = internal::ReadFile(path);
  if (!text) return std::unexpected(text.error());
  auto ubs = ParseUserBeancounters(*text, path.string());
  if (!ubs || !swappages) return ubs;
  for (auto& ub : *ubs) {
    const auto res = proc / "bc" / std::to_string(ub.id) / "resources";
    auto more = internal::ReadFile(res);
    if (!more) continue;  // not there for this UB, or not ours to read
    auto parsed = ParseBcResources(*more, res.string());
    if (!parsed) return std::unexpected(parsed.error());
    for (auto& c : *parsed)
      if (c.name == "swappages") ub.counters.push_back(std::move(c));
  }
  return ubs;
}

}  // namespace vz
