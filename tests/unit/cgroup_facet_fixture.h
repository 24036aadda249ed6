// SPDX-License-Identifier: GPL-2.0-or-later
// A running container 101 on a fake backend, with its config and private
// area in a test tree: what the tests of the facets that write the VE's
// cgroup (cpu/, io/) start and set.
#pragma once

#include <map>
#include <string>

#include "facet/facets.h"
#include "fake_backend.h"
#include "test_dir.h"

namespace vztest {

// The cgroup files written, with their values.
using Files = std::map<std::string, std::string>;

struct CgroupFacetFixture {
  TestDir dir;
  FakeBackend fake;
  vz::internal::RunningVe ve{101, fake, "/sys/fs/cgroup/vz/101", 0, std::nullopt};

  explicit CgroupFacetFixture(const std::string& conf = "") {
    dir.Write("etc/vz/vz.conf", "VE_ROOT=" + dir.path().string() + "/root/$VEID\nVE_PRIVATE=" +
                                    dir.path().string() + "/private/$VEID\n");
    dir.Write("etc/vz/conf/101.conf", conf);
    dir.Write("private/101/etc/hostname", "ct\n");
    fake.state.running = true;
  }
  vz::Container Open() const { return *vz::Container::Open(vz::Paths{dir.path()}, 101); }
  std::string Conf() const { return dir.Read("etc/vz/conf/101.conf"); }
  vz::Status Set(const vz::SetOptions& opts) {
    auto ct = Open();
    vz::internal::Notes notes;
    return vz::internal::SetFacets(ct, opts, &ve, &notes);
  }
  vz::Status Start() {
    auto ct = Open();
    vz::internal::Notes notes;
    auto changes = vz::internal::StartChanges(ct, &notes);
    if (!changes) return std::unexpected(changes.error());
    return vz::internal::ApplyAll(*changes, ve);
  }
};

}  // namespace vztest
