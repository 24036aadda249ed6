// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Shared template trees of the overlay layout (vz/fs/layout.h). Internal.
//
// <template_dir>/tree/<name>/<version> is the OS template cache <name>
// unpacked once with the template's own ids (uid 0 is a container's root),
// shared read-only by every overlay container made from that version:
// each container sees it through an idmapped mount with its own id map.
// The version names the cache file as it was when unpacked (inode, size
// and mtime): a cache replaced or rewritten gives new containers a new
// tree, and the existing ones keep the tree they were created on, so a
// template update never changes files under a running container.
//
// <template_dir>/tree is host root's only (0700): its set-id programs and
// file capabilities belong to host uid 0 until a container's idmapped
// mount shifts them. Old versions are not removed here.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "fs/template.h"
#include "vz/core/error.h"

namespace vz::internal {

// "<inode>-<size>-<mtime in ns>" of the cache, in hex, or the stat error.
Result<std::string> TemplateVersion(const std::filesystem::path& archive);

// The tree of this version of the cache, unpacked now if it is not there
// yet. Creates racing for the same tree wait on a lock in
// <template_dir>/tree/<name>; what a killed create left is unpacked
// again. Only opts.progress and opts.cancel are used: the tree keeps the
// archive's ids (below 2^32 - 1).
Result<std::filesystem::path> SharedTemplateTree(const std::filesystem::path& template_dir,
                                                 std::string_view name,
                                                 const std::filesystem::path& archive,
                                                 const UnpackOptions& opts);

}  // namespace vz::internal
