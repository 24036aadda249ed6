// SPDX-License-Identifier: GPL-2.0-or-later
// A container's network settings as its config has them, NEIGHBOUR_DEVS,
// and the kernel's /proc/vz/veip.
#include <gtest/gtest.h>

#include "config_stack.h"
#include "kernel/veip.h"
#include "net/config.h"
#include "test_dir.h"

namespace {

using vz::ErrorKind;

using vztest::Stack;

TEST(NeighbourDevs, Forms) {
  // Unset means detect, as in OpenVZ.
  for (const char* detect : {"", "detect", " detect "}) {
    auto r = vz::ParseNeighbourDevs(detect);
    ASSERT_TRUE(r) << detect;
    EXPECT_EQ(r->mode, vz::NeighbourDevs::Mode::kDetect) << detect;
  }
  EXPECT_EQ(vz::NeighbourDevs{}.mode, vz::NeighbourDevs::Mode::kDetect);
  auto all = vz::ParseNeighbourDevs("all");
  ASSERT_TRUE(all);
  EXPECT_EQ(all->mode, vz::NeighbourDevs::Mode::kAll);
  auto none = vz::ParseNeighbourDevs("list:");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->mode, vz::NeighbourDevs::Mode::kList);
  EXPECT_TRUE(none->devices.empty());
  auto list = vz::ParseNeighbourDevs("list:eth0 eth1");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->mode, vz::NeighbourDevs::Mode::kList);
  EXPECT_EQ(list->devices, (std::vector<std::string>{"eth0", "eth1"}));
  for (const char* bad : {"eth0", "all eth0", "list:bad/name"}) {
    auto r = vz::ParseNeighbourDevs(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kBadConfig);
  }
}

TEST(NetConfig, ReadsEveryKey) {
  auto net = vz::ReadNetConfig(
      Stack("NEIGHBOUR_DEVS=\"list:eth0\"\nNAMESERVER=\"inherit\"\n",
            "IP_ADDRESS=\"10.0.0.1 fd00::1/64\"\nSEARCHDOMAIN=\"a.example b.example\"\n"
            "NETIF=\"ifname=eth0,bridge=br0\"\nNETDEV=\"eth5 eth6\"\n"),
      101);
  ASSERT_TRUE(net) << net.error().message();
  EXPECT_EQ(vz::FormatIpList(net->ips), "10.0.0.1 fd00::1/64");
  ASSERT_EQ(net->netifs.size(), 1u);
  EXPECT_EQ(net->netifs[0].host_ifname, "veth101.0");
  EXPECT_EQ(net->netifs[0].bridge, "br0");
  EXPECT_EQ(net->netdevs, (std::vector<std::string>{"eth5", "eth6"}));
  EXPECT_EQ(net->neighbour_devs.devices, std::vector<std::string>{"eth0"});
}

TEST(NetConfig, UnsetMeansNothing) {
  auto net = vz::ReadNetConfig(Stack("", ""), 101);
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->ips.empty());
  EXPECT_TRUE(net->netifs.empty());
  EXPECT_TRUE(net->netdevs.empty());
}

TEST(NetConfig, MalformedValuesNameTheirKey) {
  for (const auto& [text, key] : std::vector<std::pair<std::string, std::string>>{
           {"IP_ADDRESS=\"10.0.0.300\"\n", "IP_ADDRESS"},
           {"NETIF=\"bridge=br0\"\n", "NETIF"},
           {"NETDEV=\"venet0\"\n", "NETDEV"}}) {
    auto net = vz::ReadNetConfig(Stack("", text), 101);
    ASSERT_FALSE(net) << text;
    EXPECT_EQ(net.error().kind(), ErrorKind::kBadConfig) << text;
    EXPECT_TRUE(net.error().message().starts_with(key)) << net.error().message();
  }
}

TEST(Veip, ParsesTheKernelsFormat) {
  const std::string text =
      "Version: 2.5\n"
      "                               10.0.0.1        101\n"
      "                                fd00::2        102\n"
      "garbage line\n";
  auto rows = vz::internal::ParseVeip(text);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].ip.address(), "10.0.0.1");
  EXPECT_EQ(rows[0].veid, 101u);
  EXPECT_EQ(rows[1].ip.address(), "fd00::2");
  EXPECT_EQ(rows[1].veid, 102u);
}

TEST(Veip, RunningAddressesOfOneVe) {
  vztest::TestDir dir;
  dir.Write("veip", "Version: 2.5\n  10.0.0.1 101\n  10.0.0.2 102\n  fd00::1 101\n");
  auto ips = vz::RunningAddresses(101, dir.path() / "veip");
  ASSERT_TRUE(ips);
  EXPECT_EQ(vz::FormatIpList(*ips), "10.0.0.1 fd00::1");
  auto none = vz::RunningAddresses(101, dir.path() / "missing");
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
}

}  // namespace
