// SPDX-License-Identifier: GPL-2.0-or-later
// DEVICES and DEVNODES as options and configs give them, how a change
// merges into them, and the VZCTL_SETDEVPERMS requests they become.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <vector>

#include "dev/config.h"
#include "dev/grants.h"
#include "kernel/ve_dev_ioctl.h"
#include "vz/dev/options.h"

namespace {

using vz::DeviceEntry;
using vz::DeviceId;
using vz::DevnodeEntry;
using vz::kDevQuota;
using vz::kDevRead;
using vz::kDevWrite;

DeviceEntry Dev(char type, unsigned major, std::optional<unsigned> minor, unsigned access) {
  return {{type, major, minor}, access};
}

TEST(DevOptions, DevicesTakeOpenVzsForm) {
  EXPECT_EQ(vz::ParseDeviceEntry("c:10:200:rw").value(), Dev('c', 10, 200, kDevRead | kDevWrite));
  EXPECT_EQ(vz::ParseDeviceEntry("b:8:all:q").value(), Dev('b', 8, std::nullopt, kDevQuota));
  EXPECT_EQ(vz::ParseDeviceEntry("b:8:0:wqr").value(),
            Dev('b', 8, 0, kDevRead | kDevWrite | kDevQuota));
  EXPECT_EQ(vz::ParseDeviceEntry("c:1:3:none").value(), Dev('c', 1, 3, 0));
  EXPECT_EQ(vz::ParseDeviceEntry("c:4095:1048575:r").value(), Dev('c', 4095, 1048575, kDevRead));
}

using Refusals = std::vector<std::pair<const char*, const char*>>;

// Each of `bad`'s texts is refused by `parse`, its message naming the text
// and giving the reason.
template <typename T>
void ExpectRefused(vz::Result<T> (*parse)(std::string_view), const Refusals& bad) {
  for (const auto& [text, why] : bad) {
    auto parsed = parse(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().kind(), vz::ErrorKind::kInvalidArgument) << text;
    EXPECT_NE(parsed.error().context().find(why), std::string::npos) << parsed.error().context();
    EXPECT_TRUE(parsed.error().context().starts_with("'" + std::string(text) + "': "))
        << parsed.error().context();
  }
}

TEST(DevOptions, BadDevicesAreRefusedWithTheReason) {
  ExpectRefused(vz::ParseDeviceEntry,
                {
                    {"x:1:2:rw", "type must be b or c"},
                    {"all:1:2:rw", "type must be b or c"},
                    {"c:1:rw", "expected b|c:MAJOR:MINOR|all:ACCESS"},
                    {"c:1:2:3:rw", "expected b|c:MAJOR:MINOR|all:ACCESS"},
                    {"c10200rw", "expected b|c:MAJOR:MINOR|all:ACCESS"},
                    {"c:a:2:rw", "major must be a number"},
                    {"c:all:all:rw", "major must be a number"},
                    {"c::2:rw", "major must be a number"},
                    {"c:-1:2:rw", "major must be a number"},
                    {"c:+1:2:rw", "major must be a number"},
                    {"c:4096:0:r", "major must be a number from 0 to 4095"},
                    {"c:1:x:r", "minor must be a number"},
                    {"c:1::r", "minor must be a number"},
                    {"c:1:1048576:r", "minor must be a number from 0 to 1048575"},
                    {"c:1:2:", "no access given"},
                    {"c:1:2:rx", "access must be r, w and q"},
                    {"c:1:2:RW", "access must be r, w and q"},
                    {"c:1:2:rr", "'r' is given twice"},
                    {"b:7:0:rw", "major 7 (loop devices)"},
                    {"b:7:all:r", "major 7 (loop devices)"},
                    {"c:7:1:r", "major 7 (loop devices)"},
                });
}

TEST(DevOptions, DevnodesArePathsUnderDev) {
  EXPECT_EQ(vz::ParseDevnodeEntry("net/tun:rw").value(),
            (DevnodeEntry{"net/tun", kDevRead | kDevWrite}));
  EXPECT_EQ(vz::ParseDevnodeEntry("fuse:rwq").value(),
            (DevnodeEntry{"fuse", kDevRead | kDevWrite | kDevQuota}));
  EXPECT_EQ(vz::ParseDevnodeEntry("net/tun:none").value(), (DevnodeEntry{"net/tun", 0}));
  EXPECT_EQ(vz::ParseDevnodeEntry("input/by-path/pci-0:0:1.0:r").value(),
            (DevnodeEntry{"input/by-path/pci-0:0:1.0", kDevRead}));
  // Names of their own that start like the standard ones.
  EXPECT_TRUE(vz::ParseDevnodeEntry("nullx:r"));
  EXPECT_TRUE(vz::ParseDevnodeEntry("ptsx/1:r"));
}

TEST(DevOptions, BadDevnodesAreRefusedWithTheReason) {
  ExpectRefused(vz::ParseDevnodeEntry, {
                                           {"/dev/net/tun:rw", "relative to /dev"},
                                           {"/etc/shadow:r", "relative to /dev"},
                                           {"../etc:rw", "without '.', '..'"},
                                           {"net/../../etc:rw", "without '.', '..'"},
                                           {"net/..:rw", "without '.', '..'"},
                                           {"./tun:rw", "without '.', '..'"},
                                           {"net//tun:rw", "without '.', '..', '//'"},
                                           {"net/tun/:rw", "without '.', '..', '//'"},
                                           {":rw", "without '.', '..', '//'"},
                                           {"a b:rw", "or blanks"},
                                           {"a\"b:rw", "or blanks"},
                                           {"null:rw", "/dev/null of its own"},
                                           {"pts/0:rw", "/dev/pts of its own"},
                                           {"shm/x:rw", "/dev/shm of its own"},
                                           {"console:w", "/dev/console of its own"},
                                           {"net/tun", "expected NAME:ACCESS"},
                                           {"net/tun:", "no access given"},
                                           {"net/tun:x", "access must be r, w and q"},
                                       });
}

TEST(DevOptions, FormattedEntriesReadBack) {
  for (const char* text : {"c:10:200:rw", "b:8:all:q", "c:1:3:none", "b:254:16:rwq"})
    EXPECT_EQ(vz::FormatDeviceEntry(vz::ParseDeviceEntry(text).value()), text);
  for (const char* text : {"net/tun:rw", "fuse:r", "net/tun:none"})
    EXPECT_EQ(vz::FormatDevnodeEntry(vz::ParseDevnodeEntry(text).value()), text);
  EXPECT_EQ(vz::FormatDeviceEntry(vz::ParseDeviceEntry("c:10:200:wr").value()), "c:10:200:rw");
}

vz::ConfigStack Stack(const std::string& ct) {
  return vz::ConfigStack(vz::ConfigFile(), vz::ConfigFile::Parse(ct).value());
}

TEST(DevConfig, ReadsBothKeysLaterEntriesWinning) {
  auto cfg = vz::internal::ReadDevConfig(
      Stack("DEVICES=\"c:10:200:rw b:8:all:q c:10:200:r c:1:9:none\"\nDEVNODES=\"net/tun:rw \"\n"));
  ASSERT_TRUE(cfg) << cfg.error().message();
  EXPECT_EQ(cfg->devices, (std::vector<DeviceEntry>{Dev('c', 10, 200, kDevRead),
                                                    Dev('b', 8, std::nullopt, kDevQuota)}));
  EXPECT_EQ(cfg->devnodes, (std::vector<DevnodeEntry>{{"net/tun", kDevRead | kDevWrite}}));
  auto none = vz::internal::ReadDevConfig(Stack(""));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->devices.empty() && none->devnodes.empty());
}

