// SPDX-License-Identifier: LGPL-2.1-or-later
//
// How a container's files are kept: VE_LAYOUT in CTID.conf, which create
// always writes (CreateLayout). A CTID.conf without it is simfs, as every container made
// before layouts existed.
//
//   simfs    The private area (VE_PRIVATE) is the container's root: a copy
//            of the OS template of its own, bind-mounted on VE_ROOT.
//   overlay  The private area holds only the container's own layer. The
//            OS template is unpacked once per template version into a
//            read-only tree shared by every container made from it
//            (fs/template_tree.h), and VE_ROOT is an overlayfs mount of
//            the container's layer over that tree. Creating one takes
//            milliseconds, the template's files are shared in the page
//            cache, and destroy removes only the container's layer.
#pragma once

#include <string_view>

#include "vz/core/container.h"
#include "vz/core/error.h"

namespace vz {

enum class Layout { kSimfs, kOverlay };

// "simfs" or "overlay"; anything else fails with kInvalidArgument (EINVAL).
Result<Layout> ParseLayout(std::string_view text);

std::string_view LayoutName(Layout layout);

// The container's layout: VE_LAYOUT of its CTID.conf, simfs when unset. A
// value ParseLayout refuses is kBadConfig.
Result<Layout> ContainerLayout(const Container& ct);

// The layout create gives the container without --layout: VE_LAYOUT of a
// CTID.conf made beforehand, else vz.conf's, else simfs.
Result<Layout> CreateLayout(const Container& ct);

}  // namespace vz
