// SPDX-License-Identifier: LGPL-2.1-or-later
// The uts facet: host name and DNS settings (facet/facet.h). Internal.
//
// Both are written inside the container by its own root (uts/inside.h).
// At start, init does it itself, after pivot_root and before exec, from
// what UtsAtStart() says; vzctl set runs the same code in a helper that
// entered the running VE.
#pragma once

#include <string>

#include "facet/facet.h"
#include "uts/resolv.h"

namespace vz::internal {

extern const Facet kUtsFacet;

// What init sets up at start: HOSTNAME (empty: left alone) and the DNS
// settings with "inherit" expanded on the host. kBadConfig when malformed.
struct UtsAtStart {
  std::string hostname;
  DnsSettings dns;
};
Result<UtsAtStart> ReadUtsAtStart(const Container& ct);

}  // namespace vz::internal
