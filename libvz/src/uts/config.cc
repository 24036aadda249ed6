// SPDX-License-Identifier: LGPL-2.1-or-later
#include "uts/config.h"

#include "core/words.h"
#include "uts/valid_hostname.h"

namespace vz::internal {

namespace {

std::unexpected<Error> BadValue(const char* key, const std::string& why) {
  return KindError(ErrorKind::kBadConfig, std::string(key) + ": " + why, EINVAL);
}

Result<std::optional<std::vector<std::string>>> ReadList(const ConfigStack& config, const char* key,
                                                         Status (*validate)(std::string_view)) {
  auto value = config.Get(key);
  if (!value) return std::nullopt;
  auto words = SplitWords(*value);
  for (const auto& w : words)
    if (auto ok = validate(w); !ok) return BadValue(key, ok.error().message());
  return words;
}

}  // namespace

Result<UtsConfig> ReadUtsConfig(const ConfigStack& config) {
  UtsConfig uts;
  uts.hostname = config.Get("HOSTNAME").value_or("");
  if (!uts.hostname.empty() && !ValidHostname(uts.hostname))
    return BadValue("HOSTNAME", "invalid hostname '" + uts.hostname + "'");
  auto ns = ReadList(config, "NAMESERVER", ValidateNameserver);
  if (!ns) return std::unexpected(ns.error());
  uts.nameservers = std::move(*ns);
  auto search = ReadList(config, "SEARCHDOMAIN", ValidateSearchDomain);
  if (!search) return std::unexpected(search.error());
  uts.searchdomains = std::move(*search);
  return uts;
}

DnsSettings ExpandDns(const std::optional<std::vector<std::string>>& nameservers,
                      const std::optional<std::vector<std::string>>& searchdomains,
                      const std::filesystem::path& host_resolv_conf) {
  DnsSettings dns;
  if (nameservers) dns.nameservers = ExpandNameservers(*nameservers, host_resolv_conf);
  dns.searchdomains = searchdomains;
  return dns;
}

}  // namespace vz::internal
