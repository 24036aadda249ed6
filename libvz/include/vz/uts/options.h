// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The host name and DNS part of a change to a container (vz/set.h). Set
// checks each value: a host name of 1 to 64 letters, digits, '-' and '.';
// name servers are addresses or "inherit" (the host's, kBadNameserver
// otherwise); search domains are domain names (kBadSearchDomain).
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace vz {

struct UtsOptions {
  std::optional<std::string> hostname;
  // Each replaces the whole list; an empty list clears it.
  std::optional<std::vector<std::string>> nameservers;
  std::optional<std::vector<std::string>> searchdomains;

  bool empty() const { return !hostname && !nameservers && !searchdomains; }
};

}  // namespace vz
