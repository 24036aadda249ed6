// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The overlay layout's private area and mount (vz/fs/layout.h). Internal.
//
// VE_PRIVATE of an overlay container holds
//   upper/     the container's own files: overlayfs's upper layer, with
//              host ids (shifted, as a simfs private area has them)
//   work/      overlayfs's work directory
//   lower/     where the template tree is attached while the overlay is
//              being mounted; empty otherwise
//   template   a symlink naming the template tree the container was
//              created on (fs/template_tree.h); read, never followed by
//              path
// The container reaches only what is under upper/, through VE_ROOT.
#pragma once

#include <filesystem>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz::internal {

// Characters overlayfs's mount options cannot carry in a path.
bool OverlayPathOk(const std::filesystem::path& path);

// Makes `dir` (which must not exist) an overlay private area on `tree`,
// the root of the container's layer owned by the container's root.
Status MakeOverlayPrivate(const std::filesystem::path& dir, const std::filesystem::path& tree,
                          const IdMap& map);

// Mounts the overlay private area open on `priv_fd` (at `priv`) on
// `root`: its layer over its template tree, the tree seen through an
// idmapped mount with `map`, nodev. Errors name the step and the path:
//   mount_setattr(/vz/template/tree/x/y, idmap): Invalid argument (...)
Status MountOverlay(int priv_fd, const std::filesystem::path& priv,
                    const std::filesystem::path& root, const IdMap& map);

}  // namespace vz::internal
