// SPDX-License-Identifier: GPL-2.0-or-later
// The netlink work of container networking, for real, in private network
// namespaces of the test host (root only). A veth end named venet0 stands
// in for the venet device, which only the patched kernel has.
#include "../../libvz/src/netlink.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <thread>

#include "../../libvz/src/net_host.h"
#include "../../libvz/src/net_inside.h"
#include "../../libvz/src/netns.h"
#include "../../libvz/src/veth.h"
#include "test_dir.h"

namespace {

using vz::internal::Netlink;

vz::IpAddress Ip(const std::string& text) { return vz::ParseIpAddress(text).value(); }

bool Has(const std::vector<vz::IpAddress>& list, const std::string& text) {
  const auto ip = Ip(text);
  return std::any_of(list.begin(), list.end(), [&](const vz::IpAddress& o) {
    return o.SameAddress(ip) && (ip.prefix < 0 || o.prefix == ip.prefix);
  });
}

// A fresh network namespace, kept open by a descriptor.
vz::internal::UniqueFd NewNetns() {
  int fd = -1;
  std::thread([&] {
    if (::unshare(CLONE_NEWNET) == 0) fd = ::open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
  }).join();
  return vz::internal::UniqueFd(fd);
}

class NetlinkTest : public testing::Test {
 protected:
  void SetUp() override {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root for network namespaces";
    host_ = NewNetns();
    if (host_.get() < 0) GTEST_SKIP() << "cannot create a network namespace here";
  }
  // Runs `fn` with a Netlink in the test's "host" namespace.
  void OnHost(const std::function<void(Netlink&)>& fn) {
    auto st = vz::internal::RunInNetns(host_.get(), [&]() -> vz::Status {
      auto nl = Netlink::Open();
      if (!nl) return std::unexpected(nl.error());
      fn(*nl);
      return {};
    });
    ASSERT_TRUE(st) << st.error().message();
  }
  // A veth pair venet0 / uplink0 on the host, like the kernel's venet0
  // and an Ethernet uplink for proxy ARP.
  void MakeFakeVenet(Netlink& nl) {
    vz::internal::VethEnd a{"venet0", vz::GenerateMac(1, "a", true), -1};
    vz::internal::VethEnd b{"uplink0", vz::GenerateMac(1, "b", true), -1};
    auto made = nl.CreateVeth(a, b);
    ASSERT_TRUE(made) << made.error().message();
    auto uplink = nl.LinkIndex("uplink0");
    ASSERT_TRUE(uplink);
    ASSERT_TRUE(nl.SetUp(*uplink));
  }
  vz::internal::UniqueFd host_{-1};
};

TEST_F(NetlinkTest, HostRoutesAndProxiesComeAndGo) {
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    vz::NeighbourDevs devs{vz::NeighbourDevs::Mode::kList, {"uplink0", "nosuchdev"}};
    const std::vector<vz::IpAddress> ips = {Ip("10.0.0.5/24"), Ip("fd00::5")};
    auto added = vz::internal::AddHostRoutes(nl, ips, devs);
    ASSERT_TRUE(added) << added.error().message();
    // Twice is fine: routes are replaced, proxy entries found again.
    ASSERT_TRUE(vz::internal::AddHostRoutes(nl, ips, devs));
    auto venet = nl.LinkIndex("venet0");
    ASSERT_TRUE(venet);
    auto routes = nl.HostRoutesVia(*venet);
    ASSERT_TRUE(routes) << routes.error().message();
    EXPECT_TRUE(Has(*routes, "10.0.0.5"));
    EXPECT_TRUE(Has(*routes, "fd00::5"));
    auto proxies = nl.Proxies();
    ASSERT_TRUE(proxies) << proxies.error().message();
    ASSERT_EQ(proxies->size(), 1u);
    EXPECT_EQ((*proxies)[0].first.address(), "10.0.0.5");
    EXPECT_EQ((*proxies)[0].second, *nl.LinkIndex("uplink0"));

    auto removed = vz::internal::RemoveHostRoutes(nl, ips);
    ASSERT_TRUE(removed) << removed.error().message();
    ASSERT_TRUE(vz::internal::RemoveHostRoutes(nl, ips)) << "a second removal finds nothing";
    EXPECT_TRUE(nl.HostRoutesVia(*venet)->empty());
    EXPECT_TRUE(nl.Proxies()->empty());
  });
}

