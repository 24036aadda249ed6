// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/core/error.h"

#include <cstring>

namespace vz {

std::string Error::message() const {
  if (err_no_ == 0) return context_;
  return context_ + ": " + std::strerror(err_no_);
}

Error Error::Wrap(const std::string& outer) const {
  return Error(err_no_, outer + ": " + context_, kind_);
}

}  // namespace vz
