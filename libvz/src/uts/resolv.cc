// SPDX-License-Identifier: LGPL-2.1-or-later
#include "uts/resolv.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "core/file.h"
#include "core/words.h"

namespace vz {

namespace {

bool IsAddress(const std::string& text) {
  unsigned char buf[16];
  return ::inet_pton(AF_INET, text.c_str(), buf) == 1 ||
         ::inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

bool ValidLabel(std::string_view label) {
  return !label.empty() && label.size() <= 63 && label.front() != '-' && label.back() != '-' &&
         std::all_of(label.begin(), label.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_'; });
}

// The first word of a resolv.conf line ("" for blank lines).
std::string_view Keyword(std::string_view line) {
  const size_t start = line.find_first_not_of(" \t");
  if (start == std::string_view::npos) return {};
  const size_t end = line.find_first_of(" \t", start);
  return line.substr(start, end == std::string_view::npos ? end : end - start);
}

bool Replaced(std::string_view line, const DnsSettings& dns) {
  const auto key = Keyword(line);
  if (dns.nameservers && key == "nameserver") return true;
  return dns.searchdomains && (key == "search" || key == "domain");
}

}  // namespace

Status ValidateNameserver(std::string_view value) {
  if (value == "inherit" || IsAddress(std::string(value))) return {};
  return KindError(ErrorKind::kBadNameserver,
                   "invalid name server '" + std::string(value) + "': not an IP address", EINVAL);
}

Status ValidateSearchDomain(std::string_view value) {
  bool ok = !value.empty() && value.size() <= 253;
  size_t start = 0;
  while (ok) {
    const size_t dot = value.find('.', start);
    const auto label = value.substr(start, dot == std::string_view::npos ? dot : dot - start);
    // A trailing dot (an absolute name) is allowed; an empty label is not.
    ok = ValidLabel(label) || (dot == std::string_view::npos && start > 0 && label.empty());
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (ok) return {};
  return KindError(ErrorKind::kBadSearchDomain,
                   "invalid search domain '" + std::string(value) + "'", EINVAL);
}

std::vector<std::string> ResolvNameservers(std::string_view text) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t end = std::min(text.find('\n', pos), text.size());
    const auto words = internal::SplitWords(text.substr(pos, end - pos));
    if (words.size() >= 2 && words[0] == "nameserver") out.push_back(words[1]);
    pos = end + 1;
  }
  return out;
}

std::vector<std::string> ExpandNameservers(const std::vector<std::string>& nameservers,
                                           const std::filesystem::path& host_resolv) {
  std::vector<std::string> out;
  auto add = [&](const std::string& ns) {
    if (std::find(out.begin(), out.end(), ns) == out.end()) out.push_back(ns);
  };
  for (const auto& ns : nameservers) {
    if (ns != "inherit") {
      add(ns);
      continue;
    }
    if (auto text = internal::ReadFile(host_resolv))
      for (const auto& host : ResolvNameservers(*text)) add(host);
  }
  return out;
}

std::string RenderResolvConf(std::string_view existing, const DnsSettings& dns) {
  std::string out;
  size_t pos = 0;
  while (pos < existing.size()) {
    const size_t end = std::min(existing.find('\n', pos), existing.size());
    const auto line = existing.substr(pos, end - pos);
    if (!Replaced(line, dns)) out.append(line).append("\n");
    pos = end + 1;
  }
  if (dns.searchdomains && !dns.searchdomains->empty())
    out += "search " + internal::JoinWords(*dns.searchdomains) + "\n";
  if (dns.nameservers)
    for (const auto& ns : *dns.nameservers) out += "nameserver " + ns + "\n";
  return out;
}

}  // namespace vz
