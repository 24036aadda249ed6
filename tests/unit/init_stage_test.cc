// SPDX-License-Identifier: GPL-2.0-or-later
// The stages vzctl start names when the container's init fails early.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "launch/handshake.h"

namespace {

using vz::internal::InitStage;
using vz::internal::InitStageName;

TEST(InitStage, EveryStageHasANameOfItsOwn) {
  std::set<std::string> names;
  for (int i = 0; i <= static_cast<int>(InitStage::kPrepareVe); ++i)
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

}  // namespace
