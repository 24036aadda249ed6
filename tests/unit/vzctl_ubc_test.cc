// SPDX-License-Identifier: GPL-2.0-or-later
// The resource options of vzctl set on a stopped container with --save:
// what CTID.conf keeps, OpenVZ's exit codes, and that a refused change
// changes nothing. Runs the real vzctl binary on a tree of its own.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "exit_codes.h"
#include "vz/core/config.h"
#include "vzctl_tree.h"

namespace {

class VzctlUbc : public VzctlTree {
 protected:
  void SetUp() override { MakeTree("# mine\nHOSTNAME=\"ct101\"\nNUMPROC=\"100:100\"\n"); }
};

TEST_F(VzctlUbc, EveryResourceIsSavedInItsUnit) {
  ASSERT_EQ(Vzctl("--quiet set 101 --numproc 240 --numfile 1000:2000 --privvmpages 1G:unlimited "
                  "--tcpsndbuf 1.5M:2M --shmpages 100 --dcachesize 1M --save"),
            0);
  EXPECT_EQ(Key("NUMPROC"), "240:240");
  EXPECT_EQ(Key("NUMFILE"), "1000:2000");
  EXPECT_EQ(Key("PRIVVMPAGES"), "262144:unlimited");
  EXPECT_EQ(Key("TCPSNDBUF"), "1572864:2097152");
  EXPECT_EQ(Key("SHMPAGES"), "100:100");
  EXPECT_EQ(Key("DCACHESIZE"), "1048576:1048576");
  EXPECT_EQ(Key("HOSTNAME"), "ct101");
  EXPECT_TRUE(Conf().starts_with("# mine\n"));
}

TEST_F(VzctlUbc, RamAndSwapAreVswap) {
  ASSERT_EQ(Vzctl("--quiet set 101 --ram 512M --swap 1G --vm_overcommit 1.5 --save"), 0);
  EXPECT_EQ(Key("PHYSPAGES"), "0:131072");
  EXPECT_EQ(Key("SWAPPAGES"), "0:262144");
  EXPECT_EQ(Key("VM_OVERCOMMIT"), "1.5");
  // Derived resources are not written: they follow RAM and swap when applied.
  EXPECT_EQ(Key("LOCKEDPAGES"), "<unset>");
  EXPECT_EQ(Key("PRIVVMPAGES"), "<unset>");
  // With swap stored, RAM alone may change now.
  ASSERT_EQ(Vzctl("--quiet set 101 --ram 1G --save"), 0);
  EXPECT_EQ(Key("PHYSPAGES"), "0:262144");
}

TEST_F(VzctlUbc, RamWithoutSwapIs28AndChangesNothing) {
  const std::string before = Conf();
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --ram 256M --numproc 50 --save", &out), vzctl::kExitNotEnoughUbc);
  EXPECT_NE(out.find("swappages"), std::string::npos) << out;
  EXPECT_EQ(Conf(), before);
}

TEST_F(VzctlUbc, BarrierAboveLimitIs1AndChangesNothing) {
  const std::string before = Conf();
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --numproc 300:200 --numfile 10 --save", &out), vzctl::kExitSetUbc);
  EXPECT_NE(out.find("barrier should be <= limit for numproc (currently, 300:200)"),
            std::string::npos)
      << out;
  EXPECT_EQ(Conf(), before);
}

TEST_F(VzctlUbc, BadValuesAre21) {
  const std::string before = Conf();
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --numproc 1k --save", &out), vzctl::kExitInvalidValue);
  EXPECT_NE(out.find("invalid --numproc: '1k'"), std::string::npos) << out;
  EXPECT_EQ(Vzctl("set 101 --kmemsize lots --save"), vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("set 101 --ram 1Q --save"), vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("set 101 --vm_overcommit 0 --save"), vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("set 101 --ram 1G --physpages 0:1G --swap 1G --save"), vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("set 101 --save --numproc"), vzctl::kExitInvalidSyntax);
  EXPECT_EQ(Conf(), before);
}

TEST_F(VzctlUbc, UnenforcedResourcesAreSavedWithAWarning) {
  std::string out;
  ASSERT_EQ(Vzctl("set 101 --kmemsize 10M --oomguarpages 100:unlimited --save", &out), 0);
  EXPECT_EQ(Key("KMEMSIZE"), "10485760:10485760");
  EXPECT_NE(out.find("Warning: KMEMSIZE, OOMGUARPAGES accepted for compatibility but not enforced"),
            std::string::npos)
      << out;
  EXPECT_EQ(Vzctl("--quiet set 101 --kmemsize unlimited --save", &out), 0);
  EXPECT_EQ(out, "");
}

TEST_F(VzctlUbc, StoppedContainerNeedsSave) {
  EXPECT_EQ(Vzctl("set 101 --numproc 10"), vzctl::kExitVeNotRunning);
  EXPECT_EQ(Key("NUMPROC"), "100:100");
}

TEST_F(VzctlUbc, ExitCodesFollowOpenVz) {
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", vz::ErrorKind::kSetUbc)), 1);
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", vz::ErrorKind::kNotEnoughUbc)), 28);
}

}  // namespace
