// SPDX-License-Identifier: LGPL-2.1-or-later
// Undo: what to do to take back the steps of a change done so far. Internal.
//
// Each step that changed something pushes its inverse right after it
// succeeded; when a later step fails, Run() takes them back newest first.
// Undo steps are best effort: they must not fail in a way the caller could
// act on, and they report nothing.
#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace vz::internal {

class Undo {
 public:
  void Push(std::function<void()> step) { steps_.push_back(std::move(step)); }

  // Takes back every step pushed, newest first, and forgets them.
  void Run() {
    for (auto it = steps_.rbegin(); it != steps_.rend(); ++it) (*it)();
    steps_.clear();
  }

  // The change stays: the steps are forgotten.
  void Keep() { steps_.clear(); }

  bool empty() const { return steps_.empty(); }

 private:
  std::vector<std::function<void()>> steps_;
};

}  // namespace vz::internal
