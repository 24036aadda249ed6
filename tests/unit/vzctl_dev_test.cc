// SPDX-License-Identifier: GPL-2.0-or-later
// --devices and --devnodes of vzctl set on a stopped container with
// --save: what CTID.conf keeps, OpenVZ's exit codes, and that a refused
// value changes nothing. Runs the real vzctl binary on a tree of its own,
// whose /dev has net/tun (a link to the real /dev/null).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "exit_codes.h"
#include "vzctl_tree.h"

namespace {

class VzctlDev : public VzctlTree {
 protected:
  void SetUp() override {
    MakeTree("HOSTNAME=\"ct101\"\n");
    std::filesystem::create_directories(root_ / "dev/net");
    std::filesystem::create_symlink("/dev/null", root_ / "dev/net/tun");
  }
};

TEST_F(VzctlDev, EntriesAreSavedAndMerged) {
  ASSERT_EQ(Vzctl("--quiet set 101 --devices c:10:200:rw --devices b:8:all:q "
                  "--devnodes net/tun:rw --save"),
            0);
  EXPECT_EQ(Key("DEVICES"), "c:10:200:rw b:8:all:q");
  EXPECT_EQ(Key("DEVNODES"), "net/tun:rw");
  ASSERT_EQ(Vzctl("--quiet set 101 --devices c:10:200:r --devices 'c:1:5:rw c:1:7:q' --save"), 0);
  EXPECT_EQ(Key("DEVICES"), "c:10:200:r b:8:all:q c:1:5:rw c:1:7:q");
  ASSERT_EQ(Vzctl("--quiet set 101 --devices b:8:all:none --save"), 0);
  EXPECT_EQ(Key("DEVICES"), "c:10:200:r c:1:5:rw c:1:7:q");
  ASSERT_EQ(Vzctl("--quiet set 101 --devnodes none --save"), 0);
  EXPECT_EQ(Key("DEVNODES"), "");
  EXPECT_EQ(Key("DEVICES"), "c:10:200:r c:1:5:rw c:1:7:q");
  ASSERT_EQ(Vzctl("--quiet set 101 --devices none --devices c:1:9:r --save"), 0);
  EXPECT_EQ(Key("DEVICES"), "c:1:9:r");
  EXPECT_EQ(Key("HOSTNAME"), "ct101");
}

TEST_F(VzctlDev, BadValuesExit21AndChangeNothing) {
  ASSERT_EQ(Vzctl("--quiet set 101 --devices c:10:200:rw --save"), 0);
  const std::string conf = Conf();
  for (const char* bad :
       {"--devices x:1:2:rw", "--devices c:1:2", "--devices b:7:0:rw", "--devices c:1:2:rwx",
        "--devnodes ../etc:rw", "--devnodes /dev/null:rw", "--devnodes null:rw",
        "--devnodes nosuch:rw", "--devnodes net:rw", "--devnodes net/tun:rw --devices c:1:2:z"}) {
    std::string out;
    EXPECT_EQ(Vzctl(std::string("set 101 ") + bad + " --save", &out), vzctl::kExitInvalidValue)
        << bad << ": " << out;
    EXPECT_NE(out.find("invalid --dev"), std::string::npos) << bad << ": " << out;
    EXPECT_EQ(Conf(), conf) << bad;
  }
  std::string out;
  Vzctl("set 101 --devnodes nosuch:rw --save", &out);
  EXPECT_NE(out.find("No such file or directory"), std::string::npos) << out;
}

TEST_F(VzctlDev, AStoppedContainerNeedsSave) {
  EXPECT_EQ(Vzctl("set 101 --devices c:10:200:rw"), vzctl::kExitVeNotRunning);
  EXPECT_EQ(Key("DEVICES"), "<unset>");
}

TEST_F(VzctlDev, HelpListsTheDeviceOptions) {
  std::string out;
  ASSERT_EQ(Vzctl("set --help", &out), 0);
  EXPECT_NE(out.find("--devices"), std::string::npos) << out;
  EXPECT_NE(out.find("--devnodes"), std::string::npos) << out;
}

TEST(DevExitCodes, FollowOpenVz) {
  EXPECT_EQ(vzctl::ExitCodeFor(vz::Error(0, "", vz::ErrorKind::kSetDevices)), 86);
}

}  // namespace
