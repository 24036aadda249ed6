// SPDX-License-Identifier: GPL-2.0-or-later
// The device facet on a fake backend: what set and start give a VE of the
// host's devices, the nodes set puts into its /dev (the host's copies of
// them, owned by the container's root), and that a failure takes the
// access back. The host's /dev is the test tree's, with links to the real
// /dev/null (c 1:3) and /dev/zero (c 1:5). Making a copy needs root: the
// tests that make one are skipped without it.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "dev/facet.h"
#include "dev/node_copy.h"
#include "facet/facets.h"
#include "fake_backend.h"
#include "test_dir.h"

namespace {

namespace fs = std::filesystem;

using vz::kDevRead;
using vz::kDevWrite;
using vztest::FakeBackend;

constexpr unsigned int kVeid = 101;
constexpr unsigned kRw = kDevRead | kDevWrite;
constexpr uid_t kCtRoot = 65536 * kVeid;  // the automatic id map's

#define NEEDS_ROOT() \
  if (::geteuid() != 0) GTEST_SKIP() << "making a device node needs root"

struct Fixture {
  vztest::TestDir dir;
  FakeBackend fake;
  vz::internal::RunningVe ve{kVeid, fake, "", 0, std::nullopt};

  explicit Fixture(const std::string& conf = "") {
    dir.Write("etc/vz/vz.conf", "VE_ROOT=/vz/root/$VEID\nVE_PRIVATE=/vz/private/$VEID\n");
    dir.Write("etc/vz/conf/101.conf", conf);
    dir.Write("dev/file", "not a device\n");
    std::filesystem::create_directories(dir.path() / "dev/net");
    std::filesystem::create_symlink("/dev/null", dir.path() / "dev/net/tun");
    std::filesystem::create_symlink("/dev/zero", dir.path() / "dev/fuse");
    fake.state.running = true;
  }
  vz::Container Open() const { return *vz::Container::Open(vz::Paths{dir.path()}, kVeid); }
  // The copies' directory, and the copy of /dev/<name>.
  fs::path Copies() const { return dir.path() / "dev/.vz/101"; }
  fs::path Copy(const std::string& escaped) const { return Copies() / escaped; }
  std::string Conf() const { return dir.Read("etc/vz/conf/101.conf"); }
  vz::Status Set(const vz::SetOptions& opts, vz::internal::Notes* notes = nullptr) {
    auto ct = Open();
    vz::internal::Notes own;
    return vz::internal::SetFacets(ct, opts, &ve, notes ? notes : &own);
  }
  vz::Status Start() {
    auto ct = Open();
    vz::internal::Notes notes;
    auto changes = vz::internal::StartChanges(ct, &notes);
    if (!changes) return std::unexpected(changes.error());
    return vz::internal::ApplyAll(*changes, ve);
  }
};

// Whether `path` is a node of `type` (S_IFCHR, S_IFBLK) and `rdev` with
// `mode`, owned by the container's root; what it is otherwise.
::testing::AssertionResult IsCopy(const fs::path& path, mode_t type, dev_t rdev, mode_t mode) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return ::testing::AssertionFailure() << path << " missing";
  if ((st.st_mode & S_IFMT) == type && st.st_rdev == rdev && (st.st_mode & 07777) == mode &&
      st.st_uid == kCtRoot && st.st_gid == kCtRoot)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << path << ": mode " << std::oct << st.st_mode << std::dec << ", rdev "
         << ::major(st.st_rdev) << ":" << ::minor(st.st_rdev) << ", owner " << st.st_uid << ":"
         << st.st_gid;
}

vz::DeviceEntry Device(const char* text) { return vz::ParseDeviceEntry(text).value(); }
vz::DevnodeEntry Node(const char* text) { return vz::ParseDevnodeEntry(text).value(); }

using Words = std::vector<const char*>;

// The words of --devices and --devnodes, as vzctl takes them, with --save.
vz::SetOptions Saved(const Words& devices, const Words& devnodes = {}) {
  vz::SetOptions o;
  for (std::string w : devices) {
    if (w == "none")
      o.dev.devices_none = true;
    else
      o.dev.devices.push_back(Device(w.c_str()));
  }
  for (std::string w : devnodes) {
    if (w == "none")
      o.dev.devnodes_none = true;
    else
      o.dev.devnodes.push_back(Node(w.c_str()));
  }
  o.save = true;
  return o;
}

