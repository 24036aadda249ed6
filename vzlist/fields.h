// SPDX-License-Identifier: GPL-2.0-or-later
// vzlist's fields: their names, column headers and widths as OpenVZ's
// vzlist has them, how each is printed in a column and in JSON, and what
// it sorts by.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <variant>

#include "vz/list/listing.h"

namespace vzlist {

// What a field sorts by: a missing value sorts first.
using SortKey = std::variant<std::monostate, uint64_t, double, std::string>;

// What a listing needs read for a field.
enum class Source { kNone, kDisk, kUptime, kSwap };

struct Field {
  std::string name;    // "numproc.m"
  std::string header;  // "NPROC.M"
  int header_width;    // printf width of the header; negative: left-aligned
  // The column text. `whole` is set for the last column and with -t: a
  // long value is then not cut, and a list shows every entry.
  std::function<std::string(const vz::Listing&, bool whole)> text;
  // The JSON value; empty for fields with a suffix, which JSON leaves out.
  std::function<nlohmann::ordered_json(const vz::Listing&)> json;
  std::function<SortKey(const vz::Listing&)> key;
  Source source = Source::kNone;
};

// Every field, in OpenVZ's order (vzlist -L).
std::span<const Field> Fields();

// By name; nullptr when unknown.
const Field* FindField(std::string_view name);

}  // namespace vzlist
