// SPDX-License-Identifier: GPL-2.0-or-later
// The start and set orchestration over the facets (facet/facets.h), on a
// fake backend: what each step does to the VE and the host, in which
// order, and that a failure at any step takes back what was done.
#include "facet/facets.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "fake_backend.h"
#include "launch/monitor.h"
#include "launch/stop.h"
#include "test_dir.h"

namespace {

using vztest::FakeBackend;
using vztest::FakeState;

constexpr unsigned int kVeid = 101;

const char* const kConf =
    "IP_ADDRESS=\"10.0.0.1\"\n"
    "NETIF=\"ifname=eth0\"\n"
    "NETDEV=\"eth7\"\n"
    "NUMPROC=\"240:240\"\n"
    "QUOTAUGIDLIMIT=\"10\"\n"
    "DEVICES=\"c:10:200:r\"\n"
    "STOP_TIMEOUT=\"0\"\n";  // a halt that does not end the VE is not waited for

// A container 101 with kConf, and a fake VE for it.
struct Fixture {
  vztest::TestDir dir;
  FakeBackend fake;
  vz::internal::RunningVe ve{kVeid, fake, "", 0, std::nullopt};

  Fixture() {
    dir.Write("etc/vz/vz.conf", "VE_ROOT=/vz/root/$VEID\nVE_PRIVATE=/vz/private/$VEID\n");
    dir.Write("etc/vz/conf/101.conf", kConf);
  }
  vz::Container Open() const { return *vz::Container::Open(vz::Paths{dir.path()}, kVeid); }
  std::string Conf() const { return dir.Read("etc/vz/conf/101.conf"); }
  // The VE as kConf has it, running.
  void Running() {
    fake.state.running = true;
    fake.state.mapped = fake.state.routes = fake.state.inside = {"10.0.0.1"};
    fake.state.veths = {"veth101.0"};
    fake.state.netdevs = {"eth7"};
    fake.state.disk_quota = "off";  // kConf has no disk limits
    fake.state.ugid_limit = 10;
    fake.state.devperms = {{"c 10:200", vz::kDevRead}};
  }
};

// What a stop leaves of the running VE: its disk quota, which lives in the
// filesystem.
FakeState Stopped() {
  FakeState s;
  s.disk_quota = "off";
  return s;
}

vz::SetOptions EveryFacet() {
  vz::SetOptions o;
  o.ubc.limits = {{vz::kUbNumproc, {100, 100}}};
  o.net.ips.add = {*vz::ParseIpAddress("10.0.0.2")};
  o.net.netif_add = {*vz::ParseNetIfArg(kVeid, "eth1")};
  o.net.netdev_add = {"eth5"};
  o.uts.hostname = "ct101.example";
  o.uts.nameservers = std::vector<std::string>{"192.0.2.53"};
  o.identity.name = "web";
  o.quota.diskspace = vz::DiskLimit{1000, 2000};
  o.quota.ugidlimit = 20;
  o.dev.devices = {*vz::ParseDeviceEntry("c:10:200:rw"), *vz::ParseDeviceEntry("b:8:all:q")};
  o.save = true;
  return o;
}

vz::Status Set(Fixture& f, const vz::SetOptions& opts) {
  auto ct = f.Open();
  vz::internal::Notes notes;
  return vz::internal::SetFacets(ct, opts, &f.ve, &notes);
}

size_t IndexOf(const std::vector<std::string>& calls, const std::string& prefix) {
  auto it = std::find_if(calls.begin(), calls.end(),
                         [&](const std::string& c) { return c.starts_with(prefix); });
  return it - calls.begin();
}

TEST(SetFacets, AppliesEveryFacetInOrderThenStores) {
  Fixture f;
  f.Running();
  auto st = Set(f, EveryFacet());
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_EQ(f.fake.state.mapped, (std::set<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(f.fake.state.routes, (std::set<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(f.fake.state.inside, (std::set<std::string>{"10.0.0.1", "10.0.0.2"}));
  EXPECT_EQ(f.fake.state.veths, (std::set<std::string>{"veth101.0", "veth101.1"}));
  EXPECT_EQ(f.fake.state.netdevs, (std::set<std::string>{"eth7", "eth5"}));
  EXPECT_EQ(f.fake.state.limits.at(vz::kUbNumproc), (vz::UbLimit{100, 100}));
  EXPECT_EQ(f.fake.state.disk_quota, "space 1000:2000 inodes unlimited:unlimited");
  EXPECT_EQ(f.fake.state.ugid_limit, 20u);
  EXPECT_EQ(f.fake.state.devperms,
            (std::map<std::string, unsigned>{{"b 8:all", vz::kDevQuota},
                                             {"c 10:200", vz::kDevRead | vz::kDevWrite}}));
  const auto& c = f.fake.calls;
  EXPECT_LT(IndexOf(c, "ub "), IndexOf(c, "quota "));
  EXPECT_LT(IndexOf(c, "quota "), IndexOf(c, "check 10.0.0.2"));
  EXPECT_LT(IndexOf(c, "check "), IndexOf(c, "map 10.0.0.2"));
  EXPECT_LT(IndexOf(c, "netdev+ eth5"), IndexOf(c, "devperms"));
  EXPECT_LT(IndexOf(c, "devperms"), IndexOf(c, "inside setting the hostname"));
  EXPECT_LT(IndexOf(c, "inside setting the hostname"), IndexOf(c, "inside writing"));
  EXPECT_LT(IndexOf(c, "inside writing"), c.size());
  const std::string conf = f.Conf();
  EXPECT_NE(conf.find("IP_ADDRESS=\"10.0.0.1 10.0.0.2\""), std::string::npos) << conf;
  EXPECT_NE(conf.find("HOSTNAME=\"ct101.example\""), std::string::npos) << conf;
  EXPECT_NE(conf.find("NUMPROC=\"100:100\""), std::string::npos) << conf;
  EXPECT_NE(conf.find("NAME=\"web\""), std::string::npos) << conf;
  EXPECT_NE(conf.find("DISKSPACE=\"1000:2000\""), std::string::npos) << conf;
  EXPECT_NE(conf.find("QUOTAUGIDLIMIT=\"20\""), std::string::npos) << conf;
  EXPECT_NE(conf.find("DEVICES=\"c:10:200:rw b:8:all:q\""), std::string::npos) << conf;
}

TEST(SetFacets, QuotaInsideIsRefusedForTheOverlayLayout) {
  Fixture f;
  f.dir.Write("etc/vz/conf/101.conf", std::string(kConf) + "VE_LAYOUT=\"overlay\"\n");
  vz::SetOptions o;
  o.quota.ugidlimit = 5;
  o.save = true;
  auto st = Set(f, o);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kQuotaOn);
  EXPECT_NE(st.error().message().find("simfs"), std::string::npos) << st.error().message();
  EXPECT_EQ(f.Conf().find("QUOTAUGIDLIMIT=\"5\""), std::string::npos);
}

TEST(SetFacets, QuotaInsideTurnedOnLiveWorksAfterTheNextStart) {
  Fixture f;
  f.Running();
  vz::SetOptions off;
  off.quota.ugidlimit = 0;
  off.save = true;  // what the next set starts from
  ASSERT_TRUE(Set(f, off));
  EXPECT_EQ(f.fake.state.ugid_limit, 0u);
  vz::SetOptions on;
  on.quota.ugidlimit = 5;
  auto ct = f.Open();
  vz::internal::Notes notes;
  ASSERT_TRUE(vz::internal::SetFacets(ct, on, &f.ve, &notes));
  EXPECT_EQ(f.fake.state.ugid_limit, 5u);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("next start"), std::string::npos) << notes[0];
}

TEST(SetFacets, AFailureAtAnyStepLeavesTheVeAndTheConfigAsTheyWere) {
  size_t steps = 0;
  {
    Fixture f;
    f.Running();
    ASSERT_TRUE(Set(f, EveryFacet()));
    steps = f.fake.calls.size();
  }
  // ub, quota, check, map, route, inside, veth, netdev, 2 devperms, hostname, dns
  ASSERT_GE(steps, 12u);
  for (size_t i = 1; i <= steps; ++i) {
    Fixture f;
    f.Running();
    const FakeState before = f.fake.state;
    f.fake.fail_at = static_cast<int>(i);
    auto st = Set(f, EveryFacet());
    ASSERT_FALSE(st) << "step " << i;
    EXPECT_EQ(f.fake.failed, 1) << "step " << i;
    EXPECT_NE(st.error().message().find("fake failure of call"), std::string::npos)
        << st.error().message();
    EXPECT_TRUE(f.fake.state == before) << "step " << i << " (" << f.fake.calls[i - 1] << ")";
    EXPECT_EQ(f.Conf(), kConf) << "step " << i;
  }
}

TEST(SetFacets, NothingIsAppliedWhenOneValueIsBad) {
  Fixture f;
  f.Running();
  auto opts = EveryFacet();
  opts.uts.nameservers = std::vector<std::string>{"not-an-address"};
  ASSERT_FALSE(Set(f, opts));
  EXPECT_TRUE(f.fake.calls.empty());
  EXPECT_EQ(f.Conf(), kConf);
}

TEST(SetFacets, ADeviceMovedOutIsMovedBackWhenALaterStepFails) {
  Fixture f;
  f.Running();
  vz::SetOptions opts;
  opts.net.netdev_del = {"eth7"};
  opts.uts.hostname = "ct101";
  f.fake.fail_at = 2;  // netdev- eth7, then the hostname helper fails
  ASSERT_FALSE(Set(f, opts));
  EXPECT_EQ(f.fake.calls[1], "inside setting the hostname");
  EXPECT_EQ(f.fake.state.netdevs, (std::set<std::string>{"eth7"}));
  EXPECT_EQ(f.fake.calls.back(), "netdev+ eth7");
}

TEST(SetFacets, AStoppedContainerOnlyStores) {
  Fixture f;
  auto ct = f.Open();
  vz::internal::Notes notes;
  auto opts = EveryFacet();
  ASSERT_TRUE(vz::internal::SetFacets(ct, opts, nullptr, &notes));
  EXPECT_TRUE(f.fake.calls.empty());
  EXPECT_NE(f.Conf().find("NETDEV=\"eth7 eth5\""), std::string::npos) << f.Conf();
  vz::SetOptions live;  // without --save, for a container that does not run
  live.uts.hostname = "ct101";
  auto st = vz::internal::SetFacets(ct, live, nullptr, &notes);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kNotRunning);
}

vz::Status Start(Fixture& f) {
  auto ct = f.Open();
  vz::internal::Notes notes;
  auto changes = vz::internal::StartChanges(ct, &notes);
  if (!changes) return std::unexpected(changes.error());
  return vz::internal::ApplyAll(*changes, f.ve);
}

TEST(StartFacets, ANewVeGetsEveryStoredSetting) {
  Fixture f;
  auto st = Start(f);
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_EQ(f.fake.state.mapped, std::set<std::string>{"10.0.0.1"});
  EXPECT_EQ(f.fake.state.routes, std::set<std::string>{"10.0.0.1"});
  EXPECT_EQ(f.fake.state.inside, std::set<std::string>{"10.0.0.1"});
  EXPECT_EQ(f.fake.state.veths, std::set<std::string>{"veth101.0"});
  EXPECT_EQ(f.fake.state.netdevs, std::set<std::string>{"eth7"});
  EXPECT_EQ(f.fake.state.limits.size(), vz::UbResources().size());
  EXPECT_EQ(f.fake.state.limits.at(vz::kUbNumproc), (vz::UbLimit{240, 240}));
  EXPECT_EQ(f.fake.state.ugid_limit, 10u);
  EXPECT_EQ(f.fake.state.devperms, (std::map<std::string, unsigned>{{"c 10:200", vz::kDevRead}}));
  // Limits first; addresses are not checked again (start did, before
  // launching).
  EXPECT_LT(IndexOf(f.fake.calls, "ub "), IndexOf(f.fake.calls, "map "));
  EXPECT_LT(IndexOf(f.fake.calls, "netdev+ "), IndexOf(f.fake.calls, "devperms "));
  EXPECT_EQ(IndexOf(f.fake.calls, "check"), f.fake.calls.size());
}

TEST(StartFacets, AFailureAtAnyStepLeavesNothingBehind) {
  std::vector<std::string> steps;
  {
    Fixture f;
    ASSERT_TRUE(Start(f));
    steps = f.fake.calls;
  }
  for (size_t i = 1; i <= steps.size(); ++i) {
    Fixture f;
    f.fake.fail_at = static_cast<int>(i);
    auto st = Start(f);
    // The CPU and I/O settings are all defaults here: a host that cannot
    // take one (no such controller) still starts the container.
    if (steps[i - 1].starts_with("cgroup ")) {
      EXPECT_TRUE(st) << "step " << i << " (" << steps[i - 1] << ")";
      continue;
    }
    ASSERT_FALSE(st) << "step " << i;
    // What undo wrote back to the cgroup is its defaults.
    FakeState left = f.fake.state;
    left.cgroup.clear();
    EXPECT_TRUE(left == FakeState{}) << "step " << i << " (" << steps[i - 1] << ")";
  }
}

vz::Status Stop(Fixture& f, bool fast) {
  auto ct = f.Open();
  return vz::internal::StopVe(ct, vz::StopOptions{fast}, f.fake);
}

TEST(StopVe, HaltsThenReleasesTheHostRoutes) {
  Fixture f;
  f.Running();
  f.fake.state.mapped.insert("10.0.0.9");  // added without --save
  f.fake.state.routes.insert("10.0.0.9");
  ASSERT_TRUE(Stop(f, false));
  EXPECT_EQ(f.fake.calls, (std::vector<std::string>{"exists", "halt", "wait", "release 10.0.0.1"}));
  EXPECT_TRUE(f.fake.state == Stopped());
}

TEST(StopVe, KillsWhenHaltIsIgnoredOrFast) {
  for (bool fast : {false, true}) {
    Fixture f;
    f.Running();
    f.fake.halt_works = false;
    ASSERT_TRUE(Stop(f, fast)) << fast;
    EXPECT_EQ(IndexOf(f.fake.calls, "halt") == f.fake.calls.size(), fast);
    EXPECT_LT(IndexOf(f.fake.calls, "kill"), f.fake.calls.size());
    EXPECT_TRUE(f.fake.state == Stopped()) << fast;
  }
}

TEST(StopVe, AStoppedContainerIsAnError) {
  Fixture f;
  auto st = Stop(f, false);
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kNotRunning);
  EXPECT_EQ(f.fake.calls, std::vector<std::string>{"exists"});
}

TEST(StopVe, AFailureAtAnyStepIsReported) {
  for (int i = 1; i <= 4; ++i) {
    Fixture f;
    f.Running();
    f.fake.fail_at = i;  // exists, halt (not an error: then killed), wait, release
    auto st = Stop(f, false);
    EXPECT_EQ(st.has_value(), i == 2) << "step " << i;
    if (i == 2) {
      EXPECT_LT(IndexOf(f.fake.calls, "kill"), f.fake.calls.size());
    }
  }
}

// The monitor of a container that ended leaves the routes to whoever holds
// the container's lock (a vzctl restart maps and routes them again).
TEST(ReleaseUnderLock, OnlyWhenTheLockIsFree) {
  Fixture f;
  f.dir.Write("etc/vz/vz.conf", "LOCKDIR=" + (f.dir.path() / "lock").string() + "\n");
  f.fake.state.routes = {"10.0.0.1"};  // the VE ended: nothing mapped
  auto ct = f.Open();
  auto held = vz::CtLock::Acquire(ct.lock_dir(), kVeid);
  ASSERT_TRUE(held) << held.error().message();
  EXPECT_FALSE(vz::internal::ReleaseUnderLock(ct, f.fake)) << "the lock is held";
  EXPECT_TRUE(f.fake.calls.empty());
  EXPECT_EQ(f.fake.state.routes, std::set<std::string>{"10.0.0.1"});
  held->Release();
  auto got = vz::internal::ReleaseUnderLock(ct, f.fake);
  EXPECT_TRUE(got) << "the lock is free";
  EXPECT_TRUE(f.fake.state.routes.empty());
  EXPECT_FALSE(vz::CtLock::Acquire(ct.lock_dir(), kVeid)) << "held for a relaunch";
}

}  // namespace
