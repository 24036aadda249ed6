// SPDX-License-Identifier: LGPL-2.1-or-later
// Reading one key of a config through the parser of its option. Internal.
#pragma once

#include <string>
#include <string_view>

#include "vz/core/config.h"
#include "vz/core/error.h"

namespace vz::internal {

// Sets *out (a T, or a std::optional<T>) to `key`'s value as `parse` reads
// it; leaves it alone when the key is unset or empty. A value `parse`
// refuses is kBadConfig naming the key, the value and the reason.
template <typename T, typename Out>
Status ReadConfigKey(const ConfigStack& config, const char* key,
                     Result<T> (*parse)(std::string_view), Out* out) {
  auto value = config.Get(key);
  if (!value || value->empty()) return {};
  auto parsed = parse(*value);
  if (!parsed)
    return KindError(ErrorKind::kBadConfig,
                     std::string(key) + "=\"" + *value + "\": " + parsed.error().context());
  *out = *parsed;
  return {};
}

}  // namespace vz::internal
