// SPDX-License-Identifier: GPL-2.0-or-later
// The netlink work of container networking, for real, in private network
// namespaces of the test host (root only). A veth end named venet0 stands
// in for the venet device, which only the patched kernel has.
#include "net/netlink/netlink.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/if.h>
#include <linux/if_addr.h>
#include <netlink/errno.h>
#include <netlink/route/nexthop.h>
#include <netlink/route/route.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <optional>
#include <stdexcept>
#include <thread>

#include "net/host.h"
#include "net/inside.h"
#include "net/netns.h"
#include "net/veth.h"
#include "test_dir.h"
#include "vz/core/lock.h"

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
  // Adds device `name` of `type`, on `parent` (a macvlan's), a port of
  // `master` when given, up when `up`; its index, or -1 when the kernel
  // cannot make it.
  static int AddLink(Netlink& nl, const std::string& name, const char* type, int parent = 0,
                     int master = 0, bool up = true) {
    vz::internal::LinkPtr link(rtnl_link_alloc());
    rtnl_link_set_name(link.get(), name.c_str());
    if (rtnl_link_set_type(link.get(), type) < 0) return -1;
    if (parent) rtnl_link_set_link(link.get(), parent);
    if (master) rtnl_link_set_master(link.get(), master);
    if (rtnl_link_add(nl.sock(), link.get(), NLM_F_CREATE | NLM_F_EXCL) < 0) return -1;
    auto index = nl.LinkIndex(name);
    if (!index || (up && !nl.SetUp(*index))) return -1;
    return *index;
  }
  // Beside the fake venet: macvlans lan0 and lan1 (Ethernet devices that
  // are not veths), bridge br0 with macvlan port0 as its port, and down0,
  // a macvlan that is down. False when the kernel has no macvlan or bridge.
  static bool MakeLans(Netlink& nl) {
    const int uplink = *nl.LinkIndex("uplink0");
    const int br0 = AddLink(nl, "br0", "bridge");
    return br0 > 0 && AddLink(nl, "lan0", "macvlan", uplink) > 0 &&
           AddLink(nl, "lan1", "macvlan", uplink) > 0 &&
           AddLink(nl, "port0", "macvlan", uplink, br0) > 0 &&
           AddLink(nl, "down0", "macvlan", uplink, 0, false) > 0;
  }
  // The devices with a proxy entry for `ip`, sorted.
  static std::vector<std::string> ProxiedOn(Netlink& nl, const std::string& ip) {
    std::vector<std::string> out;
    const auto proxies = nl.Proxies().value();
    for (const auto& [addr, ifindex] : proxies)
      if (addr.address() == ip) out.push_back(nl.DeviceName(ifindex));
    std::sort(out.begin(), out.end());
    return out;
  }
  vz::internal::UniqueFd host_{-1};
};

using Names = std::vector<std::string>;

// "dst via gw" in the main table (a route that is not connected).
bool AddGatewayRoute(Netlink& nl, const std::string& dst, const std::string& gw) {
  rtnl_route* route = rtnl_route_alloc();
  rtnl_nexthop* nh = rtnl_route_nh_alloc();
  auto to = vz::internal::ToNlAddr(Ip(dst), Ip(dst).prefix);
  auto via = vz::internal::ToNlAddr(Ip(gw), -1);
  rtnl_route_set_dst(route, to.get());
  rtnl_route_nh_set_gateway(nh, via.get());
  rtnl_route_add_nexthop(route, nh);
  const int err = rtnl_route_add(nl.sock(), route, NLM_F_CREATE);
  rtnl_route_put(route);
  return err >= 0;
}

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

TEST_F(NetlinkTest, AllNeighbourDevsSkipsVethsAndBridgePorts) {
  bool made = false;
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    if (!(made = MakeLans(nl))) return;
    auto devs = nl.NeighbourDevices();
    ASSERT_TRUE(devs) << devs.error().message();
    Names names;
    for (const auto& d : *devs) names.push_back(d.name);
    std::sort(names.begin(), names.end());
    // Not lo, venet0, the veth uplink0, bridge port port0, down0.
    EXPECT_EQ(names, (Names{"br0", "lan0", "lan1"}));
  });
  if (!made) GTEST_SKIP() << "no macvlan or bridge devices here";
}

