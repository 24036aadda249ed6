// SPDX-License-Identifier: GPL-2.0-or-later
#include "cli.h"

#include <gtest/gtest.h>

#include "help.h"

namespace {

std::expected<vzctl::Invocation, vzctl::UsageError> Parse(std::vector<std::string> args) {
  return vzctl::ParseCommandLine(args);
}

TEST(Cli, CommandAndItsArgumentsArePassedThrough) {
  auto inv = Parse({"start", "101", "--wait"});
  ASSERT_TRUE(inv.has_value()) << inv.error().message;
  EXPECT_EQ(inv->command, "start");
  EXPECT_EQ(inv->args, (std::vector<std::string>{"101", "--wait"}));
  EXPECT_EQ(inv->verbosity, 0);
}

TEST(Cli, GlobalFlagsComeBeforeTheCommand) {
  auto inv = Parse({"--verbose", "stop", "101", "--fast"});
  ASSERT_TRUE(inv.has_value()) << inv.error().message;
  EXPECT_EQ(inv->verbosity, 1);
  EXPECT_EQ(inv->command, "stop");
  EXPECT_EQ(inv->args, (std::vector<std::string>{"101", "--fast"}));
}

TEST(Cli, QuietLowersVerbosity) {
  auto inv = Parse({"-q", "status", "101"});
  ASSERT_TRUE(inv.has_value());
  EXPECT_EQ(inv->verbosity, -1);
}

TEST(Cli, HelpAndVersionNeedNoCommand) {
  EXPECT_TRUE(Parse({"--help"})->help);
  EXPECT_TRUE(Parse({"-h"})->help);
  EXPECT_TRUE(Parse({"--version"})->version);
}

TEST(Cli, NoCommandIsAUsageError) {
  auto inv = Parse({});
  ASSERT_FALSE(inv.has_value());
  EXPECT_NE(inv.error().message.find("no command"), std::string::npos);
}

TEST(Cli, UnknownGlobalOptionIsAUsageError) {
  auto inv = Parse({"--frobnicate", "start", "101"});
  ASSERT_FALSE(inv.has_value());
  EXPECT_NE(inv.error().message.find("frobnicate"), std::string::npos) << inv.error().message;
}

TEST(Cli, UsageTextListsTheGlobalOptions) {
  const auto text = vzctl::UsageText();
  for (const char* word : {"Usage: vzctl", "--help", "--version", "--verbose", "--quiet"})
    EXPECT_NE(text.find(word), std::string::npos) << word;
}

}  // namespace
