// SPDX-License-Identifier: GPL-2.0-or-later
// A host node put into a container's /dev from inside (dev/inside.h): in a
// mount namespace of its own, chrooted into a tmpfs standing for the
// container's root, a child attaches a clone of the host's copy of
// /dev/null (dev/node_copy.h) as /dev/net/tun, leaves it when it is there
// already, and follows none of the links a hostile root could plant.
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>

#include "dev/inside.h"
#include "dev/node_copy.h"
#include "inside/ve_process.h"
#include "launch/init_root.h"
#include "test_dir.h"
#include "userns_child.h"

namespace {

const dev_t kNull = makedev(1, 3);

// Whether /dev/<name> is the host's null.
bool IsNull(const char* name) {
  struct stat st;
  return ::stat(name, &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == kNull;
}

// The steps inside; an exit code that says which failed (0: all).
int Steps(int tree, const std::string& root) {
  if (::unshare(CLONE_NEWNS) != 0) return 2;
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 3;
  if (::mount("tmpfs", root.c_str(), "tmpfs", 0, "mode=755") != 0) return 4;
  if (::chroot(root.c_str()) != 0 || ::chdir("/") != 0) return 5;
  if (::mkdir("/dev", 0755) != 0 || ::mkdir("/elsewhere", 0755) != 0) return 6;
  if (vz::internal::AttachNodeInside(tree, "net/tun", false, kNull) != 0) return 7;
  if (!IsNull("/dev/net/tun")) return 8;
  // There already: left as it is, no mount on top (`tree` keeps the one
  // mount busy: detached).
  if (vz::internal::AttachNodeInside(tree, "net/tun", false, kNull) != 0) return 9;
  if (::umount2("/dev/net/tun", MNT_DETACH) != 0 || IsNull("/dev/net/tun")) return 10;
  // Links the container's root planted are not followed.
  if (::symlink("/elsewhere", "/dev/evil") != 0 || ::symlink("/elsewhere/x", "/dev/leaf") != 0)
    return 11;
  const int through = vz::internal::AttachNodeInside(tree, "evil/x", false, kNull);
  if (through != ENOTDIR && through != ELOOP) return 12;
  if (vz::internal::AttachNodeInside(tree, "leaf", false, kNull) != EEXIST) return 13;
  if (::access("/elsewhere/x", F_OK) == 0) return 14;
  // Nor is anything else in the way (a directory).
  if (vz::internal::AttachNodeInside(tree, "net", false, kNull) != EEXIST) return 15;
  return 0;
}

// The host's copy of /dev/null (dev/node_copy.h), in `dir`'s dev/.vz/101.
std::filesystem::path CopyOfNull(const vztest::TestDir& dir) {
  std::filesystem::create_directories(dir.path() / "dev");
  std::filesystem::create_symlink("/dev/null", dir.path() / "dev/null");
  auto copy = vz::internal::MakeNodeCopy(dir.path() / "dev", 101, "null", {'c', 1, 3}, {});
  EXPECT_TRUE(copy) << copy.error().message();
  return copy ? *copy : std::filesystem::path();
}

TEST(DevInside, AttachesTheNodeFollowingNoLink) {
  if (::geteuid() != 0 || std::system("unshare -m true 2>/dev/null") != 0)
    GTEST_SKIP() << "needs root and mount namespaces";
  vztest::TestDir dir, host;
  auto tree = vz::internal::OpenNodeMount(CopyOfNull(host), {'c', 1, 3});
  ASSERT_TRUE(tree) << tree.error().message();
  const std::string root = dir.path().string();
  const pid_t pid = vz::internal::ForkRun([&] { return Steps(tree->get(), root); });
  ASSERT_GT(pid, 0);
  EXPECT_EQ(vz::internal::WaitExitCode(pid), 0);
}

// The copy must still be the device, and a copy: not a link, nor a node
// anywhere else.
TEST(DevInside, TheCopyMustStillBeTheDevice) {
  if (::geteuid() != 0) GTEST_SKIP() << "making a device node needs root";
  vztest::TestDir host;
  const auto copy = CopyOfNull(host);
  auto other = vz::internal::OpenNodeMount(copy, {'c', 1, 5});
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().kind(), vz::ErrorKind::kSetDevices);
  std::filesystem::create_symlink(copy, copy.parent_path() / "link");
  auto link = vz::internal::OpenNodeCopy(copy.parent_path() / "link", {'c', 1, 3});
  ASSERT_FALSE(link);
  EXPECT_EQ(link.error().err_no(), ESTALE) << link.error().message();
  auto elsewhere = vz::internal::OpenNodeMount("/dev/null", {'c', 1, 3});
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().kind(), vz::ErrorKind::kSetDevices);
}