TEST_F(NetlinkTest, NeighbourDevsDetectFollowsConnectedRoutes) {
  bool made = false;
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    if (!(made = MakeLans(nl))) return;
    ASSERT_TRUE(nl.AddAddress(*nl.LinkIndex("lan0"), Ip("192.168.5.1/24"), 0));
    ASSERT_TRUE(nl.AddAddress(*nl.LinkIndex("br0"), Ip("10.1.0.1/16"), 0));
    vz::IpAddress any;
    any.family = AF_INET;
    any.prefix = 0;
    ASSERT_TRUE(nl.ReplaceDeviceRoute(any, *nl.LinkIndex("lan1")));
    ASSERT_TRUE(AddGatewayRoute(nl, "10.9.0.0/16", "192.168.5.254"));
    const auto ips = vz::ParseIpList("10.1.2.3 192.168.5.9 10.9.1.1 172.16.0.1 fd00::3").value();
    auto added = vz::internal::AddHostRoutes(nl, ips, vz::NeighbourDevs{});  // unset: detect
    ASSERT_TRUE(added) << added.error().message();
    EXPECT_EQ(ProxiedOn(nl, "10.1.2.3"), Names{"br0"});
    EXPECT_EQ(ProxiedOn(nl, "192.168.5.9"), Names{"lan0"});
    EXPECT_EQ(ProxiedOn(nl, "10.9.1.1"), Names{}) << "a route through a gateway";
    EXPECT_EQ(ProxiedOn(nl, "172.16.0.1"), Names{}) << "only the default route";
    ASSERT_TRUE(vz::internal::AddHostRoutes(nl, ips, {vz::NeighbourDevs::Mode::kAll, {}}));
    EXPECT_EQ(ProxiedOn(nl, "172.16.0.1"), (Names{"br0", "lan0", "lan1"}));
    ASSERT_TRUE(vz::internal::RemoveHostRoutes(nl, ips));
    ASSERT_TRUE(vz::internal::AddHostRoutes(nl, ips, vz::ParseNeighbourDevs("list:").value()));
    EXPECT_TRUE(nl.Proxies()->empty());
  });
  if (!made) GTEST_SKIP() << "no macvlan or bridge devices here";
}

TEST_F(NetlinkTest, CleanupRemovesWhatNoVeOwns) {
  vztest::TestDir dir;
  dir.Write("veip", "Version: 2.5\n  10.0.0.6 102\n");
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    vz::NeighbourDevs devs{vz::NeighbourDevs::Mode::kList, {"uplink0"}};
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

// Stands in for /proc/vz/veip with a FIFO: the first read sees `first`,
// every later one `later`. The pause between rounds lets each reader reach
// its EOF first (should one be slower, it reads both texts: the owners of
// `later` then, which only makes a test pass that should pass anyway).
class ChangingVeip {
 public:
  ChangingVeip(std::filesystem::path path, std::string first, std::string later)
      : path_(std::move(path)), first_(std::move(first)), later_(std::move(later)) {
    if (::mkfifo(path_.c_str(), 0600) == 0) server_ = std::thread([this] { Serve(); });
  }
  ~ChangingVeip() {
    if (!server_.joinable()) return;
    stop_ = true;
    const int unblock = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    server_.join();
    ::close(unblock);
  }
  bool ok() const { return server_.joinable(); }
  int reads() const { return reads_; }

 private:
  void Serve() {
    for (int round = 0;; ++round) {
      const int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);  // waits for a reader
      if (fd < 0) return;
      if (stop_) {
        ::close(fd);
        return;
      }
      const std::string& text = round == 0 ? first_ : later_;
      EXPECT_EQ(::write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
      ::close(fd);
      ++reads_;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }
  std::filesystem::path path_;
  std::string first_, later_;
  std::atomic<bool> stop_{false};
  std::atomic<int> reads_{0};
  std::thread server_;
};

// A restart (or another container) maps an address after the cleanup found
// it free and before it removes its route: the route stays.
TEST_F(NetlinkTest, CleanupAsksForOwnersAgainBeforeEachDeletion) {
  vztest::TestDir dir;
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    vz::NeighbourDevs devs{vz::NeighbourDevs::Mode::kList, {"uplink0"}};
    ASSERT_TRUE(vz::internal::AddHostRoutes(nl, {Ip("10.0.0.5"), Ip("10.0.0.6")}, devs));
  });
  ChangingVeip veip(dir.path() / "veip", "Version: 2.5\n", "Version: 2.5\n  10.0.0.5 101\n");
  ASSERT_TRUE(veip.ok());
  auto cleaned = vz::internal::RunInNetns(host_.get(), [&] {
    return vz::internal::CleanupHostNetwork({Ip("10.0.0.5"), Ip("10.0.0.6")}, dir.path() / "veip");
  });
  ASSERT_TRUE(cleaned) << cleaned.error().message();
  EXPECT_GE(veip.reads(), 2);
  OnHost([&](Netlink& nl) {
    auto routes = nl.HostRoutesVia(*nl.LinkIndex("venet0"));
    ASSERT_TRUE(routes);
    EXPECT_EQ(vz::FormatIpList(*routes), "10.0.0.5");
    EXPECT_EQ(ProxiedOn(nl, "10.0.0.5"), Names{"uplink0"});
    EXPECT_EQ(ProxiedOn(nl, "10.0.0.6"), Names{});
  });
}

