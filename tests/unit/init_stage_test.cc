// SPDX-License-Identifier: GPL-2.0-or-later
// The stages vzctl start names when the container's init fails early.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "launch/handshake.h"
#include "launch/start.h"

namespace {

using vz::internal::InitStage;
using vz::internal::InitStageName;

TEST(InitStage, EveryStageHasANameOfItsOwn) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(InitStage::kDevNodes); ++i)
    EXPECT_TRUE(names.insert(InitStageName(static_cast<InitStage>(i))).second) << i;
}

// A failure around the network setup is not "waiting for the uid/gid maps".
TEST(InitStage, TheNetworkHandshakeNamesTheNetwork) {
  for (InitStage stage :
       {InitStage::kAwaitVeCreated, InitStage::kAwaitNetwork, InitStage::kSettings}) {
    const std::string name = InitStageName(stage);
    EXPECT_NE(name.find("network"), std::string::npos) << name;
    EXPECT_EQ(name.find("uid/gid"), std::string::npos) << name;
  }
}

// A node of DEVNODES that init-to-be could not bind fails the start as the
// device settings do (vzctl's 86).
TEST(InitStage, ABindOfDevnodesIsADeviceFailure) {
  const auto e = vz::internal::StartError({InitStage::kDevNodes, ENOENT});
  EXPECT_EQ(e.kind(), vz::ErrorKind::kSetDevices);
  EXPECT_NE(e.message().find("DEVNODES"), std::string::npos) << e.message();
}

}  // namespace
