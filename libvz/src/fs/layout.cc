// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/fs/layout.h"

#include <optional>
#include <string>

namespace vz {

Result<Layout> ParseLayout(std::string_view text) {
  if (text == "simfs") return Layout::kSimfs;
  if (text == "overlay") return Layout::kOverlay;
  return KindError(ErrorKind::kInvalidArgument,
                   "invalid layout '" + std::string(text) + "': use simfs or overlay", EINVAL);
}

std::string_view LayoutName(Layout layout) {
  return layout == Layout::kOverlay ? "overlay" : "simfs";
}

namespace {

Result<Layout> LayoutOf(const std::optional<std::string>& value) {
  if (!value || value->empty()) return Layout::kSimfs;
  auto layout = ParseLayout(*value);
  if (!layout) return KindError(ErrorKind::kBadConfig, "VE_LAYOUT: " + layout.error().context());
  return layout;
}

}  // namespace

Result<Layout> ContainerLayout(const Container& ct) {
  return LayoutOf(ct.config().container().Get("VE_LAYOUT"));
}

Result<Layout> CreateLayout(const Container& ct) { return LayoutOf(ct.config().Get("VE_LAYOUT")); }

}  // namespace vz