// The node put in is the host's copy of the host's node, the container
// root's, in a directory only the host's root may walk.
TEST(DevFacet, SetGivesAccessThenPutsTheNodeIn) {
  NEEDS_ROOT();
  Fixture f;
  auto st = f.Set(Saved({"c:10:200:r"}, {"net/tun:rw"}));
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_EQ(f.fake.state.devperms,
            (std::map<std::string, unsigned>{{"c 1:3", kRw}, {"c 10:200", kDevRead}}));
  EXPECT_EQ(f.fake.devnodes, std::set<std::string>{"net/tun"});
  EXPECT_EQ(f.fake.calls.back(), "devnode net/tun " + f.Copy("net%2Ftun").string() + " c 1:3");
  EXPECT_TRUE(IsCopy(f.Copy("net%2Ftun"), S_IFCHR, makedev(1, 3), 0666));  // the real /dev/null's
  struct stat dir;
  ASSERT_EQ(::lstat(f.Copies().c_str(), &dir), 0);
  EXPECT_TRUE(S_ISDIR(dir.st_mode));
  EXPECT_EQ(dir.st_mode & 07777, 0700u);
  EXPECT_EQ(dir.st_uid, 0u);
  EXPECT_NE(f.Conf().find("DEVICES=\"c:10:200:r\"\n"), std::string::npos) << f.Conf();
  EXPECT_NE(f.Conf().find("DEVNODES=\"net/tun:rw\"\n"), std::string::npos) << f.Conf();
}

TEST(DevFacet, ANewEntryChangesOnlyItsDevice) {
  Fixture f("DEVICES=\"c:10:200:rw c:1:5:r\"\n");
  f.fake.state.devperms = {{"c 10:200", kRw}, {"c 1:5", kDevRead}};
  ASSERT_TRUE(f.Set(Saved({"c:10:200:r"})));
  EXPECT_EQ(f.fake.calls, std::vector<std::string>{"devperms c 10:200 r"});
  EXPECT_EQ(f.Conf(), "DEVICES=\"c:10:200:r c:1:5:r\"\n");
}

// What the config does not list is still taken back by naming it.
TEST(DevFacet, AnAccessGivenWithoutSaveIsTakenBackByName) {
  NEEDS_ROOT();
  Fixture f;
  vz::SetOptions live = Saved({"c:10:200:rw"}, {"net/tun:rw"});
  live.save = false;
  ASSERT_TRUE(f.Set(live));
  EXPECT_EQ(f.fake.state.devperms.size(), 2u);
  EXPECT_TRUE(fs::exists(f.Copy("net%2Ftun")));
  live = Saved({"c:10:200:none"}, {"net/tun:none"});
  live.save = false;
  ASSERT_TRUE(f.Set(live));
  EXPECT_TRUE(f.fake.state.devperms.empty());
  EXPECT_EQ(f.Conf(), "");
  // Its copy goes; the node bound in stays, but cannot be opened.
  EXPECT_FALSE(fs::exists(fs::symlink_status(f.Copy("net%2Ftun"))));
  // A node named again is bound again: the helper inside leaves one that
  // is there already.
  ASSERT_TRUE(f.Set(Saved({}, {"net/tun:r"})));
  EXPECT_EQ(f.fake.calls.back().substr(0, 16), "devnode net/tun ");
}

// The node stays in the VE's /dev; DEVICES still gives its device read.
TEST(DevFacet, NoneTakesTheAccessBackButWhatDevicesGives) {
  Fixture f("DEVICES=\"c:1:3:r\"\nDEVNODES=\"net/tun:rw\"\n");
  f.fake.state.devperms = {{"c 1:3", kRw}};
  ASSERT_TRUE(f.Set(Saved({}, {"none"})));
  EXPECT_EQ(f.fake.calls, std::vector<std::string>{"devperms c 1:3 r"});
  EXPECT_EQ(f.Conf(), "DEVICES=\"c:1:3:r\"\nDEVNODES=\"\"\n");
  ASSERT_TRUE(f.Set(Saved({"none"})));
  EXPECT_TRUE(f.fake.state.devperms.empty());
  EXPECT_EQ(f.Conf(), "DEVICES=\"\"\nDEVNODES=\"\"\n");
}

