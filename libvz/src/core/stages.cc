// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/core/stages.h"

#include <cstring>
#include <sstream>

#include "core/stage_record.h"

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

namespace vz::internal {

namespace {

std::string& Recorded() {
  static std::string text;
  return text;
}

}  // namespace

// One line per mark: "<took ns> <total ns> <stage>".
bool RecordStages() {
  if (!State().sink) return false;
  SetStageSink([](const StageTime& t) {
    Recorded() += std::to_string(t.took.count()) + " " + std::to_string(t.total.count()) + " " +
                  std::string(t.stage) + "\n";
  });
  return true;
}

void CopyRecordedStages(char* out, size_t size) {
  if (size == 0) return;
  std::string_view text = Recorded();
  if (text.size() >= size) {
    text.remove_prefix(text.size() - (size - 1));
    text.remove_prefix(std::min(text.size(), text.find('\n') + 1));  // a whole line
  }
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
}

void ReplayStages(std::string_view recorded, std::string_view prefix) {
  auto& m = State();
  if (!m.sink) return;
  std::istringstream lines{std::string(recorded)};
  long long took = 0, total = 0;
  std::string stage;
  while (lines >> took >> total && std::getline(lines >> std::ws, stage)) {
    const std::string name = std::string(prefix) + ": " + stage;
    m.sink(StageTime{name, std::chrono::nanoseconds(took), std::chrono::nanoseconds(total)});
  }
}

}  // namespace vz::internal
