// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Where a command's time goes. The library marks the end of each stage of
// start, stop and the other lifecycle operations ("mounted", "VE gone");
// a caller that set a sink hears each mark with the time since the one
// before and since the sink was set (vzctl --verbose prints them). Without
// a sink a mark costs one test.
//
// The sink is process-wide: set it once, before any operation, from one
// thread. Processes the library forks (a container's monitor) inherit it.
#pragma once

#include <chrono>
#include <functional>
#include <string_view>

namespace vz {

struct StageTime {
  std::string_view stage;
  std::chrono::nanoseconds took;   // since the previous mark
  std::chrono::nanoseconds total;  // since SetStageSink
};

using StageSink = std::function<void(const StageTime&)>;

// Starts the clock and sends every later mark to `sink`; an empty sink
// turns marking off.
void SetStageSink(StageSink sink);

// Marks the end of a stage (the library's own stages, and a caller's).
void MarkStage(std::string_view stage);

}  // namespace vz