TEST(DevFacet, AFailureAtAnyStepGivesTheOldAccessBack) {
  NEEDS_ROOT();
  const std::string conf = "DEVICES=\"c:10:200:rw b:8:all:q\"\n";
  const auto change = Saved({"c:10:200:r", "b:8:all:none"}, {"net/tun:rw", "fuse:r"});
  size_t steps = 0;
  {
    Fixture f(conf);
    ASSERT_TRUE(f.Set(change));
    steps = f.fake.calls.size();
  }
  ASSERT_EQ(steps, 6u);  // 4 accesses, 2 nodes
  for (size_t i = 1; i <= steps; ++i) {
    Fixture f(conf);
    f.fake.state.devperms = {{"c 10:200", kRw}, {"b 8:all", vz::kDevQuota}};
    const auto before = f.fake.state;
    f.fake.fail_at = static_cast<int>(i);
    auto st = f.Set(change);
    ASSERT_FALSE(st) << "step " << i;
    EXPECT_TRUE(f.fake.state == before) << "step " << i << " (" << f.fake.calls[i - 1] << ")";
    EXPECT_EQ(f.Conf(), conf) << "step " << i;
  }
}

TEST(DevFacet, ANodeTheHostDoesNotHaveIsRefusedFirst) {
  Fixture f("DEVNODES=\"fuse:r\"\n");
  for (const char* bad : {"nosuch:rw", "file:rw", "net:r"}) {
    auto st = f.Set(Saved({"c:10:200:r"}, {bad}));
    ASSERT_FALSE(st) << bad;
    EXPECT_EQ(st.error().kind(), vz::ErrorKind::kInvalidArgument) << bad;
    EXPECT_NE(st.error().message().find(std::string("invalid --devnodes '") + bad + "'"),
              std::string::npos)
        << st.error().message();
  }
  auto st = f.Set(Saved({}, {"nosuch:rw"}));
  EXPECT_EQ(st.error().err_no(), ENOENT);
  EXPECT_NE(st.error().message().find("stat(" + (f.dir.path() / "dev/nosuch").string() + ")"),
            std::string::npos)
      << st.error().message();
  EXPECT_NE(f.Set(Saved({}, {"file:r"})).error().message().find("not a block or character device"),
            std::string::npos);
  EXPECT_TRUE(f.fake.calls.empty());
  EXPECT_EQ(f.Conf(), "DEVNODES=\"fuse:r\"\n");
}

TEST(DevFacet, AStoredNodeGoneFromTheHostIsLeftAloneWithANote) {
  Fixture f("DEVNODES=\"gone:rw fuse:r\"\n");
  vz::internal::Notes notes;
  ASSERT_TRUE(f.Set(Saved({"c:10:200:r"}), &notes));
  EXPECT_EQ(f.fake.calls, std::vector<std::string>{"devperms c 10:200 r"});
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("DEVNODES gone:rw left alone"), std::string::npos) << notes[0];
  // Removing it is no error either: its access is gone with the node.
  ASSERT_TRUE(f.Set(Saved({}, {"gone:none"})));
  EXPECT_EQ(f.Conf(), "DEVNODES=\"fuse:r\"\nDEVICES=\"c:10:200:r\"\n");
}

TEST(DevFacet, AStartGivesEveryStoredAccess) {
  Fixture f("DEVICES=\"b:8:all:q c:1:3:r\"\nDEVNODES=\"net/tun:w fuse:r\"\n");
  f.fake.state.running = false;
  auto st = f.Start();
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_EQ(f.fake.state.devperms,
            (std::map<std::string, unsigned>{
                {"b 8:all", vz::kDevQuota}, {"c 1:3", kRw}, {"c 1:5", kDevRead}}));
  EXPECT_TRUE(f.fake.devnodes.empty()) << "the init-to-be binds them";
}

// The init-to-be binds copies made afresh: one an earlier run left for a
// node no longer stored goes.
TEST(DevFacet, AStartMakesTheCopiesAfresh) {
  NEEDS_ROOT();
  Fixture f("DEVNODES=\"net/tun:w fuse:r\"\n");
  f.fake.state.running = false;
  fs::create_directories(f.Copies());
  f.dir.Write("dev/.vz/101/old", "");
  auto binds = vz::internal::DevNodesAtStart(f.Open());
  ASSERT_TRUE(binds) << binds.error().message();
  ASSERT_EQ(binds->size(), 2u);
  EXPECT_EQ((*binds)[0].name, "net/tun");
  EXPECT_EQ((*binds)[0].copy, f.Copy("net%2Ftun").string());
  EXPECT_EQ((*binds)[0].dev, (vz::DeviceId{'c', 1, 3}));
  EXPECT_EQ((*binds)[1].name, "fuse");
  EXPECT_EQ((*binds)[1].dev, (vz::DeviceId{'c', 1, 5}));
  EXPECT_TRUE(IsCopy(f.Copy("fuse"), S_IFCHR, makedev(1, 5), 0666));
  EXPECT_FALSE(fs::exists(f.Copy("old")));
}