constexpr uid_t kShift = 100000;

// What the init child does with DEVNODES (launch/init_child.cc), in a user
// and mount namespace of its own (vztest::RunInMappedUserNs): opens the
// host's copy while still the host's root, which alone may walk its
// directory, then, as the container's root, binds it on /dev/net/tun of a
// tmpfs mounted there, and opens it: the copy is its own, where the host's
// 0600 node is not. An exit code that says which step failed (0: all).
int InitChildSteps(const std::string& ct_root, const std::string& copy, const std::string& host) {
  const int root = vz::internal::OpenRootDir(ct_root);
  auto node = vz::internal::OpenNodeCopy(copy, {'c', 1, 3});
  if (root < 0 || !node) return 3;
  if (vz::internal::BecomeContainerRoot() != 0) return 4;
  // From here the copy's directory is closed to us.
  if (vz::internal::OpenNodeCopy(copy, {'c', 1, 3}).error().err_no() != EACCES) return 5;
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) return 6;
  if (vz::internal::EnterRootMount(root) != 0) return 7;
  if (::mount("tmpfs", "dev", "tmpfs", MS_NOSUID | MS_NOEXEC, "mode=755") != 0) return 8;
  if (::mkdir("dev/net", 0755) != 0) return 16;
  int file = ::open("dev/net/tun", O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (file < 0) return 10;
  ::close(file);
  auto tree = vz::internal::CloneNodeMount(node->get(), copy);
  if (!tree || ::move_mount(tree->get(), "", AT_FDCWD, "dev/net/tun", MOVE_MOUNT_F_EMPTY_PATH) != 0)
    return 11;
  struct stat st;
  if (::stat("dev/net/tun", &st) != 0 || !S_ISCHR(st.st_mode) || st.st_rdev != kNull ||
      st.st_uid != 0 || st.st_gid != 0)
    return 12;  // the container's root sees its own node
  const int opened = ::open("dev/net/tun", O_RDWR | O_CLOEXEC);
  if (opened < 0) return 13;
  ::close(opened);
  // The host's node itself, bound the same way, is refused.
  if (::mount(host.c_str(), "dev/net/tun", nullptr, MS_BIND, nullptr) != 0) return 14;
  if (::open("dev/net/tun", O_RDWR | O_CLOEXEC) >= 0 || errno != EACCES) return 15;
  return 0;
}

TEST(DevInside, TheInitChildBindsACopyItsRootCanOpen) {
  if (!vztest::CanRunInMappedUserNs()) GTEST_SKIP() << "needs root and user namespaces";
  vztest::TestDir dir;
  // The host's /dev, with a node as net/tun is: 0600, the host root's.
  const auto dev = dir.path() / "dev", host = dev / "tun0600";
  std::filesystem::create_directories(dev);
  ASSERT_EQ(::mknod(host.c_str(), S_IFCHR | 0600, kNull), 0);
  ASSERT_EQ(::chmod(host.c_str(), 0600), 0);
  auto copy = vz::internal::MakeNodeCopy(dev, 101, "tun0600", {'c', 1, 3},
                                         {.uid_base = kShift, .gid_base = kShift});
  ASSERT_TRUE(copy) << copy.error().message();
  // VE_ROOT, below a directory only the host's root may walk.
  const auto ct = dir.path() / "root/101";
  std::filesystem::create_directories(ct / "dev");
  ASSERT_EQ(::chmod((dir.path() / "root").c_str(), 0700), 0);
  for (const auto& owned : {ct, ct / "dev"}) ASSERT_EQ(::chown(owned.c_str(), kShift, kShift), 0);
  // The host's node is reached through a directory anyone may walk.
  ASSERT_EQ(::chmod(dir.path().c_str(), 0755), 0);
  EXPECT_EQ(vztest::RunInMappedUserNs(
                kShift, [&] { return InitChildSteps(ct.string(), copy->string(), host.string()); }),
            0);
}

}  // namespace
