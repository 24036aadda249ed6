// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/set.h"

#include "facet/facets.h"
#include "kernel/cgroup.h"
#include "kernel/system_backend.h"
#include "vz/launch/status.h"

namespace vz {

Status SetContainer(Container& ct, const SetOptions& opts, std::vector<std::string>* warnings) {
  auto st = GetStatus(ct);
  if (!st) return std::unexpected(st.error());
  internal::Notes notes;
  Status done;
  if (st->running) {
    auto backend = internal::SystemBackend::Open();
    if (!backend) return std::unexpected(backend.error());
    internal::RunningVe ve{ct.veid(), *backend, internal::CgroupPath(ct.veid()), 0, std::nullopt};
    done = internal::SetFacets(ct, opts, &ve, &notes);
  } else {
    done = internal::SetFacets(ct, opts, nullptr, &notes);
  }
  if (done && warnings) warnings->insert(warnings->end(), notes.begin(), notes.end());
  return done;
}

}  // namespace vz