TEST(DevFacet, NoCopiesWithoutStoredNodes) {
  Fixture f;
  auto binds = vz::internal::DevNodesAtStart(f.Open());
  ASSERT_TRUE(binds) << binds.error().message();
  EXPECT_TRUE(binds->empty());
  EXPECT_FALSE(fs::exists(f.dir.path() / "dev/.vz"));
}

TEST(DevFacet, AStartWithoutAStoredNodeFails) {
  Fixture f("DEVNODES=\"net/tun:rw gone:r\"\n");
  f.fake.state.running = false;
  auto st = f.Start();
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kSetDevices);
  EXPECT_EQ(st.error().err_no(), ENOENT);
  EXPECT_TRUE(st.error().context().starts_with("DEVNODES gone:r: stat(")) << st.error().context();
  EXPECT_TRUE(f.fake.calls.empty());
}

// The host's node is 0600 root (net/tun), or 0660 root:disk: the copy has
// its type, numbers and mode, and the container's root as its owner and
// group.
TEST(DevFacet, TheCopyIsTheHostNodeOwnedByTheContainersRoot) {
  NEEDS_ROOT();
  Fixture f;
  fs::remove(f.dir.path() / "dev/net/tun");
  const fs::path tun = f.dir.path() / "dev/net/tun", disk = f.dir.path() / "dev/sdz1";
  ASSERT_EQ(::mknod(tun.c_str(), S_IFCHR | 0600, makedev(10, 200)), 0);
  ASSERT_EQ(::chmod(tun.c_str(), 0600), 0);
  ASSERT_EQ(::mknod(disk.c_str(), S_IFBLK | 0660, makedev(8, 33)), 0);
  ASSERT_EQ(::chown(disk.c_str(), 0, 6), 0);
  ASSERT_EQ(::chmod(disk.c_str(), 0660), 0);
  auto st = f.Set(Saved({}, {"net/tun:rw", "sdz1:r"}));
  ASSERT_TRUE(st) << st.error().message();
  EXPECT_TRUE(IsCopy(f.Copy("net%2Ftun"), S_IFCHR, makedev(10, 200), 0600));
  EXPECT_TRUE(IsCopy(f.Copy("sdz1"), S_IFBLK, makedev(8, 33), 0660));
  // The host's own nodes are as they were.
  struct stat host;
  ASSERT_EQ(::stat(tun.c_str(), &host), 0);
  EXPECT_EQ(host.st_uid, 0u);
  EXPECT_EQ(host.st_mode & 07777, 0600u);
}

// A copy there already (and a temporary name a killed vzctl left) is
// replaced by a new node, through a rename: nothing else stays.
TEST(DevFacet, ACopyIsReplacedByRename) {
  NEEDS_ROOT();
  Fixture f;
  ASSERT_TRUE(f.Set(Saved({}, {"net/tun:rw"})));
  struct stat before;
  ASSERT_EQ(::lstat(f.Copy("net%2Ftun").c_str(), &before), 0);
  const fs::path kept = f.dir.path() / "kept";
  fs::create_hard_link(f.Copy("net%2Ftun"), kept);
  f.dir.Write("dev/.vz/101/net%2Ftun%tmp", "left by a killed vzctl");
  ASSERT_TRUE(f.Set(Saved({}, {"net/tun:r"})));
  struct stat after;
  ASSERT_EQ(::lstat(f.Copy("net%2Ftun").c_str(), &after), 0);
  EXPECT_NE(after.st_ino, before.st_ino);
  EXPECT_TRUE(IsCopy(f.Copy("net%2Ftun"), S_IFCHR, makedev(1, 3), 0666));
  EXPECT_EQ(fs::hard_link_count(kept), 1u) << "the old copy was unlinked by the rename";
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(f.Copies()))
    names.push_back(entry.path().filename());
  EXPECT_EQ(names, std::vector<std::string>{"net%2Ftun"});
}

