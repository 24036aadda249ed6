// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the real vzctl binary and checks what scripts see: exit codes and
// messages on stderr.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include "exit_codes.h"

namespace {

struct ProcResult {
  int code = -1;
  std::string output;  // stdout and stderr together
};

ProcResult RunVzctl(const std::string& args) {
  ProcResult r;
  const std::string cmd = std::string(VZCTL_BINARY) + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 512> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int status = pclose(p);
  if (WIFEXITED(status)) r.code = WEXITSTATUS(status);
  return r;
}

TEST(VzctlBinary, HelpExitsZero) {
  auto r = RunVzctl("--help");
  EXPECT_EQ(r.code, vzctl::kExitOk);
  EXPECT_NE(r.output.find("Usage: vzctl"), std::string::npos) << r.output;
}

TEST(VzctlBinary, NoArgumentsIsSyntaxError) {
  auto r = RunVzctl("");
  EXPECT_EQ(r.code, vzctl::kExitInvalidSyntax);
  EXPECT_NE(r.output.find("vzctl: no command given"), std::string::npos) << r.output;
}

TEST(VzctlBinary, BadGlobalOptionIsSyntaxError) {
  auto r = RunVzctl("--no-such-flag start 101");
  EXPECT_EQ(r.code, vzctl::kExitInvalidSyntax);
  EXPECT_NE(r.output.find("no-such-flag"), std::string::npos) << r.output;
}

TEST(VzctlBinary, UnknownCommandIsSyntaxError) {
  auto r = RunVzctl("frobnicate 101");
  EXPECT_EQ(r.code, vzctl::kExitInvalidSyntax);
}

}  // namespace
