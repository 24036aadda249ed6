// SPDX-License-Identifier: GPL-2.0-or-later
// vzeventd's scripts: which file an event runs, what it gets, and that a
// script past its time is killed with everything it started.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "test_dir.h"
#include "vzeventd/scripts.h"

namespace {

using namespace std::chrono_literals;
using vzeventd::Clock;
using vzeventd::ScriptRunner;

void Script(const vztest::TestDir& dir, const std::string& name, const std::string& body,
            mode_t mode = 0755) {
  dir.Write(name, "#!/bin/sh\n" + body);
  ::chmod((dir.path() / name).c_str(), mode);
}

// Tends the runner until no script runs, for at most 10 s.
void WaitAll(ScriptRunner& runner, Clock::time_point now_offset = {}) {
  const auto give_up = Clock::now() + 10s;
  while (runner.running() > 0 && Clock::now() < give_up) {
    runner.Tend(now_offset == Clock::time_point{} ? Clock::now() : now_offset);
    std::this_thread::sleep_for(10ms);
  }
}

std::string Read(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(VzeventdScripts, EachEventRunsItsOwnExecutableScript) {
  vztest::TestDir dir;
  std::ostringstream log;
  ScriptRunner runner(dir.path(), 60s, log, false);
  Script(dir, "vzevent-stop",
         "echo \"$EVENT $VEID $#\" >> " + (dir.path() / "out").string() + "\n");
  Script(dir, "vzevent-start", "exit 0\n", 0644);  // not executable: not run
  std::filesystem::create_directory(dir.path() / "vzevent-reboot");
  EXPECT_EQ(runner.ScriptFor({"ve-stop", 101}), dir.path() / "vzevent-stop");
  EXPECT_FALSE(runner.ScriptFor({"ve-start", 101}));
  EXPECT_FALSE(runner.ScriptFor({"ve-reboot", 101}));
  EXPECT_FALSE(runner.ScriptFor({"ve-mount", 101}));
  runner.Run({"ve-stop", 101});
  runner.Run({"ve-start", 102});
  runner.Run({"ve-stop", 103});
  WaitAll(runner);
  EXPECT_EQ(runner.running(), 0u);
  const std::string out = Read(dir.path() / "out");
  EXPECT_NE(out.find("ve-stop 101 0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("ve-stop 103 0\n"), std::string::npos) << out;
  EXPECT_EQ(out.size(), std::string("ve-stop 101 0\n").size() * 2) << out;
  EXPECT_EQ(log.str(), "");  // quiet unless something fails
}

TEST(VzeventdScripts, AFailingScriptIsLogged) {
  vztest::TestDir dir;
  std::ostringstream log;
  ScriptRunner runner(dir.path(), 60s, log, false);
  Script(dir, "vzevent-start", "exit 3\n");
  runner.Run({"ve-start", 7});
  WaitAll(runner);
  EXPECT_EQ(log.str(), "vzeventd: vzevent-start 7 exited 3\n");
}

TEST(VzeventdScripts, AScriptPastItsTimeIsKilledWithItsChildren) {
  vztest::TestDir dir;
  std::ostringstream log;
  ScriptRunner runner(dir.path(), 1s, log, false);
  const auto pidfile = dir.path() / "child";
  Script(dir, "vzevent-reboot", "sleep 1000 & echo $! > " + pidfile.string() + "\nwait\n");
  runner.Run({"ve-reboot", 9});
  ASSERT_TRUE(runner.NextDeadline());
  EXPECT_LE(*runner.NextDeadline(), Clock::now() + 1s);
  const auto give_up = Clock::now() + 10s;
  while (!std::filesystem::exists(pidfile) && Clock::now() < give_up)
    std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_for(50ms);
  const pid_t child = std::stoi(Read(pidfile));
  runner.Tend(Clock::now() + 2s);  // past the deadline: killed
  WaitAll(runner);
  EXPECT_EQ(runner.running(), 0u);
  EXPECT_EQ(log.str(), "vzeventd: vzevent-reboot 9 ran past 1 s and was killed\n");
  // The script's own child went with it (it was in the script's group).
  bool gone = false;
  for (int i = 0; i < 500 && !gone; ++i) {
    gone = ::kill(child, 0) != 0 ||
           Read("/proc/" + std::to_string(child) + "/stat").find(") Z") != std::string::npos;
    if (!gone) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(gone) << "pid " << child << " still runs";
}

}  // namespace
