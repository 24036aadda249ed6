// SPDX-License-Identifier: GPL-2.0-or-later
// A container's host name and DNS settings as its config has them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "config_stack.h"
#include "uts/config.h"

namespace {

using vz::ErrorKind;

using vztest::Stack;

TEST(UtsConfig, ReadsEveryKey) {
  auto uts = vz::internal::ReadUtsConfig(
      Stack("NAMESERVER=\"inherit\"\n",
            "HOSTNAME=\"ct101.example\"\nSEARCHDOMAIN=\"a.example b.example\"\n"));
  ASSERT_TRUE(uts) << uts.error().message();
  EXPECT_EQ(uts->hostname, "ct101.example");
  EXPECT_EQ(uts->nameservers, (std::vector<std::string>{"inherit"}));
  EXPECT_EQ(uts->searchdomains, (std::vector<std::string>{"a.example", "b.example"}));
}

TEST(UtsConfig, UnsetMeansNothing) {
  auto uts = vz::internal::ReadUtsConfig(Stack("", ""));
  ASSERT_TRUE(uts);
  EXPECT_TRUE(uts->hostname.empty());
  EXPECT_FALSE(uts->nameservers);
  EXPECT_FALSE(uts->searchdomains);
}

TEST(UtsConfig, MalformedValuesNameTheirKey) {
  for (const auto& [text, key] : std::vector<std::pair<std::string, std::string>>{
           {"NAMESERVER=\"dns.example\"\n", "NAMESERVER"},
           {"SEARCHDOMAIN=\"bad..name\"\n", "SEARCHDOMAIN"},
           {"HOSTNAME=\"-bad\"\n", "HOSTNAME"},
           {"HOSTNAME=\"a/b\"\n", "HOSTNAME"}}) {
    auto uts = vz::internal::ReadUtsConfig(Stack("", text));
    ASSERT_FALSE(uts) << text;
    EXPECT_EQ(uts.error().kind(), ErrorKind::kBadConfig) << text;
    EXPECT_TRUE(uts.error().message().starts_with(key)) << uts.error().message();
  }
}

TEST(UtsConfig, InheritIsExpandedFromTheHostsResolvConf) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "uts_config_test";
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / "resolv.conf") << "nameserver 192.0.2.53\n"; }
  auto dns = vz::internal::ExpandDns(std::vector<std::string>{"inherit", "8.8.8.8"}, std::nullopt,
                                     dir / "resolv.conf");
  EXPECT_EQ(dns.nameservers, (std::vector<std::string>{"192.0.2.53", "8.8.8.8"}));
  EXPECT_FALSE(dns.searchdomains);
  std::filesystem::remove_all(dir);
}

}  // namespace
