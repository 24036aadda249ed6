// SPDX-License-Identifier: LGPL-2.1-or-later
// What the lock files have in common (vz/core/lock.h's CtLock and
// core/host_lock.h's HostLock): their directory, and the holder's pid in
// the file. Internal.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "vz/core/error.h"

namespace vz::internal {

// Creates the lock directory and its missing parents (mode 0755), like
// mkdir -p.
Status MakeLockDir(const std::filesystem::path& lock_dir);

// A pid from the first line of a lock file: "1234\n". Anything else
// (empty, garbage, 0, negative) gives nothing.
std::optional<pid_t> ParsePid(std::string_view text);

// The pid in the lock file open on `fd`, read through the descriptor so that
// it is the file we found locked even if the path changes meanwhile.
std::optional<pid_t> ReadPid(int fd);

// "pid 1234 (vzctl start 101)", or "pid 1234" when its command line cannot
// be read (the process is gone, or is a kernel thread).
std::string DescribeProcess(pid_t pid);

// Replaces the content of the lock file open on `fd` with "<our pid>\n".
// Not synced: the lock is the flock, which the kernel drops with its holder;
// the pid is only for messages, and a crash takes the holder with it (an
// fsync cost every vzctl command a disk flush, 100 ms in the test guest).
Status WritePid(int fd, const std::filesystem::path& path);

}  // namespace vz::internal