// --devnodes none drops every copy, with the directory; a stop does too.
TEST(DevFacet, NoneAndAStopRemoveTheCopies) {
  NEEDS_ROOT();
  Fixture f;
  ASSERT_TRUE(f.Set(Saved({}, {"net/tun:rw", "fuse:r"})));
  ASSERT_TRUE(fs::exists(f.Copy("fuse")));
  ASSERT_TRUE(f.Set(Saved({}, {"none"})));
  EXPECT_FALSE(fs::exists(f.Copies()));
  ASSERT_TRUE(f.Set(Saved({}, {"none", "fuse:r"})));
  EXPECT_TRUE(fs::exists(f.Copy("fuse")));
  EXPECT_FALSE(fs::exists(f.Copy("net%2Ftun")));
  auto ct = f.Open();
  ASSERT_TRUE(vz::internal::ReleaseAfterStop(ct, f.ve));
  EXPECT_FALSE(fs::exists(fs::symlink_status(f.Copies())));
  EXPECT_TRUE(fs::exists(f.dir.path() / "dev/.vz")) << "shared by every container";
  // Nothing to remove is no error.
  EXPECT_TRUE(vz::internal::RemoveDevNodeCopies(ct));
}

// A link planted where the directories are is not followed: making a copy
// fails there, and removing them removes the link alone.
TEST(DevFacet, ALinkInPlaceOfTheDirectoryIsNotFollowed) {
  NEEDS_ROOT();
  Fixture f;
  const fs::path elsewhere = f.dir.path() / "elsewhere";
  fs::create_directories(elsewhere);
  fs::create_directories(f.dir.path() / "dev/.vz");
  fs::create_directory_symlink(elsewhere, f.Copies());
  auto st = f.Set(Saved({}, {"net/tun:rw"}));
  ASSERT_FALSE(st);
  EXPECT_EQ(st.error().kind(), vz::ErrorKind::kSetDevices);
  EXPECT_NE(st.error().message().find("open(" + f.Copies().string() + ")"), std::string::npos)
      << st.error().message();
  EXPECT_TRUE(fs::is_empty(elsewhere));
  f.dir.Write("elsewhere/keep", "");
  ASSERT_TRUE(vz::internal::RemoveDevNodeCopies(f.Open()));
  EXPECT_FALSE(fs::exists(fs::symlink_status(f.Copies())));
  EXPECT_TRUE(fs::exists(elsewhere / "keep"));
  // Nor is one in place of .vz.
  fs::remove(f.dir.path() / "dev/.vz");
  fs::create_directory_symlink(elsewhere, f.dir.path() / "dev/.vz");
  ASSERT_FALSE(f.Set(Saved({}, {"net/tun:rw"})));
  EXPECT_FALSE(fs::exists(elsewhere / "101"));
}

// A link planted at a copy's name is replaced, its target untouched; one
// at the name of a copy that goes is removed itself.
TEST(DevFacet, ALinkInPlaceOfACopyIsNotFollowed) {
  NEEDS_ROOT();
  Fixture f;
  f.dir.Write("target", "the host's file\n");
  const fs::path target = f.dir.path() / "target";
  fs::create_directories(f.Copies());
  fs::create_symlink(target, f.Copy("net%2Ftun"));
  ASSERT_TRUE(f.Set(Saved({}, {"net/tun:rw"})));
  EXPECT_TRUE(IsCopy(f.Copy("net%2Ftun"), S_IFCHR, makedev(1, 3), 0666));
  EXPECT_EQ(f.dir.Read("target"), "the host's file\n");
  struct stat st;
  ASSERT_EQ(::lstat(target.c_str(), &st), 0);
  EXPECT_EQ(st.st_uid, 0u);
  fs::remove(f.Copy("net%2Ftun"));
  fs::create_symlink(target, f.Copy("net%2Ftun"));
  ASSERT_TRUE(f.Set(Saved({}, {"net/tun:none"})));
  EXPECT_FALSE(fs::exists(fs::symlink_status(f.Copy("net%2Ftun"))));
  EXPECT_EQ(f.dir.Read("target"), "the host's file\n");
}

TEST(DevFacet, CopyNamesAreOneComponentEach) {
  using vz::internal::NodeCopyName;
  EXPECT_EQ(NodeCopyName("net/tun"), "net%2Ftun");
  EXPECT_EQ(NodeCopyName("fuse"), "fuse");
  EXPECT_EQ(NodeCopyName("a%2Fb"), "a%252Fb");
  EXPECT_NE(NodeCopyName("a/b"), NodeCopyName("a%2Fb"));
}

TEST(DevFacet, NothingStoredGivesNothingAtStart) {
  Fixture f("DEVICES=\"\"\n");
  ASSERT_TRUE(f.Start());
  EXPECT_EQ(std::count_if(f.fake.calls.begin(), f.fake.calls.end(),
                          [](const std::string& c) { return c.starts_with("devperms"); }),
            0);
}

}  // namespace
