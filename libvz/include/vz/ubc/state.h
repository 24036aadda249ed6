// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The failure counters vzubc saw last, so that it can tell which grew.
//
// The state file holds one line per UB and resource, "UB resource failcnt":
//
//   # vzubc: failcnt last seen
//   101 numproc 3
//
// and is replaced atomically (temp file, fsync, rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "vz/core/error.h"

namespace vz {

class FailcntState {
 public:
  // A missing file is an empty state; a malformed one fails (EPROTO).
  static Result<FailcntState> Load(const std::filesystem::path& path);
  static Result<FailcntState> Parse(std::string_view text, std::string_view name = "<state>");

  std::optional<uint64_t> Get(unsigned int ub, std::string_view resource) const;
  void Set(unsigned int ub, std::string_view resource, uint64_t failcnt);

  std::string Serialize() const;
  // Creates the directory if needed; the file is 0644.
  Status Save(const std::filesystem::path& path) const;

 private:
  std::map<std::pair<unsigned int, std::string>, uint64_t> seen_;
};

// How much a failure counter grew since it was `last` seen: all of it when
// it was never seen, or when it went down (the UB was made anew).
uint64_t FailcntDelta(std::optional<uint64_t> last, uint64_t now);

}  // namespace vz
