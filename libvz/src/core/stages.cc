// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/core/stages.h"

namespace vz {

namespace {

using Clock = std::chrono::steady_clock;

struct Marks {
  StageSink sink;
  Clock::time_point first, last;
};

Marks& State() {
  static Marks marks;
  return marks;
}

}  // namespace

void SetStageSink(StageSink sink) {
  auto& m = State();
  m.sink = std::move(sink);
  m.first = m.last = Clock::now();
}

void MarkStage(std::string_view stage) {
  auto& m = State();
  if (!m.sink) return;
  const auto now = Clock::now();
  m.sink(StageTime{stage, now - m.last, now - m.first});
  m.last = now;
}

}  // namespace vz
