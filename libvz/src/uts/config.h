// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What a container calls itself and how it finds names: HOSTNAME, and
// NAMESERVER and SEARCHDOMAIN for its /etc/resolv.conf (uts/resolv.h).
// Internal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "uts/resolv.h"
#include "vz/core/config.h"
#include "vz/core/error.h"

namespace vz::internal {

struct UtsConfig {
  std::string hostname;                                   // HOSTNAME; empty: left alone
  std::optional<std::vector<std::string>> nameservers;    // NAMESERVER, may hold "inherit"
  std::optional<std::vector<std::string>> searchdomains;  // SEARCHDOMAIN
};

// Reads the settings; a malformed value fails with kBadConfig naming the key.
Result<UtsConfig> ReadUtsConfig(const ConfigStack& config);

// The DNS settings as resolv.conf gets them: each "inherit" replaced by the
// name servers of `host_resolv_conf`.
DnsSettings ExpandDns(const std::optional<std::vector<std::string>>& nameservers,
                      const std::optional<std::vector<std::string>>& searchdomains,
                      const std::filesystem::path& host_resolv_conf);

}  // namespace vz::internal