TEST_F(NetlinkTest, AllNeighbourDevsMeansUpEthernetButVenet) {
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    auto devs = nl.UpEthernetDevices();
    ASSERT_TRUE(devs) << devs.error().message();
    EXPECT_EQ(*devs, std::vector<std::string>{"uplink0"});  // lo and venet0 are not
  });
}

TEST_F(NetlinkTest, CleanupRemovesWhatNoVeOwns) {
  vztest::TestDir dir;
  dir.Write("veip", "Version: 2.5\n  10.0.0.6 102\n");
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    vz::NeighbourDevs devs{vz::NeighbourDevs::Mode::kAll, {}};
    const std::vector<vz::IpAddress> ips = {Ip("10.0.0.5"), Ip("10.0.0.6"), Ip("fd00::7")};
    ASSERT_TRUE(vz::internal::AddHostRoutes(nl, ips, devs));
  });
  // In its own thread: CleanupHostNetwork opens its socket in the caller's
  // namespace.
  auto cleaned = vz::internal::RunInNetns(host_.get(), [&] {
    return vz::internal::CleanupHostNetwork({Ip("10.0.0.9")}, dir.path() / "veip");
  });
  ASSERT_TRUE(cleaned) << cleaned.error().message();
  OnHost([&](Netlink& nl) {
    auto routes = nl.HostRoutesVia(*nl.LinkIndex("venet0"));
    ASSERT_TRUE(routes);
    ASSERT_EQ(routes->size(), 1u) << vz::FormatIpList(*routes);
    EXPECT_TRUE(Has(*routes, "10.0.0.6"));
    auto proxies = nl.Proxies();
    ASSERT_EQ(proxies->size(), 1u);
    EXPECT_EQ((*proxies)[0].first.address(), "10.0.0.6");
  });
  // Without a readable map nothing is known to be free: nothing goes.
  ASSERT_TRUE(vz::internal::RunInNetns(host_.get(), [&] {
    return vz::internal::CleanupHostNetwork({Ip("10.0.0.6")}, dir.path() / "missing");
  }));
  OnHost([&](Netlink& nl) { EXPECT_EQ(nl.HostRoutesVia(*nl.LinkIndex("venet0"))->size(), 1u); });
}

TEST_F(NetlinkTest, VethEndGoesIntoTheContainerUnderItsName) {
  auto ct = NewNetns();
  ASSERT_GE(ct.get(), 0);
  auto nif = vz::ParseNetIfArg(101, "eth0");
  ASSERT_TRUE(nif);
  OnHost([&](Netlink& nl) {
    // A host device called eth0 does not stand in the way.
    ASSERT_TRUE(nl.CreateVeth({"eth0", vz::GenerateMac(9, "x", true), -1},
                              {"other0", vz::GenerateMac(9, "y", true), -1}));
    auto made = vz::internal::CreateVeth(nl, *nif, ct.get());
    ASSERT_TRUE(made) << made.error().message();
    auto host = nl.GetLink("veth101.0");
    ASSERT_TRUE(host);
    EXPECT_TRUE(rtnl_link_get_flags(host->get()) & IFF_UP);
    auto again = vz::internal::CreateVeth(nl, *nif, ct.get());
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().kind(), vz::ErrorKind::kVeth);
  });
  auto inside = vz::internal::RunInNetns(ct.get(), [&]() -> vz::Status {
    auto nl = Netlink::Open();
    auto eth0 = nl->GetLink("eth0");
    if (!eth0) return std::unexpected(eth0.error());
    char buf[32];
    EXPECT_STRCASEEQ(nl_addr2str(rtnl_link_get_addr(eth0->get()), buf, sizeof(buf)),
                     nif->mac.c_str());
    return {};
  });
  ASSERT_TRUE(inside) << inside.error().message();
  OnHost([&](Netlink& nl) {
    ASSERT_TRUE(vz::internal::DeleteVeth(nl, *nif));
    EXPECT_FALSE(nl.GetLink("veth101.0"));
    EXPECT_TRUE(vz::internal::DeleteVeth(nl, *nif)) << "deleting what is gone is no error";
    auto not_veth = *nif;
    not_veth.host_ifname = "lo";
    EXPECT_FALSE(vz::internal::DeleteVeth(nl, not_veth));
  });
}

