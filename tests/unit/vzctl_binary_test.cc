// SPDX-License-Identifier: GPL-2.0-or-later
// Runs the real vzctl binary and checks what scripts see: exit codes and
// messages on stderr.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "exit_codes.h"

namespace {

struct ProcResult {
  int code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line; its exit code and output.
ProcResult RunShell(const std::string& cmd) {
  ProcResult r;
  FILE* p = popen((cmd + " 2>&1").c_str(), "r");
  if (!p) return r;
  std::array<char, 512> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
  int status = pclose(p);
  if (WIFEXITED(status)) r.code = WEXITSTATUS(status);
  return r;
}

ProcResult RunVzctl(const std::string& args, const std::string& prefix = "") {
  const std::string env = prefix.empty() ? "" : "VZ_PREFIX=" + prefix + " ";
  return RunShell(env + std::string(VZCTL_BINARY) + " " + args);
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

// Commands against a tree of their own (VZ_PREFIX), with no kernel support
// needed: files, locks and exit codes.
namespace {

class VzctlTree : public testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/vzctl-tree.XXXXXX";
    ASSERT_NE(mkdtemp(tmpl), nullptr);
    root_ = tmpl;
    Write("etc/vz/vz.conf", "VE_ROOT=\"" + (root_ / "vz/root/$VEID").string() +
                                "\"\nVE_PRIVATE=\"" + (root_ / "vz/private/$VEID").string() +
                                "\"\nTEMPLATE=\"" + (root_ / "vz/template").string() +
                                "\"\nLOCKDIR=\"" + (root_ / "vz/lock").string() +
                                "\"\nCONFIGFILE=\"basic\"\n");
    Write("etc/vz/conf/ve-basic.conf-sample", "# sample\nONBOOT=\"no\"\n");
    Write("tmpl/bin/hello", "hello\n");
    std::filesystem::create_directories(root_ / "vz/template/cache");
    const std::string tar = "tar -C " + (root_ / "tmpl").string() + " -czf " +
                            (root_ / "vz/template/cache/tiny.tar.gz").string() + " .";
    ASSERT_EQ(std::system(tar.c_str()), 0);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  void Write(const std::string& rel, const std::string& text) {
    std::filesystem::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }
  ProcResult Vzctl(const std::string& args) { return RunVzctl(args, root_.string()); }
  // Whether vzctl printed "Warning: <101.conf>: <text>...".
  bool Warns101Conf(const ProcResult& r, const std::string& text) const {
    const std::string conf = (root_ / "etc/vz/conf/101.conf").string();
    return r.output.find("Warning: " + conf + ": " + text) != std::string::npos;
  }
  std::filesystem::path root_;
};

TEST_F(VzctlTree, StatusOfUnknownContainerIsDeletedAndZero) {
  auto r = Vzctl("status 101");
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.output, "CTID 101 deleted unmounted down\n");
}

TEST_F(VzctlTree, BadOrMissingCtidIs21) {
  EXPECT_EQ(Vzctl("start").code, vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("start abc").code, vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("start 0").code, vzctl::kExitInvalidValue);
}

TEST_F(VzctlTree, UnknownCommandOptionIs20) {
  auto r = Vzctl("create 101 --no-such-option");
  EXPECT_EQ(r.code, vzctl::kExitInvalidSyntax);
  EXPECT_NE(r.output.find("no-such-option"), std::string::npos) << r.output;
}

TEST_F(VzctlTree, MissingTemplateIs91AndLeavesNothing) {
  auto r = Vzctl("create 101 --ostemplate nosuch");
  EXPECT_EQ(r.code, vzctl::kExitTemplateMissing) << r.output;
  EXPECT_NE(r.output.find("nosuch"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101"));
}

TEST_F(VzctlTree, CreateThenDestroy) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  auto r = Vzctl("--quiet create 101 --ostemplate tiny --hostname h1");
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(std::filesystem::exists(root_ / "vz/private/101/bin/hello"));
  struct stat st;
  ASSERT_EQ(stat((root_ / "vz/private/101/bin/hello").c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 65536u * 101);
  std::ifstream conf(root_ / "etc/vz/conf/101.conf");
  std::string text((std::istreambuf_iterator<char>(conf)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("# sample"), std::string::npos) << text;
  EXPECT_NE(text.find("OSTEMPLATE=\"tiny\""), std::string::npos) << text;
  EXPECT_NE(text.find("HOSTNAME=\"h1\""), std::string::npos) << text;
  EXPECT_EQ(Vzctl("status 101").output, "CTID 101 exist unmounted down\n");
  EXPECT_EQ(Vzctl("create 101 --ostemplate tiny").code, vzctl::kExitPrivateExists);
  EXPECT_EQ(Vzctl("create 101 --ostemplate tiny --config basic").code, vzctl::kExitInvalidConfig);

  EXPECT_EQ(Vzctl("--quiet destroy 101").code, 0);
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf"));
  EXPECT_EQ(Vzctl("status 101").output, "CTID 101 deleted unmounted down\n");
}

// L7: when vzctl cannot tell whether the container runs (here /dev/vzctl
// is a directory, so asking the kernel fails), umount fails and leaves the
// mount alone. Run in a mount namespace of its own.
TEST_F(VzctlTree, UmountDoesNothingWhenTheStatusIsUnknown) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root for a mount namespace";
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");
  const auto priv = root_ / "vz/private/101", ve_root = root_ / "vz/root/101";
  std::filesystem::create_directories(priv);
  std::filesystem::create_directories(ve_root);
  const std::string script =
      "mount --bind " + priv.string() + " " + ve_root.string() +
      " && mount -t tmpfs none /dev && mkdir /dev/vzctl && VZ_PREFIX=" + root_.string() + " " +
      VZCTL_BINARY + " umount 101; echo rc=$?; mountpoint -q " + ve_root.string() +
      " && echo still-mounted";
  auto r = RunShell("unshare -m --propagation private sh -c '" + script + "'");
  if (r.output.find("rc=") == std::string::npos) GTEST_SKIP() << "no mount namespace: " << r.output;
  EXPECT_EQ(r.output.find("rc=0"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("/dev/vzctl"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("still-mounted"), std::string::npos) << r.output;
}

TEST_F(VzctlTree, StaleTemporaryDirectoryIsReplaced) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  Write("vz/private/101.tmp-create/junk", "left by a killed create\n");
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny").code, 0);
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101.tmp-create"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101/junk"));
}

TEST_F(VzctlTree, LockedContainerIs9AndNamesTheHolder) {
  std::filesystem::create_directories(root_ / "vz/lock");
  const auto lock = root_ / "vz/lock/101.lck";
  int fd = open(lock.c_str(), O_RDWR | O_CREAT, 0600);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(flock(fd, LOCK_EX), 0);
  const std::string pid = std::to_string(getpid()) + "\n";
  ASSERT_EQ(write(fd, pid.data(), pid.size()), static_cast<ssize_t>(pid.size()));
  auto r = Vzctl("create 101 --ostemplate tiny");
  close(fd);
  EXPECT_EQ(r.code, vzctl::kExitLocked) << r.output;
  EXPECT_NE(r.output.find("pid " + std::to_string(getpid())), std::string::npos) << r.output;
}

TEST_F(VzctlTree, StartWithoutKernelSupportIs5) {
  if (std::filesystem::exists("/dev/vzctl")) GTEST_SKIP() << "this kernel has VE support";
  if (geteuid() != 0) GTEST_SKIP() << "create needs root";
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny").code, 0);
  auto r = Vzctl("start 101");
  EXPECT_EQ(r.code, vzctl::kExitBadKernel) << r.output;
  EXPECT_NE(r.output.find("/dev/vzctl"), std::string::npos) << r.output;
}

// Runs `vzctl mount 101` in a private mount namespace, then lists VE_ROOT
// there; the mount, if any, goes away with the namespace.
ProcResult MountAndList(const std::filesystem::path& tree) {
  const std::string script = "VZ_PREFIX=" + tree.string() + " " + VZCTL_BINARY +
                             " --quiet mount 101; rc=$?; ls " + (tree / "vz/root/101").string() +
                             "; exit $rc";
  return RunShell("unshare -m --propagation private sh -c '" + script + "'");
}

bool CanUnshareMounts() {
  return geteuid() == 0 && std::system("unshare -m --propagation private true 2>/dev/null") == 0;
}

TEST_F(VzctlTree, MountFollowsNoSymlinkedPrivateArea) {
  if (!CanUnshareMounts()) GTEST_SKIP() << "needs root and mount namespaces";
  Write("host-dir/host-secret", "host\n");
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");
  std::filesystem::create_directories(root_ / "vz/private");
  std::filesystem::create_directory_symlink(root_ / "host-dir", root_ / "vz/private/101");
  auto r = MountAndList(root_);
  EXPECT_EQ(r.code, vzctl::kExitPrivateMissing) << r.output;
  EXPECT_NE(r.output.find("symlink is refused"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("host-secret"), std::string::npos) << "host dir mounted: " << r.output;
}

TEST_F(VzctlTree, MountBindsTheRealPrivateArea) {
  if (!CanUnshareMounts()) GTEST_SKIP() << "needs root and mount namespaces";
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");
  Write("vz/private/101/ct-file", "ct\n");
  auto r = MountAndList(root_);
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("ct-file"), std::string::npos) << r.output;
}

// M2: VE_ROOT's parent is host root's only, made so by mount (and start)
// where it is open to others, as older versions and mkdir -p left it.
TEST_F(VzctlTree, MountMakesTheRootsDirectoryHostRootsOnly) {
  if (!CanUnshareMounts()) GTEST_SKIP() << "needs root and mount namespaces";
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");
  Write("vz/private/101/ct-file", "ct\n");
  const auto roots = root_ / "vz/root";
  std::filesystem::create_directories(roots);
  std::filesystem::permissions(roots, std::filesystem::perms(0755));
  auto r = MountAndList(root_);
  EXPECT_EQ(r.code, 0) << r.output;
  struct stat st {};
  ASSERT_EQ(stat(roots.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  // A new one is made 0700 from the start.
  std::filesystem::remove_all(roots);
  r = MountAndList(root_);
  EXPECT_EQ(r.code, 0) << r.output;
  ASSERT_EQ(stat(roots.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
}

// L5: the container's root keeps the nosuid, noexec and ro of the mount
// that VE_PRIVATE lives on, and gets nodev on top.
TEST_F(VzctlTree, MountKeepsTheSourcesNosuidAndNoexec) {
  if (!CanUnshareMounts()) GTEST_SKIP() << "needs root and mount namespaces";
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");
  Write("vz/private/101/ct-file", "ct\n");
  std::filesystem::create_directories(root_ / "vz/root");
  const std::string vz = (root_ / "vz").string(), ct_root = (root_ / "vz/root/101").string();
  const std::string script = "mount --bind " + vz + " " + vz +
                             " && mount -o remount,bind,nosuid,noexec " + vz + " " + vz +
                             " || exit 99; VZ_PREFIX=" + root_.string() + " " + VZCTL_BINARY +
                             " --quiet mount 101 || exit 98; awk -v m=" + ct_root +
                             " '\\''$5 == m {print \"opts=\" $6}'\\'' /proc/self/mountinfo";
  auto r = RunShell("unshare -m --propagation private sh -c '" + script + "'");
  ASSERT_EQ(r.code, 0) << r.output;
  for (const char* flag : {"nosuid", "noexec", "nodev"})
    EXPECT_NE(r.output.find(flag), std::string::npos) << flag << ": " << r.output;
}

// Makes `depth` nested directories "d" below `dir` (deeper than PATH_MAX
// allows to name), with a file and a symlink to `outside` at the bottom.
void MakeDeepTree(const std::filesystem::path& dir, int depth,
                  const std::filesystem::path& outside) {
  int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  ASSERT_GE(fd, 0) << dir;
  for (int i = 0; i < depth; ++i) {
    ASSERT_EQ(mkdirat(fd, "d", 0755), 0) << "depth " << i;
    const int next = openat(fd, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    close(fd);
    ASSERT_GE(next, 0) << "depth " << i;
    fd = next;
  }
  const int file = openat(fd, "f", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  EXPECT_GE(file, 0);
  close(file);
  EXPECT_EQ(symlinkat(outside.c_str(), fd, "to-outside"), 0);
  close(fd);
}

// The names in `dir` that start with `prefix`.
std::vector<std::string> NamesStartingWith(const std::filesystem::path& dir,
                                           const std::string& prefix) {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.starts_with(prefix)) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST_F(VzctlTree, DestroyRemovesADeepTreeWithFewDescriptors) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny").code, 0);
  Write("outside/keep", "host\n");
  const auto priv = root_ / "vz/private/101";
  MakeDeepTree(priv, 3000, root_ / "outside");
  std::filesystem::create_directory_symlink(root_ / "outside", priv / "top-link");
  auto r = RunShell("ulimit -n 64 && VZ_PREFIX=" + root_.string() + " " + VZCTL_BINARY +
                    " --quiet destroy 101");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(priv)));
  EXPECT_EQ(NamesStartingWith(root_ / "vz/private", "101"), std::vector<std::string>{});
  EXPECT_EQ(NamesStartingWith(root_ / "etc/vz/conf", "101"),
            std::vector<std::string>{"101.conf.destroyed"});
  EXPECT_EQ(NamesStartingWith(root_ / "outside", ""), std::vector<std::string>{"keep"});
}

TEST_F(VzctlTree, DestroyRemovesLeftoversOfKilledCreatesSavesAndDestroys) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny").code, 0);
  Write("vz/private/101.destroyed/old/data", "old destroy\n");
  Write("vz/private/101.destroyed.Ab12Cd/old/data", "old destroy\n");
  Write("vz/private/101.tmp-create/bin/hello", "killed create\n");
  Write("etc/vz/conf/101.conf.tmpAb12Cd", "killed save\n");
  Write("vz/private/1010/keep", "another container\n");
  Write("vz/private/101.keep", "not ours to remove\n");
  Write("etc/vz/conf/1010.conf.tmpAb12Cd", "another container's save\n");
  auto r = Vzctl("--quiet destroy 101");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(NamesStartingWith(root_ / "vz/private", "101."),
            (std::vector<std::string>{"101.keep"}));
  EXPECT_TRUE(std::filesystem::exists(root_ / "vz/private/1010/keep"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf.tmpAb12Cd"));
  EXPECT_TRUE(std::filesystem::exists(root_ / "etc/vz/conf/1010.conf.tmpAb12Cd"));
}

// The leftover of a destroy that the old remover could not finish (too
// deep for its descriptors) must not block the next create's destroy.
TEST_F(VzctlTree, AnOldLeftoverDoesNotBlockDestroy) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny").code, 0);
  std::filesystem::create_directories(root_ / "vz/private/101.destroyed");
  MakeDeepTree(root_ / "vz/private/101.destroyed", 3000, root_ / "outside");
  auto r = RunShell("ulimit -n 64 && VZ_PREFIX=" + root_.string() + " " + VZCTL_BINARY +
                    " --quiet destroy 101");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(NamesStartingWith(root_ / "vz/private", "101"), std::vector<std::string>{});
}

// A mount inside the private area: destroy must neither empty it nor report
// success, the first time or the second.
TEST_F(VzctlTree, DestroyDoesNotCrossMountsAndFailsUntilFixed) {
  if (!CanUnshareMounts()) GTEST_SKIP() << "needs root and mount namespaces";
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny").code, 0);
  const std::string t = root_.string();
  const std::string v = "VZ_PREFIX=" + t + " " + VZCTL_BINARY + " --quiet destroy 101";
  const std::string script = "mkdir " + t + "/vz/private/101/mnt && mount -t tmpfs none " + t +
                             "/vz/private/101/mnt && echo data >" + t +
                             "/vz/private/101/mnt/keep || exit 99; " + v + "; echo rc1=$?; " + v +
                             "; echo rc2=$?; cat " + t + "/vz/private/101*/mnt/keep";
  auto r = RunShell("unshare -m --propagation private sh -c '" + script + "'");
  ASSERT_NE(r.code, 99) << r.output;
  EXPECT_NE(r.output.find("rc1=3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("rc2=3"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("a mount point, not crossed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("data"), std::string::npos) << "the mounted files were removed\n"
                                                      << r.output;
  EXPECT_TRUE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf"));
}

// A container that has only its config: its private area's parent does
// not even exist. Destroy has nothing to remove there and succeeds.
TEST_F(VzctlTree, DestroyOfAConfigOnlyContainerSucceeds) {
  Write("etc/vz/conf/101.conf",
        "VE_PRIVATE=\"" + (root_ / "nowhere/private/101").string() + "\"\n");
  auto r = Vzctl("--quiet destroy 101");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_EQ(NamesStartingWith(root_ / "etc/vz/conf", "101"),
            std::vector<std::string>{"101.conf.destroyed"});
  EXPECT_FALSE(std::filesystem::exists(root_ / "nowhere"));
}

// A config leftover that cannot be removed (a mount inside it) fails the
// destroy before the config is renamed, so that it can be run again.
TEST_F(VzctlTree, AFailedConfigCleanupKeepsTheConfig) {
  if (!CanUnshareMounts()) GTEST_SKIP() << "needs root and mount namespaces";
  Write("etc/vz/conf/101.conf", "VE_PRIVATE=\"" + (root_ / "vz/private/101").string() + "\"\n");
  std::filesystem::create_directories(root_ / "vz/private");
  const std::string t = root_.string();
  const std::string left = t + "/etc/vz/conf/101.conf.tmpAb12Cd";
  const std::string script = "mkdir -p " + left + "/mnt && mount -t tmpfs none " + left +
                             "/mnt || exit 99; VZ_PREFIX=" + t + " " + VZCTL_BINARY +
                             " --quiet destroy 101; echo rc=$?";
  auto r = RunShell("unshare -m --propagation private sh -c '" + script + "'");
  ASSERT_NE(r.code, 99) << r.output;
  EXPECT_NE(r.output.find("rc=3"), std::string::npos) << r.output;
  EXPECT_TRUE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf")) << r.output;
}

// L2: create checks what set checks, and the paths.
TEST_F(VzctlTree, CreateRefusesWhatSetRefuses) {
  struct Case {
    std::string args, says;
    int code;
  };
  const Case cases[] = {
      {"--hostname 'bad;$(x)'", "invalid hostname", vzctl::kExitInvalidValue},
      {"--hostname " + std::string(80, 'h'), "invalid hostname", vzctl::kExitInvalidValue},
      {"--private relative/101", "must be an absolute path", vzctl::kExitInvalidValue},
      {"--root relative/101", "must be an absolute path", vzctl::kExitInvalidValue},
      {"--ipadd 0.0.0.0", "unspecified address", 71},
      {"--ipadd '10.0.0.1 ::'", "unspecified address", 71},
  };
  for (const auto& c : cases) {
    auto r = Vzctl("create 101 --ostemplate tiny " + c.args);
    EXPECT_EQ(r.code, c.code) << c.args << ": " << r.output;
    EXPECT_NE(r.output.find(c.says), std::string::npos) << c.args << ": " << r.output;
    EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf")) << c.args;
    EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101")) << c.args;
  }
}

TEST_F(VzctlTree, ARelativePrivateAreaInTheConfigIsRefused) {
  Write("etc/vz/conf/101.conf", "VE_PRIVATE=\"relative/101\"\n");
  auto r = Vzctl("mount 101");
  EXPECT_EQ(r.code, vzctl::kExitInvalidConfig) << r.output;
  EXPECT_NE(r.output.find("is not an absolute path"), std::string::npos) << r.output;
}

TEST_F(VzctlTree, AbsurdlySmallRamIsRefusedAndSmallRamWarns) {
  Write("etc/vz/conf/101.conf", "PHYSPAGES=\"0:65536\"\nSWAPPAGES=\"0:0\"\n");
  for (const char* ram : {"0", "512", "1000K"}) {
    auto r = Vzctl(std::string("set 101 --ram ") + ram + " --save");
    EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << ram << ": " << r.output;
    EXPECT_NE(r.output.find("less than 1M"), std::string::npos) << r.output;
  }
  auto r = Vzctl("set 101 --ram 8M --save");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("below 32M"), std::string::npos) << r.output;
}

// L3: a key assigned twice is warned about, and set --save rewrites both
// copies, so that sh reads the new value too.
TEST_F(VzctlTree, DuplicateKeysAreWarnedAboutAndAllRewritten) {
  Write("etc/vz/conf/101.conf", "HOSTNAME=\"first\"\nONBOOT=\"no\"\nHOSTNAME=\"old\"\n");
  auto r = Vzctl("set 101 --hostname new --save");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(Warns101Conf(r, "dup for HOSTNAME=old in line 3 is ignored")) << r.output;
  auto sh = RunShell(". " + (root_ / "etc/vz/conf/101.conf").string() + "; echo $HOSTNAME");
  EXPECT_EQ(sh.output, "new\n");
}

// L3: a bare value that sh reads otherwise is warned about at load.
TEST_F(VzctlTree, UnquotedValuesWithBlanksAreWarnedAbout) {
  Write("etc/vz/conf/101.conf", "HOSTNAME=foo bar\nONBOOT=no\n");
  auto r = Vzctl("set 101 --description x --save");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_TRUE(Warns101Conf(r, "unquoted value in line 1: HOSTNAME=foo bar")) << r.output;
  EXPECT_EQ(r.output.find("ONBOOT"), std::string::npos) << r.output;
}

// M2: host users cannot list a container's files or run its setuid
// programs through /vz/private, and the private area's root is 0755 and
// the container root's whatever the archive's "." says.
TEST_F(VzctlTree, HostUsersCannotReachAPrivateArea) {
  if (geteuid() != 0 || std::system("command -v setpriv >/dev/null") != 0)
    GTEST_SKIP() << "needs root and setpriv";
  Write("suid/bin/id-copy", "#!/bin/sh\nid\n");
  std::filesystem::permissions(root_ / "suid/bin/id-copy", std::filesystem::perms(04755));
  std::filesystem::permissions(root_ / "suid", std::filesystem::perms(07777));
  const std::string tar = "tar -C " + (root_ / "suid").string() + " -czf " +
                          (root_ / "vz/template/cache/suid.tar.gz").string() + " .";
  ASSERT_EQ(std::system(tar.c_str()), 0);
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate suid").code, 0);
  // The tree itself is open to all, as / and /vz are.
  for (const auto& dir : {root_, root_ / "vz"})
    std::filesystem::permissions(dir, std::filesystem::perms(0755));
  const auto priv = root_ / "vz/private/101";
  struct stat st {};
  ASSERT_EQ(stat(priv.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0755u);
  EXPECT_EQ(st.st_uid, 65536u * 101);
  ASSERT_EQ(stat((root_ / "vz/private").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  const std::string nobody = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  EXPECT_NE(RunShell(nobody + "ls " + priv.string()).code, 0);
  EXPECT_NE(RunShell(nobody + priv.string() + "/bin/id-copy").code, 0);
}

// ---- LOCAL_UID / LOCAL_GID checks -----------------------------------------

TEST_F(VzctlTree, LocalIdsOfHostUsersAreRefused) {
  auto r = Vzctl("create 303 --ostemplate tiny --local_uid 1000 --local_gid 1000");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("uid range 1000..66535 overlaps the host's own ids"), std::string::npos)
      << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/303.conf"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/303"));
  r = Vzctl("create 303 --ostemplate tiny --local_uid 700000 --local_gid 65535");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("gid range 65535.."), std::string::npos) << r.output;
}

TEST_F(VzctlTree, LocalIdsPastTheLastHostIdAreRefused) {
  auto r = Vzctl("create 303 --ostemplate tiny --local_uid 4294950000 --local_gid 700000");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("runs past the last host id"), std::string::npos) << r.output;
}

TEST_F(VzctlTree, LocalIdsInAnotherContainersRangeAreRefused) {
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");  // automatic: 6619136..
  Write("etc/vz/conf/102.conf", "LOCAL_UID=\"9000000\"\nLOCAL_GID=\"9100000\"\n");
  auto r = Vzctl("create 305 --ostemplate tiny --local_uid 6619136 --local_gid 8000000");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("overlaps container 101's uid range 6619136..6684671"), std::string::npos)
      << r.output;
  r = Vzctl("create 305 --ostemplate tiny --local_uid 8000000 --local_gid 9165535");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("overlaps container 102's gid range 9100000..9165535"), std::string::npos)
      << r.output;
  // An automatic range taken by an explicit one is refused as well.
  Write("etc/vz/conf/102.conf", "LOCAL_UID=\"6750208\"\nLOCAL_GID=\"6750208\"\n");
  r = Vzctl("create 103 --ostemplate tiny");  // automatic: 6750208..
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/305.conf"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/103.conf"));
}

