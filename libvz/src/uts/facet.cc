// SPDX-License-Identifier: LGPL-2.1-or-later
#include "uts/facet.h"

#include <algorithm>
#include <cstring>

#include "core/words.h"
#include "uts/config.h"
#include "uts/inside.h"
#include "uts/resolv_write.h"
#include "uts/valid_hostname.h"

namespace vz::internal {

namespace {

using List = std::optional<std::vector<std::string>>;

std::string Inside(const RunningVe& ve) { return " inside container " + std::to_string(ve.veid); }

Status ApplyHostname(RunningVe& ve, const std::string& hostname, Notes* notes) {
  auto code =
      ve.backend.RunInside(ve, "setting the hostname", [&] { return SetHostnameInside(hostname); });
  if (!code) return std::unexpected(code.error());
  if (*code >= kHostnameFileFailed) {
    notes->push_back("the host name is set, but /etc/hostname" + Inside(ve) +
                     " could not be written: " + std::strerror(*code - kHostnameFileFailed));
    return {};
  }
  if (*code != 0)
    return MakeError(EIO, "setting the hostname" + Inside(ve) + " failed (status " +
                              std::to_string(*code) + ")");
  return {};
}

Status ApplyDns(RunningVe& ve, const DnsSettings& dns) {
  auto code =
      ve.backend.RunInside(ve, "writing /etc/resolv.conf", [&] { return WriteResolvConf(dns); });
  if (!code) return std::unexpected(code.error());
  if (*code != 0) return MakeError(*code, "writing /etc/resolv.conf" + Inside(ve));
  return {};
}

// What set changes; nothing here can be taken back, so the facet comes
// last and pushes no undo.
class UtsChange : public FacetChange {
 public:
  UtsChange(std::optional<std::string> hostname, List nameservers, List searchdomains,
            DnsSettings dns, Notes* notes)
      : hostname_(std::move(hostname)),
        nameservers_(std::move(nameservers)),
        searchdomains_(std::move(searchdomains)),
        dns_(std::move(dns)),
        notes_(notes) {}

  Status Store(ConfigFile& conf) const override {
    Status set = hostname_ ? conf.Set("HOSTNAME", *hostname_) : Status();
    if (set && nameservers_) set = conf.Set("NAMESERVER", JoinWords(*nameservers_));
    if (set && searchdomains_) set = conf.Set("SEARCHDOMAIN", JoinWords(*searchdomains_));
    return set;
  }

  Status Apply(RunningVe& ve, Undo&) const override {
    Status st = hostname_ ? ApplyHostname(ve, *hostname_, notes_) : Status();
    if (st && !dns_.empty()) st = ApplyDns(ve, dns_);
    return st;
  }

 private:
  std::optional<std::string> hostname_;
  List nameservers_, searchdomains_;  // as stored: may hold "inherit"
  DnsSettings dns_;                   // as written
  Notes* notes_;
};

// Every value checked, without repeats.
Result<List> CheckList(const List& values, Status (*validate)(std::string_view)) {
  if (!values) return std::nullopt;
  std::vector<std::string> out;
  for (const auto& value : *values) {
    if (auto ok = validate(value); !ok) return std::unexpected(ok.error());
    if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  }
  return out;
}

FacetPlan Plan(const Container& ct, const SetOptions& set, Notes* notes) {
  const UtsOptions& opts = set.uts;
  if (opts.empty()) return nullptr;
  if (opts.hostname && !ValidHostname(*opts.hostname))
    return KindError(ErrorKind::kInvalidArgument, "invalid hostname '" + *opts.hostname + "'");
  auto ns = CheckList(opts.nameservers, ValidateNameserver);
  if (!ns) return std::unexpected(ns.error());
  auto search = CheckList(opts.searchdomains, ValidateSearchDomain);
  if (!search) return std::unexpected(search.error());
  DnsSettings dns = ExpandDns(*ns, *search, ct.paths().Under("/etc/resolv.conf"));
  return std::make_unique<UtsChange>(opts.hostname, std::move(*ns), std::move(*search),
                                     std::move(dns), notes);
}

}  // namespace

const Facet kUtsFacet{.name = "uts", .plan = Plan};

Result<UtsAtStart> ReadUtsAtStart(const Container& ct) {
  auto uts = ReadUtsConfig(ct.config());
  if (!uts) return std::unexpected(uts.error());
  return UtsAtStart{uts->hostname, ExpandDns(uts->nameservers, uts->searchdomains,
                                             ct.paths().Under("/etc/resolv.conf"))};
}

}  // namespace vz::internal
