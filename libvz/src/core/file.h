// SPDX-License-Identifier: LGPL-2.1-or-later
// Small file helpers shared inside libvz; not part of the public API.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "vz/core/error.h"

namespace vz::internal {

// The whole content of a file. Errors name the path: "open(/proc/vz/version)".
Result<std::string> ReadFile(const std::filesystem::path& path);

// The first line of a file, without its newline.
Result<std::string> ReadFirstLine(const std::filesystem::path& path);

// Creates `dir` and its missing parents. Parents it creates are 0711: other
// host users may not list what is in them; `dir` itself gets `mode` when
// it is made.
Status MakePrivateParents(const std::filesystem::path& dir, mode_t mode = 0755);

// Makes `dir` (and its missing parents) a directory for host root only:
// 0700 when made, and made so again when it exists with more (an older
// version or a mkdir -p made it 0755). One owned by another user, or "/",
// is left alone.
Status MakeHostOnlyDir(const std::filesystem::path& dir);

// Makes what was written on the filesystem of `path` durable (syncfs(2)):
// for a tree made of many files, before it is renamed into place.
Status SyncFilesystem(const std::filesystem::path& path);

// Makes the entries of directory `dir` (a rename into it) durable.
Status SyncDirectory(const std::filesystem::path& dir);

// Atomically replaces `path` with `data`: writes "<path>.tmpXXXXXX" (mode
// `mode`) in the same directory, fsyncs it, renames it over `path` and
// fsyncs the directory. On failure no temp file is left behind.
Status ReplaceFile(const std::filesystem::path& path, std::string_view data, mode_t mode);

}  // namespace vz::internal
