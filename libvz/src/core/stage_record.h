// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Stage marks of a process that cannot print them (a container's monitor,
// whose output goes nowhere): recorded as text, passed to the process that
// can, and replayed to its sink there (vz/core/stages.h). Internal.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vz::internal {

// When a sink is set, replaces it with one that records the marks; false
// (and nothing recorded) when there was none.
bool RecordStages();

// The marks recorded so far, as text of at most `size` - 1 bytes (the
// oldest dropped first), NUL-terminated in `out`.
void CopyRecordedStages(char* out, size_t size);

// Sends recorded marks (CopyRecordedStages's text) to this process's sink,
// each named "`prefix`: stage".
void ReplayStages(std::string_view recorded, std::string_view prefix);

}  // namespace vz::internal
