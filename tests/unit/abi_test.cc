// SPDX-License-Identifier: GPL-2.0-or-later
// The /dev/vzctl ABI libvz speaks must be OpenVZ's, number for number.
#include <gtest/gtest.h>

#include <cstddef>

#include "kernel/vzcalluser.h"

namespace {

TEST(VzctlAbi, IoctlNumbersMatchOpenVz) {
  EXPECT_EQ(vz::uapi::kEnvCreate, 0x400c2e05u);
  EXPECT_EQ(vz::uapi::kEnvCreateData, 0x40202e0au);
  EXPECT_EQ(vz::uapi::kVeConfigure, 0x40102e0fu);
  EXPECT_EQ(vz::uapi::kVeNetdev, 0x40102e0bu);
  EXPECT_EQ(vz::uapi::kVenetctlVeIpMap, 0x40182803u);
  EXPECT_EQ(vz::uapi::kVePrepare, 0x2e21u);
  EXPECT_EQ(vz::uapi::kSetDevPerms, 0x40102e02u);
}

TEST(VzctlAbi, StructLayoutsMatchOpenVz) {
  EXPECT_EQ(sizeof(vz::uapi::vzctl_env_create), 12u);
  EXPECT_EQ(sizeof(vz::uapi::vzctl_env_create_data), 32u);
  EXPECT_EQ(sizeof(vz::uapi::env_create_param3), 32u);
  EXPECT_EQ(sizeof(vz::uapi::vzctl_ve_configure), 16u);
  EXPECT_EQ(sizeof(vz::uapi::vzctl_ve_stop), 16u);
  EXPECT_EQ(sizeof(vz::uapi::vzctl_ve_ip_map), 24u);
  EXPECT_EQ(sizeof(vz::uapi::vzctl_ve_netdev), 16u);
  EXPECT_EQ(sizeof(vz::uapi::vzctl_setdevperms), 16u);
  EXPECT_EQ(vz::uapi::kVzctlMajor, 126u);
}

TEST(VzctlAbi, CreateFlagsMatchOpenVz) {
  EXPECT_EQ(vz::uapi::kVeCreate, 1u);
  EXPECT_EQ(vz::uapi::kVeExclusive, 2u);
  EXPECT_EQ(vz::uapi::kVeEnter, 4u);
  EXPECT_EQ(vz::uapi::kVeTest, 8u);
}

TEST(VzctlAbi, NetworkOpsMatchOpenVz) {
  EXPECT_EQ(vz::uapi::kVeIpAdd, 1);
  EXPECT_EQ(vz::uapi::kVeIpDel, 2);
  EXPECT_EQ(vz::uapi::kVeIpExtAdd, 3);
  EXPECT_EQ(vz::uapi::kVeIpExtDel, 4);
  EXPECT_EQ(vz::uapi::kVeNetdevAdd, 1);
  EXPECT_EQ(vz::uapi::kVeNetdevDel, 2);
  EXPECT_EQ(offsetof(vz::uapi::vzctl_ve_ip_map, addr), 8u);
  EXPECT_EQ(offsetof(vz::uapi::vzctl_ve_ip_map, addrlen), 16u);
  EXPECT_EQ(offsetof(vz::uapi::vzctl_ve_netdev, dev_name), 8u);
}

TEST(VzctlAbi, DevicePermissionsMatchOpenVz) {
  EXPECT_EQ(offsetof(vz::uapi::vzctl_setdevperms, type), 4u);
  EXPECT_EQ(offsetof(vz::uapi::vzctl_setdevperms, dev), 8u);
  EXPECT_EQ(offsetof(vz::uapi::vzctl_setdevperms, mask), 12u);
  EXPECT_EQ(vz::uapi::kVeUseMajor, 010u);
  EXPECT_EQ(vz::uapi::kVeUseMinor, 030u);
}

}  // namespace
