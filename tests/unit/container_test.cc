// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/core/container.h"

#include <gtest/gtest.h>

#include "test_dir.h"

namespace {

// A prefix tree with a vz.conf (and optionally CTID.conf).
struct Tree {
  vztest::TestDir dir;
  vz::Paths paths{dir.path()};
  explicit Tree(const std::string& global = "VE_ROOT=\"/r/$VEID\"\nVE_PRIVATE=\"/p/${VEID}\"\n") {
    dir.Write("etc/vz/vz.conf", global);
  }
};

TEST(ParseVeid, AcceptsOpenVzRange) {
  EXPECT_EQ(*vz::ParseVeid("101"), 101u);
  EXPECT_EQ(*vz::ParseVeid("2147483644"), 2147483644u);
}

TEST(ParseVeid, RejectsHostGarbageAndOverflow) {
  for (const char* bad : {"0", "", "abc", "12x", "-5", "2147483645", "99999999999999"}) {
    auto id = vz::ParseVeid(bad);
    ASSERT_FALSE(id.has_value()) << bad;
    EXPECT_EQ(id.error().kind(), vz::ErrorKind::kInvalidArgument) << bad;
  }
}

TEST(Container, MissingGlobalConfigIsNoConfig) {
  vztest::TestDir empty;
  auto ct = vz::Container::Open(vz::Paths{empty.path()}, 101);
  ASSERT_FALSE(ct.has_value());
  EXPECT_EQ(ct.error().kind(), vz::ErrorKind::kNoConfig);
  EXPECT_NE(ct.error().message().find("vz.conf"), std::string::npos) << ct.error().message();
}

TEST(Container, PathsExpandVeidAndContainerWins) {
  Tree t;
  t.dir.Write("etc/vz/conf/101.conf", "VE_ROOT=\"/other/$VEID\"\n");
  auto ct = vz::Container::Open(t.paths, 101);
  ASSERT_TRUE(ct.has_value()) << ct.error().message();
  EXPECT_TRUE(ct->has_config());
  EXPECT_EQ(*ct->root(), "/other/101");
  EXPECT_EQ(*ct->private_dir(), "/p/101");
  EXPECT_EQ(ct->lock_dir(), t.dir.path() / "vz/lock");
}

TEST(Container, UnsetRootIsABadConfig) {
  Tree t("VE_PRIVATE=\"/p/$VEID\"\n");
  auto ct = vz::Container::Open(t.paths, 7);
  ASSERT_TRUE(ct.has_value());
  EXPECT_FALSE(ct->has_config());
  auto root = ct->root();
  ASSERT_FALSE(root.has_value());
  EXPECT_EQ(root.error().kind(), vz::ErrorKind::kBadConfig);
  EXPECT_NE(root.error().message().find("VE_ROOT"), std::string::npos);
}

TEST(Container, DefaultIdMapIsARangeOfItsOwn) {
  Tree t;
  auto a = vz::Container::Open(t.paths, 101)->id_map();
  auto b = vz::Container::Open(t.paths, 102)->id_map();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->uid_base, 65536u * 101);
  EXPECT_EQ(a->gid_base, 65536u * 101);
  EXPECT_EQ(a->count, 65536u);
  EXPECT_GE(b->uid_base, a->uid_base + a->count);
}

TEST(Container, LargeCtidNeedsAnExplicitMap) {
  Tree t;
  auto map = vz::Container::Open(t.paths, 70000)->id_map();
  ASSERT_FALSE(map.has_value());
  EXPECT_NE(map.error().message().find("LOCAL_UID"), std::string::npos);
}

TEST(Container, LocalUidZeroIsIdentity) {
  Tree t("VE_ROOT=\"/r\"\nLOCAL_UID=\"0\"\nLOCAL_GID=\"0\"\n");
  auto map = vz::Container::Open(t.paths, 101)->id_map();
  ASSERT_TRUE(map.has_value());
  EXPECT_EQ(map->uid_base, 0u);
  EXPECT_EQ(map->count, 4294967295u);
}

TEST(Container, ExplicitLocalIds) {
  Tree t("LOCAL_UID=\"100000\"\nLOCAL_GID=\"200000\"\n");
  auto map = vz::Container::Open(t.paths, 5)->id_map();
  ASSERT_TRUE(map.has_value());
  EXPECT_EQ(map->uid_base, 100000u);
  EXPECT_EQ(map->gid_base, 200000u);
  EXPECT_EQ(map->count, 65536u);
}

TEST(Container, BadLocalUidIsABadConfig) {
  Tree t("LOCAL_UID=\"lots\"\n");
  auto map = vz::Container::Open(t.paths, 5)->id_map();
  ASSERT_FALSE(map.has_value());
  EXPECT_EQ(map.error().kind(), vz::ErrorKind::kBadConfig);
}

TEST(Container, StopTimeoutDefaultsTo120) {
  Tree t;
  EXPECT_EQ(vz::Container::Open(t.paths, 1)->stop_timeout().count(), 120);
  t.dir.Write("etc/vz/conf/1.conf", "STOP_TIMEOUT=\"7\"\n");
  EXPECT_EQ(vz::Container::Open(t.paths, 1)->stop_timeout().count(), 7);
}

}  // namespace