TEST_F(VzctlTree, LocalIdsOutsideRootsSubuidRangeAreRefused) {
  Write("etc/subuid", "alice:100000:65536\nroot:1000000:1000000\n");
  auto r = Vzctl("create 303 --ostemplate tiny --local_uid 5000000 --local_gid 5000000");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("outside root's ranges in " + (root_ / "etc/subuid").string()),
            std::string::npos)
      << r.output;
  if (geteuid() != 0) return;
  r = Vzctl("--quiet create 303 --ostemplate tiny --local_uid 1065536 --local_gid 5000000");
  EXPECT_EQ(r.code, 0) << r.output;
}

TEST_F(VzctlTree, HostRootMapNeedsAnExplicitOptionAndWarns) {
  auto r = Vzctl("create 304 --ostemplate tiny --local_uid 0 --local_gid 5000000");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("ALLOW_HOST_ROOT_MAP"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/304.conf"));
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  r = Vzctl("create 304 --ostemplate tiny --local_uid 0 --local_gid 0 --allow-host-root-map");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("Warning: container 304 maps its root to host uid/gid 0"),
            std::string::npos)
      << r.output;
  std::ifstream conf(root_ / "etc/vz/conf/304.conf");
  const std::string text((std::istreambuf_iterator<char>(conf)), {});
  EXPECT_NE(text.find("ALLOW_HOST_ROOT_MAP=\"yes\""), std::string::npos) << text;
}

