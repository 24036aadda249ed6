// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/core/config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "core/file.h"

namespace vz {

namespace {

constexpr std::string_view kBlanks = " \t\r\v\f";

// A parse failure inside one line: the reason, without file and line.
using LineError = std::unexpected<std::string>;

struct Assignment {
  std::string key;
  std::string value;
  bool bare = false;  // neither single- nor double-quoted
};

bool IsKeyStart(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool IsKeyChar(char c) { return IsKeyStart(c) || (c >= '0' && c <= '9'); }

bool IsValidKey(std::string_view key) {
  return !key.empty() && IsKeyStart(key.front()) && std::all_of(key.begin(), key.end(), IsKeyChar);
}

// The characters a backslash escapes inside sh double quotes.
bool IsEscapable(char c) { return c == '"' || c == '\\' || c == '$' || c == '`'; }

std::string_view TrimLeft(std::string_view s) {
  const size_t start = s.find_first_not_of(kBlanks);
  return start == std::string_view::npos ? std::string_view() : s.substr(start);
}

std::string_view TrimRight(std::string_view s) {
  const size_t end = s.find_last_not_of(kBlanks);
  return end == std::string_view::npos ? std::string_view() : s.substr(0, end + 1);
}

// Whether the rest of a line after a closing quote is empty for sh: blanks,
// then perhaps a comment (which needs a blank before its '#').
bool IsEmptyTail(std::string_view rest) {
  const std::string_view trimmed = TrimLeft(rest);
  return trimmed.empty() || (trimmed.size() < rest.size() && trimmed.front() == '#');
}

// `s` starts right after the opening '"'.
std::expected<std::string, std::string> ParseDoubleQuoted(std::string_view s) {
  std::string value;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '"') {
      if (!IsEmptyTail(s.substr(i + 1))) return LineError("unexpected text after closing quote");
      return value;
    }
    if (c == '\\' && i + 1 < s.size() && IsEscapable(s[i + 1])) c = s[++i];
    value += c;
  }
  return LineError("unterminated double quote");
}

// `s` starts right after the opening '\''.
std::expected<std::string, std::string> ParseSingleQuoted(std::string_view s) {
  const size_t end = s.find('\'');
  if (end == std::string_view::npos) return LineError("unterminated single quote");
  if (!IsEmptyTail(s.substr(end + 1))) return LineError("unexpected text after closing quote");
  return std::string(s.substr(0, end));
}

// `s` is everything after the '='.
std::expected<std::string, std::string> ParseValue(std::string_view s) {
  if (s.starts_with('"')) return ParseDoubleQuoted(s.substr(1));
  if (s.starts_with('\'')) return ParseSingleQuoted(s.substr(1));
  return std::string(TrimRight(s));
}

// Drops an "export " prefix, as in "export KEY=value".
std::string_view StripExport(std::string_view s) {
  constexpr std::string_view kExport = "export";
  if (!s.starts_with(kExport) || s.size() == kExport.size()) return s;
  if (kBlanks.find(s[kExport.size()]) == std::string_view::npos) return s;
  return TrimLeft(s.substr(kExport.size()));
}

// An assignment, nothing for a comment or blank line, or the reason the line
// is malformed.
std::expected<std::optional<Assignment>, std::string> ParseLine(std::string_view line) {
  std::string_view s = TrimLeft(line);
  if (s.empty() || s.front() == '#') return std::nullopt;
  s = StripExport(s);
  const size_t eq = s.find('=');
  if (eq == std::string_view::npos) return LineError("expected KEY=value");
  const std::string_view key = s.substr(0, eq);
  if (!IsValidKey(key)) return LineError("invalid key \"" + std::string(key) + "\"");
  const std::string_view raw = s.substr(eq + 1);
  auto value = ParseValue(raw);
  if (!value) return LineError(std::move(value.error()));
  const bool bare = !raw.starts_with('"') && !raw.starts_with('\'');
  return Assignment{std::string(key), std::move(*value), bare};
}

// Whether sh reads a bare value otherwise than vzctl, which takes it to the
// end of the line: a blank ends it (the rest is a command to run), and
// quotes, backslashes, $, `, ;, &, |, <, >, ( and ) mean something to sh.
// $VEID is fine: both expand it (OpenVZ's own vz.conf has it bare).
bool ShReadsBareValueOtherwise(std::string_view value) {
  const std::string expanded = ExpandVeid(value, 0);
  return expanded.find_first_of(" \t\"'\\$`;&|<>()") != std::string::npos;
}

// KEY="value" with the characters special inside double quotes escaped.
std::string FormatLine(std::string_view key, std::string_view value) {
  std::string line(key);
  line += "=\"";
  for (char c : value) {
    if (IsEscapable(c)) line += '\\';
    line += c;
  }
  line += '"';
  return line;
}

// Splits text at '\n'; `final_newline` tells whether the last line had one.
std::vector<std::string_view> SplitLines(std::string_view text, bool& final_newline) {
  std::vector<std::string_view> lines;
  final_newline = true;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(pos));
      final_newline = false;
      break;
    }
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

// The file Save() replaces: the target of `path` if it is a symlink (as
// OpenVZ does, so the link survives), else `path` itself.
Result<std::filesystem::path> ResolveTarget(const std::filesystem::path& path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return path;
  char* real = ::realpath(path.c_str(), nullptr);
  if (!real) return ErrnoError("realpath(" + path.string() + ")");
  std::filesystem::path target(real);
  ::free(real);
  return target;
}