// What vzctl relies on instead of deleting pairs at stop: the container's
// namespace going away takes the host end along.
TEST_F(NetlinkTest, VethHostEndGoesWithTheContainersNamespace) {
  auto nif = vz::ParseNetIfArg(101, "eth0");
  ASSERT_TRUE(nif);
  {
    auto ct = NewNetns();
    ASSERT_GE(ct.get(), 0);
    OnHost([&](Netlink& nl) { ASSERT_TRUE(vz::internal::CreateVeth(nl, *nif, ct.get())); });
  }  // the last reference to the namespace is gone
  OnHost([&](Netlink& nl) {
    bool gone = false;
    for (int i = 0; i < 100 && !gone; ++i) {
      gone = !nl.GetLink("veth101.0");
      if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(gone) << "veth101.0 outlived the container's namespace";
  });
}

TEST_F(NetlinkTest, VethWithAMissingBridgeFailsAndLeavesNothing) {
  auto ct = NewNetns();
  auto nif = vz::ParseNetIfArg(101, "eth1,,,,nobridge0");
  ASSERT_TRUE(nif);
  OnHost([&](Netlink& nl) {
    auto made = vz::internal::CreateVeth(nl, *nif, ct.get());
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error().kind(), vz::ErrorKind::kVeth);
    EXPECT_NE(made.error().message().find("nobridge0"), std::string::npos)
        << made.error().message();
    EXPECT_FALSE(nl.GetLink("veth101.1"));
  });
}

TEST_F(NetlinkTest, VenetInsideGetsAddressesAndReplacesMasks) {
  auto ct = NewNetns();
  ASSERT_GE(ct.get(), 0);
  OnHost([&](Netlink& nl) {
    // The container's "venet0": the peer of a host veth end.
    ASSERT_TRUE(nl.CreateVeth({"vhost0", vz::GenerateMac(2, "a", true), -1},
                              {"venet0", vz::GenerateMac(2, "b", true), ct.get()}));
  });
  auto inside = [&](const std::function<void(Netlink&, int)>& fn) {
    auto st = vz::internal::RunInNetns(ct.get(), [&]() -> vz::Status {
      auto nl = Netlink::Open();
      auto venet = nl->LinkIndex("venet0");
      if (!venet) return std::unexpected(venet.error());
      fn(*nl, *venet);
      return {};
    });
    ASSERT_TRUE(st) << st.error().message();
  };
  auto configured = vz::internal::RunInNetns(ct.get(), [] {
    return vz::internal::ConfigureVenetInside({Ip("10.0.0.7/24"), Ip("fd00::7")});
  });
  ASSERT_TRUE(configured) << configured.error().message();
  inside([&](Netlink& nl, int venet) {
    auto addrs = nl.Addresses(venet);
    ASSERT_TRUE(addrs);
    EXPECT_TRUE(Has(*addrs, "10.0.0.7/24"));
    EXPECT_TRUE(Has(*addrs, "fd00::7/128"));
    auto lo = nl.GetLink("lo");
    EXPECT_TRUE(rtnl_link_get_flags(lo->get()) & IFF_UP);
  });
  ASSERT_TRUE(vz::internal::RunInNetns(
      ct.get(), [] { return vz::internal::ConfigureVenetInside({Ip("10.0.0.7/16")}); }));
  inside([&](Netlink& nl, int venet) {
    auto addrs = nl.Addresses(venet);
    EXPECT_TRUE(Has(*addrs, "10.0.0.7/16"));
    EXPECT_FALSE(Has(*addrs, "10.0.0.7/24"));
  });
  ASSERT_TRUE(vz::internal::RunInNetns(
      ct.get(), [] { return vz::internal::RemoveVenetAddressesInside({Ip("fd00::7")}, false); }));
  inside([&](Netlink& nl, int venet) {
    auto addrs = nl.Addresses(venet);
    EXPECT_FALSE(Has(*addrs, "fd00::7"));
    EXPECT_TRUE(Has(*addrs, "10.0.0.7"));
  });
  ASSERT_TRUE(vz::internal::RunInNetns(
      ct.get(), [] { return vz::internal::RemoveVenetAddressesInside({}, true); }));
  inside([&](Netlink& nl, int venet) {
    auto addrs = nl.Addresses(venet);
    EXPECT_FALSE(Has(*addrs, "10.0.0.7")) << vz::FormatIpList(*addrs);
  });
}

}  // namespace
