// SPDX-License-Identifier: GPL-2.0-or-later
// vzlist's table and JSON. Internal.
#pragma once

#include <ostream>
#include <vector>

#include "fields.h"

namespace vzlist {

// The header line: each header in its width, one space between them,
// trailing blanks cut.
void PrintHeader(const std::vector<const Field*>& fields, std::ostream& out);

// One line per container. Values are cut to their column unless `no_trim`
// or in the last column.
void PrintRows(const std::vector<vz::Listing>& ls, const std::vector<const Field*>& fields,
               bool no_trim, std::ostream& out);

// A JSON array of one object per container, with the fields given.
void PrintJson(const std::vector<vz::Listing>& ls, const std::vector<const Field*>& fields,
               std::ostream& out);

}  // namespace vzlist
