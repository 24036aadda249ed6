// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/kernel/events.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

TEST(ParseVeEvent, TakesTheKernelsForm) {
  EXPECT_EQ(vz::ParseVeEvent("ve-stop@101"), (vz::VeEvent{"ve-stop", 101}));
  EXPECT_EQ(vz::ParseVeEvent("ve-reboot@4294967295"), (vz::VeEvent{"ve-reboot", 4294967295u}));
  EXPECT_EQ(vz::ParseVeEvent("ve-start@0"), (vz::VeEvent{"ve-start", 0}));
}

TEST(ParseVeEvent, RefusesAnythingElse) {
  for (const char* text : {"", "ve-stop", "ve-stop@", "@101", "ve-stop@101x", "ve-stop@-1",
                           "ve-stop@4294967296", "ve-stop@ 101", "ve-stop@1@2"})
    EXPECT_FALSE(vz::ParseVeEvent(text)) << text;
}

TEST(VeEventJson, IsOneObjectWithActionAndCtid) {
  const auto j = nlohmann::json::parse(vz::VeEventJson({"ve-reboot", 101}));
  EXPECT_EQ(j, (nlohmann::json{{"action", "ve-reboot"}, {"ctid", 101}}));
  EXPECT_EQ(vz::VeEventJson({"ve-stop", 7}).find('\n'), std::string::npos);
}
