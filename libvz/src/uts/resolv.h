// SPDX-License-Identifier: LGPL-2.1-or-later
//
// DNS settings of containers: NAMESERVER and SEARCHDOMAIN, written to the
// container's /etc/resolv.conf.
//
// NAMESERVER is a space-separated list of IPv4 or IPv6 addresses, or
// "inherit": the name servers of the host's own /etc/resolv.conf, read
// whenever the setting is applied. SEARCHDOMAIN is a space-separated list
// of domain names. Applying a setting replaces the matching lines of
// resolv.conf ("nameserver ...", or "search ..." and "domain ...") and
// keeps every other line.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vz/core/error.h"

namespace vz {

// An IPv4 or IPv6 address, or "inherit" (kBadNameserver otherwise).
Status ValidateNameserver(std::string_view value);

// A domain name: letters, digits, '-', '_' and dots between labels of at
// most 63 characters, 253 in all (kBadSearchDomain otherwise).
Status ValidateSearchDomain(std::string_view value);

// The name servers a resolv.conf text lists, in order.
std::vector<std::string> ResolvNameservers(std::string_view text);

// `nameservers` with every "inherit" replaced by the name servers of the
// host's resolv.conf at `host_resolv` (none when it cannot be read).
std::vector<std::string> ExpandNameservers(const std::vector<std::string>& nameservers,
                                           const std::filesystem::path& host_resolv);

struct DnsSettings {
  std::optional<std::vector<std::string>> nameservers;    // expanded: no "inherit"
  std::optional<std::vector<std::string>> searchdomains;  // an empty list clears them

  bool empty() const { return !nameservers && !searchdomains; }
};

// The new resolv.conf: `existing` without the lines the settings replace,
// then "search ..." and one "nameserver ..." line each. Always ends with a
// newline (or is empty).
std::string RenderResolvConf(std::string_view existing, const DnsSettings& dns);

}  // namespace vz
