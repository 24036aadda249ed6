// SPDX-License-Identifier: GPL-2.0-or-later
// The network options of vzctl set and create on a stopped container with
// --save: what CTID.conf keeps, and OpenVZ's exit codes for bad values.
// Runs the real vzctl binary on a tree of its own (VZ_PREFIX).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "exit_codes.h"
#include "vz/core/config.h"
#include "vz/net/netif.h"
#include "vzctl_tree.h"

namespace {

class VzctlNet : public VzctlTree {
 protected:
  void SetUp() override { MakeTree("# my container\nHOSTNAME=\"ct101\"\n"); }
  int Vzctl(const std::string& args, std::string* out = nullptr) {
    return VzctlTree::Vzctl("--quiet " + args, out);
  }
};

TEST_F(VzctlNet, IpaddAndIpdelAreSaved) {
  // --ip, the alias, adds after --ipadd.
  ASSERT_EQ(Vzctl("set 101 --ipadd 10.0.0.1 --ip fd00::1/64 --ipadd '10.0.0.2 10.0.0.3' --save"),
            0);
  EXPECT_EQ(Key("IP_ADDRESS"), "10.0.0.1 10.0.0.2 10.0.0.3 fd00::1/64");
  // --ipdel goes first; re-adding an address with a mask replaces it.
  ASSERT_EQ(Vzctl("set 101 --ipadd 10.0.0.1/24 --ipdel 10.0.0.2 --save"), 0);
  EXPECT_EQ(Key("IP_ADDRESS"), "10.0.0.1/24 10.0.0.3 fd00::1/64");
  // An unspecified address would store nothing: refused, nothing changes.
  EXPECT_EQ(Vzctl("set 101 --ipadd 10.0.0.9 --ipadd 0.0.0.0 --save"), 71);
  EXPECT_EQ(Vzctl("set 101 --ipadd '10.0.0.9 ::' --save"), 71);
  EXPECT_EQ(Key("IP_ADDRESS"), "10.0.0.1/24 10.0.0.3 fd00::1/64");
  ASSERT_EQ(Vzctl("set 101 --ipdel all --ipadd 10.1.1.1 --save"), 0);
  EXPECT_EQ(Key("IP_ADDRESS"), "10.1.1.1");
  ASSERT_EQ(Vzctl("set 101 --ipdel all --save"), 0);
  EXPECT_EQ(Key("IP_ADDRESS"), "");
  // The rest of the file is kept.
  EXPECT_EQ(Key("HOSTNAME"), "ct101");
  std::ifstream in(root_ / "etc/vz/conf/101.conf");
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "# my container");
}

TEST_F(VzctlNet, BadAddressIs71AndChangesNothing) {
  ASSERT_EQ(Vzctl("set 101 --ipadd 10.0.0.1 --save"), 0);
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --ipadd 10.0.0.2 --ipadd 10.0.0.300 --save", &out), vzctl::kExitBadIp);
  EXPECT_NE(out.find("10.0.0.300"), std::string::npos) << out;
  EXPECT_EQ(Vzctl("set 101 --ipdel not-an-ip --save"), vzctl::kExitBadIp);
  EXPECT_EQ(Key("IP_ADDRESS"), "10.0.0.1");
}

TEST_F(VzctlNet, DnsListsAreReplacedOnEachCall) {
  ASSERT_EQ(Vzctl("set 101 --nameserver 8.8.8.8 --nameserver inherit --searchdomain a.example "
                  "--searchdomain b.example --save"),
            0);
  EXPECT_EQ(Key("NAMESERVER"), "8.8.8.8 inherit");
  EXPECT_EQ(Key("SEARCHDOMAIN"), "a.example b.example");
  ASSERT_EQ(Vzctl("set 101 --nameserver 2001:db8::53 --save"), 0);
  EXPECT_EQ(Key("NAMESERVER"), "2001:db8::53");
  EXPECT_EQ(Key("SEARCHDOMAIN"), "a.example b.example");
  EXPECT_EQ(Vzctl("set 101 --nameserver dns.example --save"), vzctl::kExitBadNameserver);
  EXPECT_EQ(Vzctl("set 101 --searchdomain 'bad..domain' --save"), vzctl::kExitBadSearchDomain);
  EXPECT_EQ(Key("NAMESERVER"), "2001:db8::53");
}