// The first line of `lines` (a const or mutable vector) that assigns `key`.
template <typename Lines>
auto FindKey(Lines& lines, std::string_view key) -> decltype(&lines.front()) {
  if (key.empty()) return nullptr;
  for (auto& line : lines) {
    if (line.key == key) return &line;
  }
  return nullptr;
}

}  // namespace

Result<ConfigFile> ConfigFile::Load(const std::filesystem::path& path) {
  auto text = internal::ReadFile(path);
  if (!text) return std::unexpected(text.error());
  return Parse(*text, path.string());
}

Result<ConfigFile> ConfigFile::Parse(std::string_view text, std::string_view name) {
  ConfigFile config;
  const auto lines = SplitLines(text, config.final_newline_);
  for (size_t i = 0; i < lines.size(); ++i) {
    auto parsed = ParseLine(lines[i]);
    if (!parsed) {
      return KindError(ErrorKind::kBadConfig,
                       std::string(name) + ":" + std::to_string(i + 1) + ": " + parsed.error());
    }
    Line line{std::string(lines[i]), {}, {}, false};
    if (*parsed) {
      line.key = std::move((*parsed)->key);
      line.value = std::move((*parsed)->value);
      line.bare = (*parsed)->bare;
    }
    config.lines_.push_back(std::move(line));
  }
  return config;
}

ConfigFile::Line* ConfigFile::Find(std::string_view key) { return FindKey(lines_, key); }

const ConfigFile::Line* ConfigFile::Find(std::string_view key) const {
  return FindKey(lines_, key);
}

std::optional<std::string> ConfigFile::Get(std::string_view key) const {
  const Line* line = Find(key);
  if (!line) return std::nullopt;
  return line->value;
}

Status ConfigFile::Set(std::string_view key, std::string_view value) {
  if (!IsValidKey(key)) {
    return KindError(ErrorKind::kInvalidArgument, "invalid config key \"" + std::string(key) + "\"",
                     EINVAL);
  }
  if (value.find_first_of(std::string_view("\n\0", 2)) != std::string_view::npos) {
    return KindError(ErrorKind::kInvalidArgument,
                     "value of " + std::string(key) + " contains a newline or NUL byte", EINVAL);
  }
  bool found = false;
  for (Line& line : lines_) {
    if (line.key != key) continue;
    found = true;
    if (line.value == value) continue;
    line.value = value;
    line.text = FormatLine(key, value);
    line.bare = false;
    changed_ = true;
  }
  if (found) return {};
  Line& line = lines_.emplace_back();
  line.key = key;
  line.value = value;
  line.text = FormatLine(key, value);
  final_newline_ = true;
  changed_ = true;
  return {};
}

std::vector<std::string> ConfigFile::DuplicateWarnings() const {
  std::vector<std::string> warnings;
  for (size_t i = 0; i < lines_.size(); ++i) {
    const Line& line = lines_[i];
    if (line.key.empty() || Find(line.key) == &line) continue;
    warnings.push_back("dup for " + line.key + "=" + line.value + " in line " +
                       std::to_string(i + 1) + " is ignored");
  }
  return warnings;
}

std::vector<std::string> ConfigFile::UnquotedWarnings() const {
  std::vector<std::string> warnings;
  for (size_t i = 0; i < lines_.size(); ++i) {
    const Line& line = lines_[i];
    if (line.key.empty() || !line.bare || !ShReadsBareValueOtherwise(line.value)) continue;
    warnings.push_back("unquoted value in line " + std::to_string(i + 1) + ": " + line.key + "=" +
                       line.value +
                       " (vzctl reads it to the end of the line, sh does not:"
                       " quote it, " +
                       line.key + "=\"...\")");
  }
  return warnings;
}

void ConfigFile::Erase(std::string_view key) {
  if (key.empty()) return;  // comments and blank lines have an empty key
  const size_t erased = std::erase_if(lines_, [key](const Line& line) { return line.key == key; });
  if (erased > 0) changed_ = true;
}

std::vector<std::string> ConfigFile::Keys() const {
  std::vector<std::string> keys;
  for (const Line& line : lines_) {
    if (line.key.empty()) continue;
    if (std::find(keys.begin(), keys.end(), line.key) == keys.end()) keys.push_back(line.key);
  }
  return keys;
}

std::string ConfigFile::Serialize() const {
  std::string text;
  for (size_t i = 0; i < lines_.size(); ++i) {
    text += lines_[i].text;
    if (i + 1 < lines_.size() || final_newline_) text += '\n';
  }
  return text;
}

Status ConfigFile::Save(const std::filesystem::path& path) const {
  auto target = ResolveTarget(path);
  if (!target) return std::unexpected(target.error());
  return internal::ReplaceFile(*target, Serialize(), 0644);
}

ConfigStack::ConfigStack(ConfigFile global, ConfigFile container)
    : global_(std::move(global)), container_(std::move(container)) {}

std::optional<std::string> ConfigStack::Get(std::string_view key) const {
  if (auto value = container_.Get(key)) return value;
  return global_.Get(key);
}

std::string ExpandVeid(std::string_view tmpl, unsigned int veid) {
  const std::string id = std::to_string(veid);
  std::string out;
  size_t i = 0;
  while (i < tmpl.size()) {
    const std::string_view rest = tmpl.substr(i);
    if (rest.starts_with("${VEID}")) {
      out += id;
      i += 7;
    } else if (rest.starts_with("$VEID") && (rest.size() == 5 || !IsKeyChar(rest[5]))) {
      out += id;
      i += 5;
    } else {
      out += tmpl[i++];
    }
  }
  return out;
}

}  // namespace vz