TEST(DevConfig, ABadWordIsAConfigErrorNamingTheKey) {
  for (const std::string line : {"DEVICES=\"c:1:3:r x:1:2:rw\"", "DEVNODES=\"fuse:r ../x:rw\""}) {
    auto cfg = vz::internal::ReadDevConfig(Stack(line + "\n"));
    ASSERT_FALSE(cfg) << line;
    EXPECT_EQ(cfg.error().kind(), vz::ErrorKind::kBadConfig);
    EXPECT_TRUE(cfg.error().context().starts_with(line + ": ")) << cfg.error().context();
  }
}

vz::internal::DevConfig Stored() {
  return *vz::internal::ReadDevConfig(
      Stack("DEVICES=\"c:10:200:rw b:8:all:q\"\nDEVNODES=\"net/tun:rw fuse:r\"\n"));
}

// OpenVZ bug 3186: a new entry replaces the access of the same device and
// keeps the others.
TEST(DevConfig, ChangesAreCumulative) {
  vz::DevOptions opts;
  opts.devices = {Dev('c', 10, 200, kDevRead), Dev('c', 1, 5, kDevRead)};
  opts.devnodes = {{"fuse", kDevRead | kDevWrite}, {"kvm", kDevRead}};
  auto merged = vz::internal::MergeDev(Stored(), opts);
  EXPECT_EQ(merged.devices, (std::vector<DeviceEntry>{Dev('c', 10, 200, kDevRead),
                                                      Dev('b', 8, std::nullopt, kDevQuota),
                                                      Dev('c', 1, 5, kDevRead)}));
  EXPECT_EQ(merged.devnodes, (std::vector<DevnodeEntry>{{"net/tun", kDevRead | kDevWrite},
                                                        {"fuse", kDevRead | kDevWrite},
                                                        {"kvm", kDevRead}}));
}