TEST_F(VzctlNet, NetifAddAndDel) {
  ASSERT_EQ(Vzctl("set 101 --netif_add eth0,,,,br0 --save"), 0);
  const std::string mac = vz::FormatMac(vz::GenerateMac(101, "eth0", false));
  const std::string host_mac = vz::FormatMac(vz::GenerateMac(101, "eth0", true));
  EXPECT_EQ(Key("NETIF"),
            "ifname=eth0,bridge=br0,mac=" + mac + ",host_ifname=veth101.0,host_mac=" + host_mac);
  EXPECT_EQ(Vzctl("set 101 --netif_add eth0 --save"), vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("set 101 --netif_add 'eth 1' --save"), vzctl::kExitInvalidValue);
  ASSERT_EQ(Vzctl("set 101 --netif_add eth1,00:18:51:AA:BB:CC,vhost1 --save"), 0);
  EXPECT_NE(Key("NETIF").find(";ifname=eth1,mac=00:18:51:AA:BB:CC,host_ifname=vhost1,"),
            std::string::npos)
      << Key("NETIF");
  // Deleting and adding again in one call is how an interface is changed.
  ASSERT_EQ(Vzctl("set 101 --netif_del eth0 --netif_add eth0 --save"), 0);
  EXPECT_TRUE(Key("NETIF").starts_with("ifname=eth1,")) << Key("NETIF");
  EXPECT_NE(Key("NETIF").find(";ifname=eth0,mac=" + mac), std::string::npos) << Key("NETIF");
  ASSERT_EQ(Vzctl("set 101 --netif_del all --save"), 0);
  EXPECT_EQ(Key("NETIF"), "");
}

TEST_F(VzctlNet, NetdevAddAndDel) {
  ASSERT_EQ(Vzctl("set 101 --netdev_add eth5 --netdev_add eth6 --save"), 0);
  EXPECT_EQ(Key("NETDEV"), "eth5 eth6");
  EXPECT_EQ(Vzctl("set 101 --netdev_add venet0 --save"), vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("set 101 --netdev_add tap1 --save"), vzctl::kExitInvalidValue);
  ASSERT_EQ(Vzctl("set 101 --netdev_del eth5 --save"), 0);
  EXPECT_EQ(Key("NETDEV"), "eth6");
}

TEST_F(VzctlNet, StoppedContainerNeedsSave) {
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --ipadd 10.0.0.1", &out), vzctl::kExitVeNotRunning);
  EXPECT_NE(out.find("--save"), std::string::npos) << out;
  EXPECT_EQ(Key("IP_ADDRESS"), "<unset>");
}

TEST_F(VzctlNet, MalformedStoredValueIsAConfigError) {
  Write("etc/vz/conf/101.conf", "IP_ADDRESS=\"10.0.0.999\"\n");
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --ipadd 10.0.0.1 --save", &out), vzctl::kExitInvalidConfig);
  EXPECT_NE(out.find("IP_ADDRESS"), std::string::npos) << out;
  // Settings that do not touch the network still work.
  EXPECT_EQ(Vzctl("set 101 --hostname other --save"), 0);
}

TEST_F(VzctlNet, CreateRejectsABadAddressFirst) {
  std::string out;
  EXPECT_EQ(Vzctl("create 102 --ostemplate nosuch --ipadd 10.0.0.1/99", &out), vzctl::kExitBadIp);
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/102.conf"));
}

TEST_F(VzctlNet, HelpListsTheNetworkOptions) {
  std::string out;
  ASSERT_EQ(Vzctl("set --help", &out), 0);
  for (const char* opt : {"--ipadd", "--ipdel", "--nameserver", "--searchdomain", "--netif_add",
                          "--netif_del", "--netdev_add", "--netdev_del"})
    EXPECT_NE(out.find(opt), std::string::npos) << opt;
}

TEST(NetExitCodes, FollowOpenVz) {
  using vz::ErrorKind;
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kBadIp)), 71);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kBadNameserver)), 72);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kBadSearchDomain)), 73);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kIpInUse)), 78);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kIpUnavailable)), 89);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kCantAddIp)), 34);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kNetdev)), 104);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", ErrorKind::kVeth)), 130);
}

}  // namespace
