// SPDX-License-Identifier: GPL-2.0-or-later
// IP addresses as --ipadd takes them and IP_ADDRESS keeps them.
#include "vz/net/ip_address.h"

#include <gtest/gtest.h>
#include <sys/socket.h>

namespace {

using vz::ErrorKind;

vz::IpAddress Ip(const std::string& text) {
  auto ip = vz::ParseIpAddress(text);
  EXPECT_TRUE(ip) << text << ": " << (ip ? "" : ip.error().message());
  return ip.value_or(vz::IpAddress{});
}

TEST(IpAddress, ParsesIpv4WithAndWithoutPrefix) {
  auto plain = Ip("10.0.0.2");
  EXPECT_EQ(plain.family, AF_INET);
  EXPECT_EQ(plain.prefix, -1);
  EXPECT_EQ(plain.ToString(), "10.0.0.2");
  EXPECT_EQ(plain.effective_prefix(), 32);
  auto net = Ip("10.0.0.3/24");
  EXPECT_EQ(net.prefix, 24);
  EXPECT_EQ(net.ToString(), "10.0.0.3/24");
  EXPECT_TRUE(net.SameAddress(Ip("10.0.0.3")));
  EXPECT_FALSE(net.SameAddress(plain));
}

TEST(IpAddress, DottedNetmaskBecomesPrefix) {
  EXPECT_EQ(Ip("10.0.0.4/255.255.255.0").ToString(), "10.0.0.4/24");
  EXPECT_EQ(Ip("10.0.0.4/255.255.255.255").ToString(), "10.0.0.4/32");
  auto holes = vz::ParseIpAddress("10.0.0.4/255.0.255.0");
  ASSERT_FALSE(holes);
  EXPECT_EQ(holes.error().kind(), ErrorKind::kBadIp);
}

TEST(IpAddress, Ipv6IsCanonicalized) {
  auto ip = Ip("FD00:0:0::0:2/64");
  EXPECT_EQ(ip.family, AF_INET6);
  EXPECT_EQ(ip.ToString(), "fd00::2/64");
  EXPECT_EQ(Ip("fd00::2").effective_prefix(), 128);
}

TEST(IpAddress, BadInputIsKBadIpAndQuoted) {
  for (const char* bad :
       {"", "10.0.0", "256.1.1.1", "10.0.0.1/33", "10.0.0.1/0", "10.0.0.1/", "10.0.0.1/abc",
        "fd00::1/129", "fd00::zz", "host.example", "10.0.0.1 ", "127.0.0.1", "224.0.0.1",
        "255.255.255.255", "0.1.2.3", "::1", "ff02::1", "::ffff:10.0.0.1", "fe80::1%eth0"}) {
    auto ip = vz::ParseIpAddress(bad);
    ASSERT_FALSE(ip) << "'" << bad << "' parsed";
    EXPECT_EQ(ip.error().kind(), ErrorKind::kBadIp) << bad;
    EXPECT_NE(ip.error().message().find(std::string("'") + bad + "'"), std::string::npos)
        << ip.error().message();
  }
}

TEST(IpAddress, UnspecifiedAddressesAreSkippedInLists) {
  EXPECT_TRUE(vz::IsUnspecified(Ip("0.0.0.0")));
  EXPECT_TRUE(vz::IsUnspecified(Ip("::")));
  EXPECT_FALSE(vz::IsUnspecified(Ip("10.0.0.1")));
  auto list = vz::ParseIpList("0.0.0.0 10.0.0.1 ::");
  ASSERT_TRUE(list);
  EXPECT_EQ(vz::FormatIpList(*list), "10.0.0.1");
}

TEST(IpAddress, ListRoundTripsAndLaterEntriesReplace) {
  auto list = vz::ParseIpList("  10.0.0.1\t10.0.0.2/24 fd00::1 10.0.0.1/16 ");
  ASSERT_TRUE(list);
  EXPECT_EQ(vz::FormatIpList(*list), "10.0.0.1/16 10.0.0.2/24 fd00::1");
  auto again = vz::ParseIpList(vz::FormatIpList(*list));
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, *list);
  EXPECT_FALSE(vz::ParseIpList("10.0.0.1 nonsense"));
  auto empty = vz::ParseIpList("");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->empty());
}

TEST(IpAddress, ChangeDeletesFirstThenAddsAndReplacesMasks) {
  const std::vector<vz::IpAddress> current = {Ip("10.0.0.1"), Ip("10.0.0.2/24"), Ip("fd00::1")};
  vz::IpChange change;
  change.del = {Ip("10.0.0.1")};
  change.add = {Ip("10.0.0.2/16"), Ip("10.0.0.9")};
  EXPECT_EQ(vz::FormatIpList(vz::ApplyIpChange(current, change)), "10.0.0.2/16 fd00::1 10.0.0.9");
  vz::IpChange all;
  all.del_all = true;
  all.add = {Ip("10.0.0.5")};
  EXPECT_EQ(vz::FormatIpList(vz::ApplyIpChange(current, all)), "10.0.0.5");
  vz::IpChange readd;
  readd.del = {Ip("10.0.0.1")};
  readd.add = {Ip("10.0.0.1/8")};
  EXPECT_EQ(vz::FormatIpList(vz::ApplyIpChange(current, readd)), "10.0.0.2/24 fd00::1 10.0.0.1/8");
  EXPECT_TRUE(vz::IpChange{}.empty());
}

}  // namespace