TEST(DevConfig, NoneRemovesOneEntryOrAllOfAKey) {
  vz::DevOptions one;
  one.devices = {Dev('b', 8, std::nullopt, 0), Dev('c', 9, 9, 0)};  // the second is not there
  one.devnodes = {{"net/tun", 0}};
  auto merged = vz::internal::MergeDev(Stored(), one);
  EXPECT_EQ(merged.devices, (std::vector<DeviceEntry>{Dev('c', 10, 200, kDevRead | kDevWrite)}));
  EXPECT_EQ(merged.devnodes, (std::vector<DevnodeEntry>{{"fuse", kDevRead}}));
  vz::DevOptions all;
  all.devices_none = true;
  all.devices = {Dev('c', 1, 5, kDevWrite)};  // none goes first, then the new entries
  merged = vz::internal::MergeDev(Stored(), all);
  EXPECT_EQ(merged.devices, (std::vector<DeviceEntry>{Dev('c', 1, 5, kDevWrite)}));
  EXPECT_EQ(merged.devnodes.size(), 2u);
}

TEST(DevConfig, StoresOnlyTheKeysTheChangeTouches) {
  auto conf = vz::ConfigFile::Parse("DEVICES=\"c:10:200:rw b:8:all:q\"\nDEVNODES=\"fuse:r\"\n");
  ASSERT_TRUE(conf);
  vz::DevOptions opts;
  opts.devices = {Dev('c', 10, 200, kDevRead)};
  auto stored = *vz::internal::ReadDevConfig(vz::ConfigStack(vz::ConfigFile(), *conf));
  ASSERT_TRUE(vz::internal::StoreDevConfig(*conf, vz::internal::MergeDev(stored, opts), opts));
  EXPECT_EQ(conf->Serialize(), "DEVICES=\"c:10:200:r b:8:all:q\"\nDEVNODES=\"fuse:r\"\n");
  vz::DevOptions none;
  none.devnodes_none = true;
  ASSERT_TRUE(vz::internal::StoreDevConfig(*conf, vz::internal::MergeDev(stored, none), none));
  EXPECT_EQ(conf->Get("DEVNODES").value(), "");
  EXPECT_EQ(conf->Get("DEVICES").value(), "c:10:200:r b:8:all:q");
}

TEST(DevGrants, DevicesAndNodesTogether) {
  vz::internal::NodeDevices nodes = {{"net/tun", {'c', 10, 200}}};  // no "fuse": gone from the host
  auto grants = vz::internal::GrantsOf(Stored(), nodes);
  EXPECT_EQ(grants, (vz::internal::DevGrants{{{'c', 10, 200}, kDevRead | kDevWrite},
                                             {{'b', 8, std::nullopt}, kDevQuota}}));
  vz::internal::DevConfig both;
  both.devices = {Dev('c', 10, 200, kDevRead)};
  both.devnodes = {{"net/tun", kDevWrite}};
  EXPECT_EQ(vz::internal::GrantsOf(both, nodes),
            (vz::internal::DevGrants{{{'c', 10, 200}, kDevRead | kDevWrite}}));
}

// The request is OpenVZ's: S_IFCHR/S_IFBLK with VE_USE_MINOR (030) or
// VE_USE_MAJOR (010), the dev number as userspace's makedev() makes it
// (the kernel's new_encode_dev()), S_IROTH, S_IWOTH and S_IXGRP.
TEST(DevPermsRequest, EncodesTypeDeviceAndMask) {
  auto rw = vz::internal::DevPermsRequest(101, {'c', 10, 200}, kDevRead | kDevWrite);
  EXPECT_EQ(rw.veid, 101u);
  EXPECT_EQ(rw.type, static_cast<__u32>(S_IFCHR | 030));
  EXPECT_EQ(rw.dev, (10u << 8) | 200u);
  EXPECT_EQ(rw.mask, 06u);
  auto major = vz::internal::DevPermsRequest(7, {'b', 8, std::nullopt}, kDevQuota);
  EXPECT_EQ(major.type, static_cast<__u32>(S_IFBLK | 010));
  EXPECT_EQ(major.dev, 8u << 8);
  EXPECT_EQ(major.mask, 010u);
  auto big = vz::internal::DevPermsRequest(1, {'b', 259, 0x12345}, kDevRead);
  EXPECT_EQ(big.dev, (0x45u) | (259u << 8) | (0x12300u << 12));  // new_encode_dev
  EXPECT_EQ(big.mask, 04u);
  auto none = vz::internal::DevPermsRequest(1, {'c', 1, 3}, 0);
  EXPECT_EQ(none.mask, 0u);
  EXPECT_EQ(none.type & 030, 030u);
  EXPECT_EQ(vz::internal::DeviceName({'b', 8, std::nullopt}), "b 8:all");
  EXPECT_EQ(vz::internal::DeviceName({'c', 10, 200}), "c 10:200");
}

}  // namespace
