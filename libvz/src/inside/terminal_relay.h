// SPDX-License-Identifier: LGPL-2.1-or-later
// Keeping the admin's terminal out of a container. Internal.
//
// A program run inside a container must never hold a descriptor of the
// admin's terminal: it could keep it after vzctl returns, read later
// keystrokes, change the terminal's modes or write escape sequences. Each
// of fds 0-2 that is a terminal is therefore replaced, in the child that
// joins the container, by a pipe that vzctl relays on the host. The other
// standard streams (files, pipes) are passed on as they are. Standard input
// of a vzctl in the background of its terminal becomes /dev/null, so that
// relaying it never stops vzctl with SIGTTIN.
#pragma once

#include <array>

#include "core/unique_fd.h"
#include "vz/core/error.h"

namespace vz::internal {

// Copies what one read() of `from` gives to `to`; false at the end of
// `from` or when `to` cannot take it any more.
bool CopyOnce(int from, int to);

class TerminalRelay {
 public:
  TerminalRelay() = default;
  TerminalRelay(const TerminalRelay&) = delete;
  TerminalRelay& operator=(const TerminalRelay&) = delete;

  // Makes a pipe for each of fds 0-2 that is a terminal.
  Status Open();

  // In the child, before it joins: the pipe ends in place of the
  // terminals, and no other descriptor of the relay. Returns 0 or an errno.
  int AttachChild();

  // In the parent: closes the child's ends, then copies between the
  // terminal and the pipes until `done_fd` becomes readable or hangs up
  // (the child ended), and then what the pipes still hold.
  void Run(int done_fd);

 private:
  void Pump(int done_fd);
  void Drain();

  std::array<UniqueFd, 3> child_{UniqueFd(-1), UniqueFd(-1), UniqueFd(-1)};
  std::array<UniqueFd, 3> parent_{UniqueFd(-1), UniqueFd(-1), UniqueFd(-1)};
  bool null_stdin_ = false;
};

}  // namespace vz::internal
