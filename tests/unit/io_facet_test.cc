// SPDX-License-Identifier: GPL-2.0-or-later
// The disk I/O facet on a fake backend: the weight start and set write,
// what CTID.conf keeps, and that a refusal takes back what was written.
// (io.max needs the private area's disk: the guest's ve_io.sh tests it.)
#include <gtest/gtest.h>

#include "cgroup_facet_fixture.h"
#include "io/facet.h"

namespace {

using vztest::Files;

using Fixture = vztest::CgroupFacetFixture;

// Start writes the weight, the default too (a reboot inside keeps the
// cgroup, with what a set without --save wrote).
TEST(IoFacet, StartWritesTheWeight) {
  Fixture plain("IOPRIO=4\n");
  plain.fake.state.cgroup["io.bfq.weight"] = "default 800";
  ASSERT_TRUE(plain.Start());
  EXPECT_EQ(plain.fake.state.cgroup["io.bfq.weight"], "default 100");
  Fixture high("IOPRIO=7\n");
  ASSERT_TRUE(high.Start());
  EXPECT_EQ(high.fake.state.cgroup["io.bfq.weight"], "default 800");
}

// A host without BFQ's weights starts the container, and set says so.
TEST(IoFacet, NoBfqIsANoteNotARefusal) {
  Fixture f("IOPRIO=7\n");
  struct NoBfq : vztest::FakeBackend {
    vz::Status SetCgroupValue(const vz::internal::RunningVe& ve, const std::string& file,
                              const std::string& value) override {
      if (file == "io.bfq.weight") return vz::MakeError(ENOENT, "open(io.bfq.weight)");
      return FakeBackend::SetCgroupValue(ve, file, value);
    }
  } fake;
  vz::internal::RunningVe ve{101, fake, "/sys/fs/cgroup/vz/101", 0, std::nullopt};
  auto ct = f.Open();
  vz::internal::Notes notes;
  auto changes = vz::internal::StartChanges(ct, &notes);
  ASSERT_TRUE(changes);
  EXPECT_TRUE(vz::internal::ApplyAll(*changes, ve));
  vz::SetOptions opts;
  opts.io.ioprio = 6;
  ASSERT_TRUE(vz::internal::SetFacets(ct, opts, &ve, &notes));
  ASSERT_FALSE(notes.empty());
  EXPECT_NE(notes.back().find("no BFQ cgroup weights"), std::string::npos) << notes.back();
}

TEST(IoFacet, SetWritesAndSaves) {
  Fixture f("IOPRIO=2\n");
  vz::SetOptions opts;
  opts.io.ioprio = 6;
  opts.save = true;
  ASSERT_TRUE(f.Set(opts));
  EXPECT_EQ(f.fake.state.cgroup, (Files{{"io.bfq.weight", "default 400"}}));
  EXPECT_EQ(f.fake.state.cgroup.count("io.max"), 0u);
  EXPECT_NE(f.dir.Read("etc/vz/conf/101.conf").find("IOPRIO=\"6\""), std::string::npos);
}

TEST(IoFacet, ARefusalIsSetIoAndSavesNothing) {
  Fixture f("IOPRIO=2\n");
  const std::string conf = f.dir.Read("etc/vz/conf/101.conf");
  vz::SetOptions opts;
  opts.io.ioprio = 6;
  opts.save = true;
  f.fake.fail_at = 1;
  auto set = f.Set(opts);
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error().kind(), vz::ErrorKind::kSetIo);
  EXPECT_NE(set.error().message().find("IOPRIO of container 101"), std::string::npos)
      << set.error().message();
  EXPECT_EQ(f.dir.Read("etc/vz/conf/101.conf"), conf);
  EXPECT_TRUE(f.fake.state.cgroup.empty());
}

// A later facet's failure takes the weight back.
TEST(IoFacet, ALaterFailureTakesTheWeightBack) {
  Fixture f("IOPRIO=2\n");
  vz::SetOptions opts;
  opts.io.ioprio = 6;
  opts.dev.devices.push_back({{'c', 10, 200}, vz::kDevRead});
  f.fake.fail_at = 2;
  ASSERT_FALSE(f.Set(opts));
  EXPECT_EQ(f.fake.state.cgroup, (Files{{"io.bfq.weight", "default 25"}}));
}

}  // namespace
