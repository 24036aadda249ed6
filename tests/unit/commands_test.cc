// SPDX-License-Identifier: GPL-2.0-or-later
#include "commands.h"

#include <gtest/gtest.h>

#include <sstream>

#include "exit_codes.h"
#include "test_dir.h"

namespace {

struct Captured {
  int code;
  std::string out;
  std::string err;
};

Captured RunWith(const vzctl::Invocation& inv, const std::filesystem::path& proc) {
  std::ostringstream out, err;
  int code = vzctl::Run(inv, vzctl::Environment{out, err, proc});
  return {code, out.str(), err.str()};
}

vzctl::Invocation VersionFlag() {
  vzctl::Invocation inv;
  inv.version = true;
  return inv;
}

TEST(Commands, VersionReportsKernelInterface) {
  vztest::TestDir proc;
  proc.Write("vz/version", "6.1-vz.7\n");
  auto r = RunWith(VersionFlag(), proc.path());
  EXPECT_EQ(r.code, vzctl::kExitOk);
  EXPECT_NE(r.out.find("vzctl version "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("VE interface 6.1-vz.7"), std::string::npos) << r.out;
}

TEST(Commands, VersionOnPlainKernelExitsBadKernel) {
  vztest::TestDir proc;
  auto r = RunWith(VersionFlag(), proc.path());
  EXPECT_EQ(r.code, vzctl::kExitBadKernel);
  EXPECT_NE(r.out.find("not a VE kernel"), std::string::npos) << r.out;
}

TEST(Commands, UnknownCommandIsSyntaxError) {
  vztest::TestDir proc;
  vzctl::Invocation inv;
  inv.command = "frobnicate";
  auto r = RunWith(inv, proc.path());
  EXPECT_EQ(r.code, vzctl::kExitInvalidSyntax);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
}

TEST(Commands, HelpPrintsUsage) {
  vztest::TestDir proc;
  vzctl::Invocation inv;
  inv.help = true;
  auto r = RunWith(inv, proc.path());
  EXPECT_EQ(r.code, vzctl::kExitOk);
  EXPECT_NE(r.out.find("Usage: vzctl"), std::string::npos);
}

TEST(Commands, CommandHelpPrintsItsOptions) {
  vztest::TestDir proc;
  vzctl::Invocation inv;
  inv.command = "stop";
  inv.args = {"--help"};
  auto r = RunWith(inv, proc.path());
  EXPECT_EQ(r.code, vzctl::kExitOk);
  EXPECT_NE(r.out.find("Usage: vzctl stop CTID"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--fast"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
}

// OpenVZ has no code of its own for an interrupted command: 3, as any
// failed system call.
TEST(Commands, ACancelledCommandExitsAsASystemError) {
  const vz::Error cancelled(ECANCELED, "unpack", vz::ErrorKind::kCancelled);
  EXPECT_EQ(vzctl::ExitCodeFor(cancelled), 3);
  EXPECT_EQ(vzctl::ExitCodeFor(cancelled), vzctl::kExitSystem);
}

}  // namespace
