// SPDX-License-Identifier: GPL-2.0-or-later
// A container's config over vz.conf, from text, for tests of what reads
// settings.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "vz/core/config.h"

namespace vztest {

// `global` as vz.conf, `own` as 101.conf over it.
inline vz::ConfigStack Stack(const std::string& global, const std::string& own) {
  auto g = vz::ConfigFile::Parse(global, "vz.conf");
  auto c = vz::ConfigFile::Parse(own, "101.conf");
  EXPECT_TRUE(g && c);
  return vz::ConfigStack(g.value_or(vz::ConfigFile()), c.value_or(vz::ConfigFile()));
}

}  // namespace vztest