TEST_F(NetlinkTest, ErrorsKeepTheKernelsErrnoAndNameDevices) {
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    const int br0 = AddLink(nl, "br0", "bridge");
    const int br1 = AddLink(nl, "br1", "bridge");
    if (br0 > 0 && br1 > 0) {
      // ELOOP, which libnl alone turns into NLE_FAILURE.
      auto nested = nl.SetMaster(br1, br0);
      ASSERT_FALSE(nested);
      EXPECT_EQ(nested.error().err_no(), ELOOP) << nested.error().message();
      EXPECT_EQ(nested.error().context(), "enslaving br1 to br0");
    }
    // ESRCH, which libnl folds into ENOENT.
    auto gone = nl.DeleteDeviceRoute(Ip("10.0.0.99"), *nl.LinkIndex("venet0"));
    ASSERT_FALSE(gone);
    EXPECT_EQ(gone.error().err_no(), ESRCH) << gone.error().message();
    EXPECT_EQ(gone.error().context(), "removing route 10.0.0.99/32 dev venet0");
    EXPECT_TRUE(vz::internal::IsNotFound(gone.error()));
  });
  EXPECT_EQ(vz::internal::NlError(-NLE_NODEV, "x").err_no(), ENODEV);
  EXPECT_EQ(vz::internal::NlError(-NLE_MSG_TOOSHORT, "x").err_no(), EBADMSG);
  auto vague = vz::internal::NlError(-NLE_FAILURE, "x");
  EXPECT_EQ(vague.err_no(), EIO);
  EXPECT_NE(vague.context(), "x") << "keeps libnl's words";
}

// OpenVZ's exit status 34: "unable to add IP".
TEST_F(NetlinkTest, HostRouteFailuresAreCantAddIp) {
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    std::ofstream("/proc/sys/net/ipv6/conf/venet0/disable_ipv6") << "1\n";
    auto added = vz::internal::AddHostRoutes(nl, {Ip("fd00::5")}, {});
    ASSERT_FALSE(added) << "IPv6 is disabled on venet0";
    EXPECT_EQ(added.error().kind(), vz::ErrorKind::kCantAddIp);
    EXPECT_NE(added.error().message().find("dev venet0"), std::string::npos)
        << added.error().message();
  });
}

TEST_F(NetlinkTest, ExceptionsInTheNamespaceThreadBecomeErrors) {
  auto thrown = vz::internal::RunInNetns(host_.get(),
                                         []() -> vz::Status { throw std::runtime_error("boom"); });
  ASSERT_FALSE(thrown);
  EXPECT_NE(thrown.error().message().find("boom"), std::string::npos) << thrown.error().message();
  auto odd = vz::internal::RunInNetns(host_.get(), []() -> vz::Status { throw 42; });
  ASSERT_FALSE(odd);
  EXPECT_EQ(odd.error().err_no(), EIO);
  auto oom = vz::internal::RunInNetns(host_.get(), []() -> vz::Status { throw std::bad_alloc(); });
  ASSERT_FALSE(oom);
  EXPECT_EQ(oom.error().err_no(), ENOMEM);
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
// namespace going away takes the host end along, a little later (the
// kernel tears namespaces down in a work item). A restart that comes
// first waits for it, on the kernel's link notifications.
TEST_F(NetlinkTest, VethHostEndGoesWithTheContainersNamespace) {
  auto nif = vz::ParseNetIfArg(101, "eth0");
  ASSERT_TRUE(nif);
  {
    auto ct = NewNetns();
    ASSERT_GE(ct.get(), 0);
    OnHost([&](Netlink& nl) { ASSERT_TRUE(vz::internal::CreateVeth(nl, *nif, ct.get())); });
  }  // the last reference to the namespace is gone
  auto next = NewNetns();
  ASSERT_GE(next.get(), 0);
  OnHost([&](Netlink& nl) {
    auto made = vz::internal::CreateVeth(nl, *nif, next.get());
    ASSERT_TRUE(made) << made.error().message();
  });
  next = vz::internal::UniqueFd(-1);
  OnHost([&](Netlink& nl) {
    auto gone = vz::internal::WaitLinkGone(
        nl, "veth101.0", std::chrono::steady_clock::now() + std::chrono::seconds(30));
    ASSERT_TRUE(gone) << gone.error().message();
    EXPECT_TRUE(*gone) << "veth101.0 outlived the container's namespace";
    EXPECT_FALSE(nl.GetLink("veth101.0"));
  });
}

TEST_F(NetlinkTest, WaitLinkGoneEndsAtTheDeadlineForADeviceThatStays) {
  OnHost([&](Netlink& nl) {
    MakeFakeVenet(nl);
    auto gone = vz::internal::WaitLinkGone(
        nl, "uplink0", std::chrono::steady_clock::now() + std::chrono::milliseconds(100));
    ASSERT_TRUE(gone) << gone.error().message();
    EXPECT_FALSE(*gone);
    EXPECT_TRUE(nl.GetLink("uplink0"));
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
