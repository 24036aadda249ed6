// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/ubc/state.h"

#include <charconv>

#include "core/file.h"
#include "core/words.h"

namespace vz {

namespace {

constexpr std::string_view kHeader = "# vzubc: failcnt last seen, \"UB resource failcnt\"\n";

template <typename T>
bool ParseNumber(const std::string& word, T* out) {
  auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), *out);
  return ec == std::errc() && p == word.data() + word.size();
}

}  // namespace

Result<FailcntState> FailcntState::Load(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return FailcntState();
  auto text = internal::ReadFile(path);
  if (!text) return std::unexpected(text.error());
  return Parse(*text, path.string());
}

Result<FailcntState> FailcntState::Parse(std::string_view text, std::string_view name) {
  FailcntState state;
  size_t line = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view row = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line;
    const auto words = internal::SplitWords(row);
    if (words.empty() || words[0].starts_with("#")) continue;
    unsigned int ub = 0;
    uint64_t failcnt = 0;
    if (words.size() != 3 || !ParseNumber(words[0], &ub) || !ParseNumber(words[2], &failcnt))
      return MakeError(EPROTO, std::string(name) + ":" + std::to_string(line) +
                                   ": expected \"UB resource failcnt\"");
    state.Set(ub, words[1], failcnt);
  }
  return state;
}

std::optional<uint64_t> FailcntState::Get(unsigned int ub, std::string_view resource) const {
  auto it = seen_.find({ub, std::string(resource)});
  if (it == seen_.end()) return std::nullopt;
  return it->second;
}

void FailcntState::Set(unsigned int ub, std::string_view resource, uint64_t failcnt) {
  seen_[{ub, std::string(resource)}] = failcnt;
}

std::string FailcntState::Serialize() const {
  std::string text(kHeader);
  for (const auto& [key, failcnt] : seen_)
    text += std::to_string(key.first) + " " + key.second + " " + std::to_string(failcnt) + "\n";
  return text;
}

Status FailcntState::Save(const std::filesystem::path& path) const {
  if (path.has_parent_path())
    if (auto made = internal::MakePrivateParents(path.parent_path()); !made) return made;
  return internal::ReplaceFile(path, Serialize(), 0644);
}

uint64_t FailcntDelta(std::optional<uint64_t> last, uint64_t now) {
  if (!last || now < *last) return now;
  return now - *last;
}

}  // namespace vz