TEST_F(VzctlTree, AnAllowedPartialHostRootMapStillChecksItsOtherSide) {
  Write("etc/vz/conf/101.conf", "OSTEMPLATE=\"tiny\"\n");  // automatic: 6619136..
  auto r =
      Vzctl("create 304 --ostemplate tiny --local_uid 0 --local_gid 6619136 --allow-host-root-map");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("overlaps container 101's gid range 6619136..6684671"), std::string::npos)
      << r.output;
  r = Vzctl("create 304 --ostemplate tiny --local_uid 0 --local_gid 1000 --allow-host-root-map");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("gid range 1000..66535 overlaps the host's own ids"), std::string::npos)
      << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/304.conf"));
}

TEST_F(VzctlTree, AnExplicitRangeInAnotherOwnersSubidsIsRefused) {
  Write("etc/subuid", "bob:7000000:65536\n");
  auto r = Vzctl("create 303 --ostemplate tiny --local_uid 7000000 --local_gid 8000000");
  EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << r.output;
  EXPECT_NE(r.output.find("overlaps bob's subordinate uid range 7000000..7065535"),
            std::string::npos)
      << r.output;
}

TEST_F(VzctlTree, AnAutomaticRangeInAnotherOwnersSubidsIsAWarning) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  Write("etc/subgid", "alice:6684672:65536\n");  // CT 102's automatic range
  auto r = Vzctl("create 102 --ostemplate tiny");
  EXPECT_EQ(r.code, 0) << r.output;
  EXPECT_NE(r.output.find("Warning: gid range 6684672..6750207 overlaps alice's"),
            std::string::npos)
      << r.output;
}

