// SPDX-License-Identifier: LGPL-2.1-or-later
//
// An interactive root shell in a running container (vzctl enter).
#pragma once

#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

struct EnterOptions {
  // Typed into the shell after it starts, followed by a newline
  // (vzctl enter --exec).
  std::vector<std::string> exec_words;
};

// An interactive root login shell in the container on a pty allocated
// inside it; the caller's terminal is put in raw mode and its window size
// is forwarded. HUP, INT, QUIT, TERM or the caller's death end the relay:
// the terminal's mode is put back and the shell hung up (128 + signal).
// Returns the shell's exit status.
Result<int> EnterContainer(const Container& ct, const EnterOptions& opts);

}  // namespace vz
