// SPDX-License-Identifier: GPL-2.0-or-later
// --cpuunits, --cpulimit, --cpus, --cpumask and --nodemask of vzctl set on
// a stopped container with --save: what CTID.conf keeps, OpenVZ's exit
// codes, and that a refused value changes nothing. Runs the real vzctl.
#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

#include "exit_codes.h"
#include "vzctl_tree.h"

namespace {

class VzctlCpu : public VzctlTree {
 protected:
  void SetUp() override { MakeTree("HOSTNAME=\"ct101\"\n"); }
};

TEST_F(VzctlCpu, SettingsAreSaved) {
  ASSERT_EQ(Vzctl("--quiet set 101 --cpuunits 3000 --cpulimit 150 --cpus 2 --cpumask 7,0-2 "
                  "--nodemask 0 --save"),
            0);
  EXPECT_EQ(Key("CPUUNITS"), "3000");
  EXPECT_EQ(Key("CPULIMIT"), "150");
  EXPECT_EQ(Key("CPUS"), "2");
  EXPECT_EQ(Key("CPUMASK"), "0-2,7");
  EXPECT_EQ(Key("NODEMASK"), "0");
  ASSERT_EQ(Vzctl("--quiet set 101 --cpus unlimited --cpumask all --save"), 0);
  EXPECT_EQ(Key("CPUS"), "0");
  EXPECT_EQ(Key("CPUMASK"), "all");
  EXPECT_EQ(Key("CPUUNITS"), "3000");
  EXPECT_EQ(Key("HOSTNAME"), "ct101");
}

TEST_F(VzctlCpu, APercentLimitIsOfTheWholeHost) {
  ASSERT_EQ(Vzctl("--quiet set 101 --cpulimit 50% --save"), 0);
  EXPECT_EQ(Key("CPULIMIT"), std::to_string(50 * ::sysconf(_SC_NPROCESSORS_ONLN)));
}

TEST_F(VzctlCpu, BadValuesExit21AndChangeNothing) {
  ASSERT_EQ(Vzctl("--quiet set 101 --cpuunits 2000 --save"), 0);
  const std::string conf = Conf();
  for (const char* bad : {"--cpuunits 7", "--cpuunits 500001", "--cpuunits x", "--cpulimit 101%",
                          "--cpulimit -1", "--cpus two", "--cpumask 3-1", "--cpumask 8192",
                          "--nodemask a", "--cpuunits 1000 --cpumask ,"}) {
    std::string out;
    EXPECT_EQ(Vzctl(std::string("set 101 ") + bad + " --save", &out), vzctl::kExitInvalidValue)
        << bad << ": " << out;
    EXPECT_NE(out.find("invalid --"), std::string::npos) << bad << ": " << out;
    EXPECT_EQ(Conf(), conf) << bad;
  }
}

TEST_F(VzctlCpu, ABrokenStoredValueIsAnInvalidConfig) {
  MakeTree("CPUUNITS=\"lots\"\n");
  std::string out;
  EXPECT_EQ(Vzctl("set 101 --cpulimit 10 --save", &out), vzctl::kExitInvalidConfig) << out;
  EXPECT_NE(out.find("CPUUNITS"), std::string::npos) << out;
}

TEST_F(VzctlCpu, HelpListsTheCpuOptions) {
  std::string out;
  ASSERT_EQ(Vzctl("set --help", &out), 0);
  for (const char* opt : {"--cpuunits", "--cpulimit", "--cpus", "--cpumask", "--nodemask"})
    EXPECT_NE(out.find(opt), std::string::npos) << opt;
}

}  // namespace
