// SPDX-License-Identifier: GPL-2.0-or-later
// The scripts vzeventd runs for VE events: DIR/vzevent-<event> (for
// ve-stop, DIR/vzevent-stop), with VEID and EVENT in the environment, in a
// process group of its own, killed when it runs past its time.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "vz/kernel/events.h"

namespace vzeventd {

using Clock = std::chrono::steady_clock;

class ScriptRunner {
 public:
  ScriptRunner(std::filesystem::path dir, std::chrono::seconds timeout, std::ostream& log,
               bool verbose)
      : dir_(std::move(dir)), timeout_(timeout), log_(log), verbose_(verbose) {}
  ScriptRunner(const ScriptRunner&) = delete;
  ScriptRunner& operator=(const ScriptRunner&) = delete;
  // Kills and reaps every script still running.
  ~ScriptRunner();

  // The script for `event`; nullopt when there is none (not there, or
  // not an executable regular file).
  std::optional<std::filesystem::path> ScriptFor(const vz::VeEvent& event) const;

  // Starts the event's script, if there is one; does not wait for it.
  void Run(const vz::VeEvent& event);

  // Reaps the scripts that ended (call it on SIGCHLD) and kills those
  // past their time (call it at NextDeadline).
  void Tend(Clock::time_point now);

  // When the next running script runs out of time; nullopt when none is
  // left to kill (one killed already is reaped on its SIGCHLD).
  std::optional<Clock::time_point> NextDeadline() const;

  size_t running() const { return running_.size(); }

 private:
  struct Running {
    pid_t pid;
    std::string what;  // "vzevent-stop 101"
    Clock::time_point deadline;
    bool killed = false;
  };
  void Report(const Running& r, int status);

  std::filesystem::path dir_;
  std::chrono::seconds timeout_;
  std::ostream& log_;
  bool verbose_;
  std::vector<Running> running_;
};

}  // namespace vzeventd
