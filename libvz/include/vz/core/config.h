// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Config files: the global vz.conf and each container's CTID.conf.
//
// Both are shell fragments that init scripts source, one assignment a line:
//
//   # Disk quota
//   DISKSPACE="2097152:2306867"
//   VE_PRIVATE='/vz/private/$VEID'
//   ONBOOT=yes
//
// A ConfigFile keeps every line of the file it was read from, so that saving
// it again changes only what the caller set: comments, blank lines, keys libvz
// does not know and the order of all of them survive. Reading follows the
// OpenVZ rule that the first assignment of a key wins; later duplicates are
// ignored but kept in the file.
//
// Values may be double-quoted (\" \\ \$ \` are unescaped as sh does),
// single-quoted (taken literally) or bare (up to the end of the line, trailing
// blanks trimmed); an `export ` prefix is accepted. Any other line is an error
// of kind kBadConfig that names the file and line: "101.conf:7: <reason>".
//
// Lines written by libvz are always KEY="value" with \ " $ ` escaped, so the
// file stays sh-sourceable and every value reads back exactly as it was set.
// Save() replaces the file atomically (temp file, fsync, rename).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vz/core/error.h"

namespace vz {

class ConfigFile {
 public:
  ConfigFile() = default;

  // Reads and parses a file. A missing file fails with ENOENT (kind kSystem)
  // and the context "open(<path>)"; syntax errors name "<path>:<line>".
  static Result<ConfigFile> Load(const std::filesystem::path& path);

  // Parses config text; errors name "<name>:<line>".
  static Result<ConfigFile> Parse(std::string_view text, std::string_view name = "<config>");

  // The value of the first assignment of `key`, if any.
  std::optional<std::string> Get(std::string_view key) const;

  // Sets `key`: rewrites every line that assigns it as KEY="value" (sh
  // takes the last, vzctl the first: both then agree), or appends such a
  // line. Fails with kInvalidArgument when `key` is not a shell
  // name or `value` holds a newline or a NUL byte.
  Status Set(std::string_view key, std::string_view value);

  // Removes every line that assigns `key`.
  void Erase(std::string_view key);

  // One line per later assignment of a key that was assigned before, which
  // Get() ignores (as OpenVZ does, with the same warning): "dup for
  // KEY=value in line N is ignored".
  std::vector<std::string> DuplicateWarnings() const;

  // One line per assignment whose bare (unquoted) value sh reads otherwise
  // than vzctl: one with blanks, quotes, a backslash or any of $ ` ; & | <
  // > ( ). "KEY=foo bar" is "foo bar" for vzctl, while sh runs "bar".
  // OpenVZ takes such values silently; vzctl warns: "unquoted value in line
  // N: KEY=value (...)".
  std::vector<std::string> UnquotedWarnings() const;

  // The distinct keys, in the order of their first assignment.
  std::vector<std::string> Keys() const;

  // The whole file text, as Save() would write it.
  std::string Serialize() const;

  // Whether a Set() or Erase() has changed the content since it was read.
  bool changed() const { return changed_; }

  // Atomically replaces `path` with Serialize(): writes "<path>.tmpXXXXXX"
  // (mode 0644) in the same directory, fsyncs it, renames it over `path` and
  // fsyncs the directory. If `path` is a symlink, its target is replaced and
  // the link kept. On failure no temp file is left behind.
  Status Save(const std::filesystem::path& path) const;

 private:
  struct Line {
    std::string text;   // the line as it appears in the file, without '\n'
    std::string key;    // empty for comments and blank lines
    std::string value;  // the unquoted value when key is set
    bool bare = false;  // the value was neither single- nor double-quoted
  };

  // The line of the first assignment of `key`, or nullptr.
  Line* Find(std::string_view key);
  const Line* Find(std::string_view key) const;

  std::vector<Line> lines_;
  bool final_newline_ = true;  // whether the text ends with '\n'
  bool changed_ = false;
};

// Effective settings: a container's CTID.conf over the global vz.conf.
class ConfigStack {
 public:
  ConfigStack(ConfigFile global, ConfigFile container);

  // The container's value of `key` if it sets one, else the global value.
  std::optional<std::string> Get(std::string_view key) const;

  const ConfigFile& global() const { return global_; }
  const ConfigFile& container() const { return container_; }
  ConfigFile& container() { return container_; }

 private:
  ConfigFile global_;
  ConfigFile container_;
};

// Expands $VEID and ${VEID} in a path template such as "/vz/private/$VEID".
// As in sh, "$VEIDX" names another variable and is left alone.
std::string ExpandVeid(std::string_view tmpl, unsigned int veid);

}  // namespace vz