TEST_F(VzctlTree, StartRefusesAnUnallowedHostRootMapFromTheConfig) {
  Write("etc/vz/conf/101.conf", "LOCAL_UID=\"0\"\nLOCAL_GID=\"0\"\n");
  auto r = Vzctl("start 101");
  EXPECT_EQ(r.code, vzctl::kExitInvalidConfig) << r.output;
  EXPECT_NE(r.output.find("101.conf: LOCAL_UID/LOCAL_GID 0"), std::string::npos) << r.output;
}

TEST_F(VzctlTree, ConfigOfAnotherSampleMustExist) {
  auto r = Vzctl("create 101 --ostemplate tiny --config nosuch");
  EXPECT_EQ(r.code, vzctl::kExitInvalidConfig) << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf"));
}

}  // namespace

// Disk quota: bad values, DISK_QUOTA=no and a filesystem without project
// quota (the host's /tmp here) give OpenVZ's exit codes and change nothing.
TEST_F(VzctlTree, BadDiskQuotaValuesAre21) {
  EXPECT_EQ(Vzctl("create 101 --ostemplate tiny --diskspace 2G:1G").code, vzctl::kExitInvalidValue);
  EXPECT_EQ(Vzctl("create 101 --ostemplate tiny --diskinodes 10K").code, vzctl::kExitInvalidValue);
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf"));
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  std::ofstream(root_ / "etc/vz/vz.conf", std::ios::app) << "DISK_QUOTA=\"no\"\n";
  ASSERT_EQ(Vzctl("--quiet create 101 --ostemplate tiny --diskspace 1G").code, 0);
  for (const char* bad : {"--diskspace lots", "--diskspace 1P", "--diskinodes 2:1",
                          "--quotatime soon", "--diskquota maybe"}) {
    auto r = Vzctl(std::string("set 101 --save ") + bad);
    EXPECT_EQ(r.code, vzctl::kExitInvalidValue) << bad << ": " << r.output;
  }
  ASSERT_EQ(Vzctl("set 101 --save --diskspace 10M:20M --diskinodes 100 --quotatime 60").code, 0);
  std::ifstream conf(root_ / "etc/vz/conf/101.conf");
  std::string text((std::istreambuf_iterator<char>(conf)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("DISKSPACE=\"10240:20480\""), std::string::npos) << text;
  EXPECT_NE(text.find("DISKINODES=\"100:100\""), std::string::npos) << text;
  EXPECT_NE(text.find("QUOTATIME=\"60\""), std::string::npos) << text;
  // DISK_QUOTA=no: OpenVZ's codes for quotaon, quotaoff, quotainit.
  EXPECT_EQ(Vzctl("quotaon 101").code, vzctl::kExitQuotaOn);
  EXPECT_EQ(Vzctl("quotaoff 101").code, vzctl::kExitQuotaOff);
  EXPECT_EQ(Vzctl("quotainit 101").code, vzctl::kExitQuotaInit);
  EXPECT_EQ(Vzctl("quotaon 102").code, vzctl::kExitNoVeConfig);
  ASSERT_EQ(Vzctl("set 101 --save --diskspace bogus").code, vzctl::kExitInvalidValue);
}

TEST_F(VzctlTree, CreateWithLimitsOnAFilesystemWithoutProjectQuotaIs60) {
  if (geteuid() != 0) GTEST_SKIP() << "create shifts file ownership: needs root";
  auto r = Vzctl("create 101 --ostemplate tiny --diskspace 1G");
  if (r.code == 0) GTEST_SKIP() << "this host's /tmp has project quota";
  EXPECT_EQ(r.code, vzctl::kExitQuotaOn) << r.output;
  EXPECT_NE(r.output.find("has no project quota"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("DISK_QUOTA=no"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(root_ / "etc/vz/conf/101.conf"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "vz/private/101.tmp-create"));
  // With DISK_QUOTA=no the same create works, and keeps its limits for later.
  std::ofstream(root_ / "etc/vz/vz.conf", std::ios::app) << "DISK_QUOTA=\"no\"\n";
  r = Vzctl("--quiet create 101 --ostemplate tiny --diskspace 1G");
  EXPECT_EQ(r.code, 0) << r.output;
}
