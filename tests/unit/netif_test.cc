// SPDX-License-Identifier: GPL-2.0-or-later
// Veth pairs (NETIF), their MACs and host names, and NETDEV names.
#include "vz/net/netif.h"

#include <gtest/gtest.h>

namespace {

using vz::ErrorKind;

TEST(Netif, MacsAreStableUnderTheOpenVzOui) {
  const auto a = vz::GenerateMac(101, "eth0", false);
  EXPECT_EQ(a, vz::GenerateMac(101, "eth0", false));
  EXPECT_EQ(a[0], 0x00);
  EXPECT_EQ(a[1], 0x18);
  EXPECT_EQ(a[2], 0x51);
  EXPECT_NE(a, vz::GenerateMac(101, "eth0", true));
  EXPECT_NE(a, vz::GenerateMac(102, "eth0", false));
  EXPECT_NE(a, vz::GenerateMac(101, "eth1", false));
  EXPECT_TRUE(vz::FormatMac(a).starts_with("00:18:51:"));
}

TEST(Netif, MacParsesAndFormats) {
  auto mac = vz::ParseMac("00:18:51:0a:Bc:FF");
  ASSERT_TRUE(mac);
  EXPECT_EQ(vz::FormatMac(*mac), "00:18:51:0A:BC:FF");
  for (const char* bad : {"", "00:18:51:0a:bc", "00:18:51:0a:bc:ff:00", "0:18:51:0a:bc:ff",
                          "00:18:51:0a:bc:gg", "00-18-51-0a-bc-ff"}) {
    auto r = vz::ParseMac(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument);
  }
}

TEST(Netif, DefaultHostNameUsesTheDigitsOfTheInterface) {
  EXPECT_EQ(vz::DefaultHostIfname(101, "eth0"), "veth101.0");
  EXPECT_EQ(vz::DefaultHostIfname(101, "eth12"), "veth101.12");
  EXPECT_EQ(vz::DefaultHostIfname(7, "net"), "veth7.net");
}

TEST(Netif, ArgFillsDefaults) {
  auto nif = vz::ParseNetIfArg(101, "eth0");
  ASSERT_TRUE(nif);
  EXPECT_EQ(nif->ifname, "eth0");
  EXPECT_EQ(nif->host_ifname, "veth101.0");
  EXPECT_EQ(nif->mac, vz::FormatMac(vz::GenerateMac(101, "eth0", false)));
  EXPECT_EQ(nif->host_mac, vz::FormatMac(vz::GenerateMac(101, "eth0", true)));
  EXPECT_EQ(nif->bridge, "");
}

TEST(Netif, ArgTakesEveryField) {
  auto nif = vz::ParseNetIfArg(101, "eth1,00:18:51:aa:bb:cc,vh1,00:18:51:dd:ee:ff,br0");
  ASSERT_TRUE(nif);
  EXPECT_EQ(nif->mac, "00:18:51:AA:BB:CC");
  EXPECT_EQ(nif->host_ifname, "vh1");
  EXPECT_EQ(nif->host_mac, "00:18:51:DD:EE:FF");
  EXPECT_EQ(nif->bridge, "br0");
  auto skipped = vz::ParseNetIfArg(101, "eth1,,,,br0");
  ASSERT_TRUE(skipped);
  EXPECT_EQ(skipped->host_ifname, "veth101.1");
  EXPECT_EQ(skipped->bridge, "br0");
}

TEST(Netif, BadArgsAreRefused) {
  for (const char* bad :
       {"", "eth0,zz", "eth 0", "eth0,,,,br0,extra", "a/b", "eth0,,name-longer-than-15"}) {
    auto r = vz::ParseNetIfArg(101, bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument) << bad;
  }
  // The default host name would be veth2147483644.0: too long for a device.
  auto longname = vz::ParseNetIfArg(2147483644, "eth0");
  ASSERT_FALSE(longname);
  EXPECT_NE(longname.error().message().find("host_ifname"), std::string::npos);
}

TEST(Netif, ConfigRoundTripKeepsUnknownKeys) {
  const std::string text =
      "ifname=eth0,bridge=br0,mac=00:18:51:01:02:03,host_ifname=veth101.0,"
      "host_mac=00:18:51:04:05:06,mac_filter=on;ifname=eth1,mac=00:18:51:01:02:07,"
      "host_ifname=veth101.1,host_mac=00:18:51:04:05:08";
  auto list = vz::ParseNetIfConfig(101, text);
  ASSERT_TRUE(list) << list.error().message();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].bridge, "br0");
  ASSERT_EQ((*list)[0].extra.size(), 1u);
  EXPECT_EQ((*list)[0].extra[0].first, "mac_filter");
  EXPECT_EQ(vz::FormatNetIfConfig(*list), text);
  auto again = vz::ParseNetIfConfig(101, vz::FormatNetIfConfig(*list));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *list);
}

TEST(Netif, ConfigFillsMissingFieldsAndChecksThem) {
  auto list = vz::ParseNetIfConfig(101, "ifname=eth0;");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].host_ifname, "veth101.0");
  EXPECT_EQ((*list)[0].mac, vz::FormatMac(vz::GenerateMac(101, "eth0", false)));
  auto empty = vz::ParseNetIfConfig(101, "");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
  for (const char* bad : {"mac=00:18:51:01:02:03", "ifname=eth0,mac=nope", "ifname=eth0,junk",
                          "ifname=eth0;ifname=eth0"}) {
    auto r = vz::ParseNetIfConfig(101, bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kBadConfig) << bad;
  }
}

TEST(Netif, NetdevNamesOpenVzRefuses) {
  EXPECT_TRUE(vz::ValidateNetdevName("eth1"));
  EXPECT_TRUE(vz::ValidateNetdevName("veth5"));
  // Only lo itself of the names starting with "lo".
  for (const char* fine : {"lowpan0", "lo0", "long1"}) EXPECT_TRUE(vz::ValidateNetdevName(fine));
  for (const char* bad : {"venet0", "tun0", "tap3", "lo", "", "a/b", "sixteen-chars-xx"}) {
    auto r = vz::ValidateNetdevName(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument) << bad;
  }
}

}  // namespace
