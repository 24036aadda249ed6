// SPDX-License-Identifier: GPL-2.0-or-later
// --ioprio, --iolimit and --iopslimit of vzctl set on a stopped container
// with --save: what CTID.conf keeps, OpenVZ's exit codes, and that a
// refused value changes nothing. Runs the real vzctl.
#include <gtest/gtest.h>

#include <string>

#include "exit_codes.h"
#include "vzctl_tree.h"

namespace {

class VzctlIo : public VzctlTree {
 protected:
  void SetUp() override { MakeTree("HOSTNAME=\"ct101\"\n"); }
};

TEST_F(VzctlIo, SettingsAreSavedInBytes) {
  ASSERT_EQ(Vzctl("--quiet set 101 --ioprio 7 --iolimit 5 --iopslimit 300 --save"), 0);
  EXPECT_EQ(Key("IOPRIO"), "7");
  EXPECT_EQ(Key("IOLIMIT"), "5242880");
  EXPECT_EQ(Key("IOPSLIMIT"), "300");
  ASSERT_EQ(Vzctl("--quiet set 101 --iolimit 512K --iopslimit unlimited --save"), 0);
  EXPECT_EQ(Key("IOLIMIT"), "524288");
  EXPECT_EQ(Key("IOPSLIMIT"), "0");
  EXPECT_EQ(Key("IOPRIO"), "7");
}

TEST_F(VzctlIo, BadValuesExit21AndChangeNothing) {
  ASSERT_EQ(Vzctl("--quiet set 101 --ioprio 2 --save"), 0);
  const std::string conf = Conf();
  for (const char* bad : {"--ioprio 8", "--ioprio x", "--iolimit 3G", "--iolimit 5X",
                          "--iopslimit -1", "--ioprio 3 --iolimit 1.5M"}) {
    std::string out;
    EXPECT_EQ(Vzctl(std::string("set 101 ") + bad + " --save", &out), vzctl::kExitInvalidValue)
        << bad << ": " << out;
    EXPECT_NE(out.find("invalid --io"), std::string::npos) << bad << ": " << out;
    EXPECT_EQ(Conf(), conf) << bad;
  }
}

}  // namespace
