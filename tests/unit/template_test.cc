// SPDX-License-Identifier: GPL-2.0-or-later
#include "fs/template.h"

#include <archive.h>
#include <archive_entry.h>
#include <endian.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "test_dir.h"

namespace {

namespace fs = std::filesystem;

constexpr time_t kMtime = 946684800;  // 2000-01-01 00:00 UTC

enum class Compression { kNone, kGzip, kXz };

// One entry of a test archive, built with chained setters.
struct Entry {
  explicit Entry(std::string entry_path, mode_t entry_type = AE_IFREG)
      : path(std::move(entry_path)), type(entry_type), perm(type == AE_IFREG ? 0644 : 0755) {}
  Entry& Perm(mode_t p) { return perm = p, *this; }
  Entry& Owner(int64_t u, int64_t g) { return uid = u, gid = g, *this; }
  Entry& Data(std::string d) { return data = std::move(d), *this; }
  Entry& Link(std::string target) { return symlink = std::move(target), *this; }
  Entry& HardlinkTo(std::string target) { return hardlink = std::move(target), *this; }
  Entry& Rdev(dev_t dev) { return rdev = dev, *this; }
  Entry& Xattr(std::string name, std::string value) {
    xattrs.emplace_back(std::move(name), std::move(value));
    return *this;
  }

  std::string path;
  mode_t type;
  mode_t perm;
  int64_t uid = 0;
  int64_t gid = 0;
  std::string data;
  std::string symlink;
  std::string hardlink;
  dev_t rdev = 0;
  std::vector<std::pair<std::string, std::string>> xattrs;
};

// Writes a pax tar archive with libarchive, entry by entry.
class TarWriter {
 public:
  TarWriter(const fs::path& path, Compression compression) : archive_(archive_write_new()) {
    archive_write_set_format_pax_restricted(archive_);
    if (compression == Compression::kGzip) archive_write_add_filter_gzip(archive_);
    if (compression == Compression::kXz) archive_write_add_filter_xz(archive_);
    if (archive_write_open_filename(archive_, path.c_str()) != ARCHIVE_OK)
      ADD_FAILURE() << "archive_write_open_filename: " << archive_error_string(archive_);
  }
  TarWriter(const TarWriter&) = delete;
  TarWriter& operator=(const TarWriter&) = delete;
  ~TarWriter() {
    EXPECT_EQ(archive_write_close(archive_), ARCHIVE_OK) << archive_error_string(archive_);
    archive_write_free(archive_);
  }

  // Adds an entry; `customize` may change it further (ACLs) before writing.
  void Add(const Entry& e, const std::function<void(archive_entry*)>& customize = nullptr) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, e.path.c_str());
    archive_entry_set_filetype(entry, e.type);
    archive_entry_set_perm(entry, e.perm);
    archive_entry_set_uid(entry, e.uid);
    archive_entry_set_gid(entry, e.gid);
    archive_entry_set_mtime(entry, kMtime, 0);
    archive_entry_set_size(entry, static_cast<la_int64_t>(e.data.size()));
    if (!e.symlink.empty()) archive_entry_set_symlink(entry, e.symlink.c_str());
    if (!e.hardlink.empty()) archive_entry_set_hardlink(entry, e.hardlink.c_str());
    if (e.rdev != 0) archive_entry_set_rdev(entry, e.rdev);
    for (const auto& [name, value] : e.xattrs)
      archive_entry_xattr_add_entry(entry, name.c_str(), value.data(), value.size());
    if (customize) customize(entry);
    EXPECT_EQ(archive_write_header(archive_, entry), ARCHIVE_OK) << archive_error_string(archive_);
    if (!e.data.empty()) {
      EXPECT_EQ(archive_write_data(archive_, e.data.data(), e.data.size()),
                static_cast<la_ssize_t>(e.data.size()));
    }
    archive_entry_free(entry);
  }

 private:
  archive* archive_;
};

Entry File(std::string path, std::string data) {
  return Entry(std::move(path)).Data(std::move(data));
}

Entry Dir(std::string path) { return Entry(std::move(path), AE_IFDIR); }

Entry Symlink(std::string path, std::string target) {
  return Entry(std::move(path), AE_IFLNK).Perm(0777).Link(std::move(target));
}

Entry Hardlink(std::string path, std::string target) {
  return Entry(std::move(path)).HardlinkTo(std::move(target));
}

vz::UnpackOptions Shift(uid_t uid_shift, gid_t gid_shift) {
  vz::UnpackOptions opts;
  opts.uid_shift = uid_shift;
  opts.gid_shift = gid_shift;
  return opts;
}

// A small root filesystem: directories, files of root and of uid 1000, a
// set-uid binary, relative and absolute symlinks and a hardlink.
void WriteSampleTemplate(const fs::path& path, Compression compression) {
  TarWriter tar(path, compression);
  tar.Add(Dir("etc"));
  tar.Add(File("etc/secret", "top secret\n").Perm(0640));
  tar.Add(Dir("home"));
  tar.Add(Dir("home/user").Perm(0700).Owner(1000, 1000));
  tar.Add(File("home/user/notes", "mine\n").Perm(0600).Owner(1000, 1000));
  tar.Add(Dir("bin"));
  tar.Add(File("bin/busybox", "#!/bin/true\n").Perm(04755));
  tar.Add(Symlink("bin/sh", "busybox"));
  tar.Add(Symlink("bin/ash", "/bin/busybox"));
  tar.Add(Hardlink("etc/secret.bak", "etc/secret"));
}

// About 1 MiB that gzip cannot shrink, so the archive is about as large.
std::string RandomData(size_t size) {
  std::mt19937 rng(42);
  std::string data(size, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  return data;
}

void WriteBigTemplate(const fs::path& path) {
  TarWriter tar(path, Compression::kGzip);
  tar.Add(File("big", RandomData(1 << 20)));
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct stat Lstat(const fs::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path << ": " << std::strerror(errno);
  return st;
}

std::string GetXattr(const fs::path& path, const char* name) {
  char buf[256];
  ssize_t n = ::lgetxattr(path.c_str(), name, buf, sizeof(buf));
  return n < 0 ? "" : std::string(buf, static_cast<size_t>(n));
}

uint32_t Le32(const std::string& data, size_t offset) {
  uint32_t v = 0;
  std::memcpy(&v, data.data() + offset, sizeof(v));
  return le32toh(v);
}

// Options that keep every id as it is for a caller that is not root: the
// shift makes archive uid 0 the caller's own uid.
vz::UnpackOptions OwnIds() { return Shift(::geteuid(), ::getegid()); }

#define REQUIRE_ROOT() \
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (chown to shifted ids)"

// ---- FindTemplateCache ----------------------------------------------------

TEST(TemplateCache, FindsGzipAndXz) {
  vztest::TestDir dir;
  fs::create_directory(dir.path() / "cache");
  WriteSampleTemplate(dir.path() / "cache/debian-12.tar.gz", Compression::kGzip);
  WriteSampleTemplate(dir.path() / "cache/alpine.tar.xz", Compression::kXz);

  auto gz = vz::FindTemplateCache(dir.path(), "debian-12");
  ASSERT_TRUE(gz.has_value()) << gz.error().message();
  EXPECT_EQ(*gz, dir.path() / "cache/debian-12.tar.gz");
  auto xz = vz::FindTemplateCache(dir.path(), "alpine");
  ASSERT_TRUE(xz.has_value()) << xz.error().message();
  EXPECT_EQ(*xz, dir.path() / "cache/alpine.tar.xz");
}

TEST(TemplateCache, PrefersGzipOverPlainTar) {
  vztest::TestDir dir;
  dir.Write("cache/t.tar", "x");
  dir.Write("cache/t.tar.gz", "x");
  auto found = vz::FindTemplateCache(dir.path(), "t");
  ASSERT_TRUE(found.has_value()) << found.error().message();
  EXPECT_EQ(found->filename(), "t.tar.gz");
  fs::remove(dir.path() / "cache/t.tar.gz");
  found = vz::FindTemplateCache(dir.path(), "t");
  ASSERT_TRUE(found.has_value()) << found.error().message();
  EXPECT_EQ(found->filename(), "t.tar");
}

TEST(TemplateCache, MissingIsTemplateMissingAndSaysWhereItLooked) {
  vztest::TestDir dir;
  dir.Write("cache/other.tar.gz", "x");
  fs::create_directory(dir.path() / "cache/debian-12.tar.gz");  // a directory is no cache
  auto found = vz::FindTemplateCache(dir.path(), "debian-12");
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().kind(), vz::ErrorKind::kTemplateMissing);
  EXPECT_EQ(found.error().err_no(), ENOENT);
  const std::string msg = found.error().message();
  EXPECT_NE(msg.find("OS template cache 'debian-12' not found in " +
                     (dir.path() / "cache").string() + " (tried debian-12.tar.gz, "),
            std::string::npos)
      << msg;
  for (const char* suffix : {".tar.xz", ".tar.bz2", ".tar.zst", ".tar)"})
    EXPECT_NE(msg.find(std::string("debian-12") + suffix), std::string::npos) << msg;
}

TEST(TemplateCache, RejectsBadNames) {
  vztest::TestDir dir;
  dir.Write("cache/x.tar.gz", "x");
  dir.Write("x.tar.gz", "x");
  for (const char* name : {"", "cache/x", "../x", "/x"}) {
    auto found = vz::FindTemplateCache(dir.path(), name);
    ASSERT_FALSE(found.has_value()) << "name '" << name << "' found " << *found;
    EXPECT_EQ(found.error().kind(), vz::ErrorKind::kInvalidArgument) << name;
  }
}

// ---- UnpackTemplate: content and ownership --------------------------------

TEST(TemplateUnpack, ShiftsOwnersAndKeepsModesLinksAndContent) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  WriteSampleTemplate(dir.path() / "t.tar.gz", Compression::kGzip);
  const fs::path root = dir.path() / "root";
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.gz", root, Shift(100000, 200000));
  ASSERT_TRUE(done.has_value()) << done.error().message();

  struct stat st = Lstat(root);
  EXPECT_EQ(st.st_uid, 100000u);
  EXPECT_EQ(st.st_gid, 200000u);
  EXPECT_EQ(st.st_mode & 07777, 0755u);

  st = Lstat(root / "etc/secret");
  EXPECT_EQ(ReadAll(root / "etc/secret"), "top secret\n");
  EXPECT_EQ(st.st_mode & 07777, 0640u);
  EXPECT_EQ(st.st_uid, 100000u);
  EXPECT_EQ(st.st_gid, 200000u);
  EXPECT_EQ(st.st_mtime, kMtime);
  EXPECT_EQ(st.st_nlink, 2u);
  EXPECT_EQ(Lstat(root / "etc/secret.bak").st_ino, st.st_ino);

  st = Lstat(root / "home/user/notes");
  EXPECT_EQ(ReadAll(root / "home/user/notes"), "mine\n");
  EXPECT_EQ(st.st_uid, 101000u);
  EXPECT_EQ(st.st_gid, 201000u);
  st = Lstat(root / "home/user");
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(st.st_mode & 07777, 0700u);
  EXPECT_EQ(st.st_uid, 101000u);
  EXPECT_EQ(st.st_mtime, kMtime);  // directory times are set after their content

  EXPECT_EQ(Lstat(root / "bin/busybox").st_mode & 07777, 04755u);
  EXPECT_EQ(fs::read_symlink(root / "bin/sh"), "busybox");
  EXPECT_EQ(fs::read_symlink(root / "bin/ash"), "/bin/busybox");
  EXPECT_EQ(Lstat(root / "bin/sh").st_uid, 100000u);
}

TEST(TemplateUnpack, UnpacksXzWithoutShift) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  WriteSampleTemplate(dir.path() / "t.tar.xz", Compression::kXz);
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.xz", dir.path() / "root");
  ASSERT_TRUE(done.has_value()) << done.error().message();
  EXPECT_EQ(ReadAll(dir.path() / "root/home/user/notes"), "mine\n");
  EXPECT_EQ(Lstat(dir.path() / "root/home/user/notes").st_uid, 1000u);
  EXPECT_EQ(Lstat(dir.path() / "root/etc/secret").st_uid, 0u);
}

TEST(TemplateUnpack, KeepsXattrsAndSkipsDeviceNodes) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(File("tagged", "x").Xattr("user.vz.test", "hello"));
    tar.Add(Entry("null", AE_IFCHR).Perm(0666).Rdev(makedev(1, 3)));
  }
  const fs::path root = dir.path() / "root";
  auto done = vz::UnpackTemplate(dir.path() / "t.tar", root, Shift(100000, 0));
  ASSERT_TRUE(done.has_value()) << done.error().message();
  EXPECT_EQ(GetXattr(root / "tagged", "user.vz.test"), "hello");
  EXPECT_FALSE(fs::exists(fs::symlink_status(root / "null")));
}

TEST(TemplateUnpack, ShiftsTheRootIdOfFileCapabilities) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  // A v2 capability (no root id): cap_net_raw (13), permitted and effective.
  std::string caps(20, '\0');
  const uint32_t words[] = {htole32(0x02000001), htole32(1u << 13)};
  std::memcpy(caps.data(), words, sizeof(words));
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(File("ping", "x").Perm(0755).Xattr("security.capability", caps));
  }
  const fs::path root = dir.path() / "root";
  auto done = vz::UnpackTemplate(dir.path() / "t.tar", root, Shift(100000, 0));
  ASSERT_TRUE(done.has_value()) << done.error().message();
  const std::string stored = GetXattr(root / "ping", "security.capability");
  ASSERT_EQ(stored.size(), 24u) << "expected a v3 capability";
  EXPECT_EQ(Le32(stored, 0), 0x03000001u);
  EXPECT_EQ(Le32(stored, 4), 1u << 13);
  EXPECT_EQ(Le32(stored, 20), 100000u) << "root id";
}

TEST(TemplateUnpack, ShiftsAclIds) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(File("shared", "x").Perm(0640), [](archive_entry* e) {
      archive_entry_acl_add_entry(e, ARCHIVE_ENTRY_ACL_TYPE_ACCESS, ARCHIVE_ENTRY_ACL_READ,
                                  ARCHIVE_ENTRY_ACL_USER, 1000, "u1000");
      archive_entry_acl_add_entry(e, ARCHIVE_ENTRY_ACL_TYPE_ACCESS, ARCHIVE_ENTRY_ACL_READ,
                                  ARCHIVE_ENTRY_ACL_GROUP, 2000, "g2000");
      archive_entry_acl_add_entry(e, ARCHIVE_ENTRY_ACL_TYPE_ACCESS, ARCHIVE_ENTRY_ACL_READ,
                                  ARCHIVE_ENTRY_ACL_MASK, -1, nullptr);
    });
  }
  const fs::path root = dir.path() / "root";
  auto done = vz::UnpackTemplate(dir.path() / "t.tar", root, Shift(100000, 200000));
  ASSERT_TRUE(done.has_value()) << done.error().message();
  // system.posix_acl_access: a 4-byte version, then {u16 tag, u16 perm, u32 id}.
  const std::string acl = GetXattr(root / "shared", "system.posix_acl_access");
  if (acl.empty()) GTEST_SKIP() << "no POSIX ACL support on " << root;
  std::vector<std::pair<int, uint32_t>> named;  // (tag, id) of ACL_USER (2), ACL_GROUP (8)
  for (size_t off = 4; off + 8 <= acl.size(); off += 8) {
    const int tag = static_cast<unsigned char>(acl[off]) | static_cast<unsigned char>(acl[off + 1])
                                                               << 8;
    if (tag == 2 || tag == 8) named.emplace_back(tag, Le32(acl, off + 4));
  }
  const std::vector<std::pair<int, uint32_t>> expected = {{2, 101000u}, {8, 202000u}};
  EXPECT_EQ(named, expected);
}

TEST(TemplateUnpack, RejectsIdsThatOverflowTheShift) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(File("f", "x").Owner(4294967000LL, 0));
  }
  auto done = vz::UnpackTemplate(dir.path() / "t.tar", dir.path() / "root", Shift(100000, 0));
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kBadTemplate) << done.error().message();
  EXPECT_NE(done.error().message().find("'f'"), std::string::npos) << done.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

TEST(TemplateUnpack, RejectsIdsOutsideTheContainersRange) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(File("f", "x").Owner(70000, 0));
  }
  vz::UnpackOptions opts = Shift(100000, 100000);
  opts.id_count = 65536;
  auto done = vz::UnpackTemplate(dir.path() / "t.tar", dir.path() / "root", opts);
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kBadTemplate) << done.error().message();
  EXPECT_NE(done.error().message().find("outside the container"), std::string::npos)
      << done.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

// A template whose only entry is `e` (customized), unpacked for a container
// of 65536 ids at 100000; the result.
vz::Status UnpackOneIntoRange(const vztest::TestDir& dir, const Entry& e,
                              const std::function<void(archive_entry*)>& customize = nullptr) {
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(e, customize);
  }
  vz::UnpackOptions opts = Shift(100000, 100000);
  opts.id_count = 65536;
  return vz::UnpackTemplate(dir.path() / "t.tar", dir.path() / "root", opts);
}

void ExpectOutsideRange(const vz::Status& done, const vztest::TestDir& dir) {
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kBadTemplate) << done.error().message();
  EXPECT_NE(done.error().message().find("outside the container"), std::string::npos)
      << done.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

// L1: an ACL qualifier shifted past the container's range would name a
// user or group of the next container; access and default ACLs alike.
TEST(TemplateUnpack, RejectsAclIdsOutsideTheContainersRange) {
  REQUIRE_ROOT();
  for (int acl_type : {ARCHIVE_ENTRY_ACL_TYPE_ACCESS, ARCHIVE_ENTRY_ACL_TYPE_DEFAULT}) {
    for (int tag : {ARCHIVE_ENTRY_ACL_USER, ARCHIVE_ENTRY_ACL_GROUP}) {
      vztest::TestDir dir;
      const Entry e = acl_type == ARCHIVE_ENTRY_ACL_TYPE_ACCESS ? File("f", "x") : Dir("d");
      auto done = UnpackOneIntoRange(dir, e, [&](archive_entry* entry) {
        archive_entry_acl_add_entry(entry, acl_type, ARCHIVE_ENTRY_ACL_READ, tag, 70000, "x");
        archive_entry_acl_add_entry(entry, acl_type, ARCHIVE_ENTRY_ACL_READ, ARCHIVE_ENTRY_ACL_MASK,
                                    -1, nullptr);
      });
      SCOPED_TRACE("acl type " + std::to_string(acl_type) + " tag " + std::to_string(tag));
      ExpectOutsideRange(done, dir);
    }
  }
}

// A v3 capability of the archive with the given root id.
std::string V3Caps(uint32_t root_id) {
  std::string caps(24, '\0');
  const uint32_t words[] = {htole32(0x03000001), htole32(1u << 13)};
  std::memcpy(caps.data(), words, sizeof(words));
  const uint32_t root = htole32(root_id);
  std::memcpy(caps.data() + 20, &root, sizeof(root));
  return caps;
}

// L1: a v3 capability's root id is a uid of the container (a user
// namespace inside it), shifted with the owners; one past the range would
// grant the capability to another container's root.
TEST(TemplateUnpack, RejectsCapabilityRootIdsOutsideTheContainersRange) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  ExpectOutsideRange(
      UnpackOneIntoRange(dir,
                         File("ping", "x").Perm(0755).Xattr("security.capability", V3Caps(65536))),
      dir);
}

TEST(TemplateUnpack, ShiftsAV3CapabilityRootIdInsideTheRange) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  auto done = UnpackOneIntoRange(
      dir, File("ping", "x").Perm(0755).Xattr("security.capability", V3Caps(1000)));
  ASSERT_TRUE(done.has_value()) << done.error().message();
  const std::string stored = GetXattr(dir.path() / "root/ping", "security.capability");
  ASSERT_EQ(stored.size(), 24u);
  EXPECT_EQ(Le32(stored, 20), 101000u) << "root id";
}

// L1: host root restores what the archive says, so only user.* and file
// capabilities are kept: trusted.* (overlayfs metadata) and other
// security.* labels (IMA, SELinux) are dropped.
TEST(TemplateUnpack, DropsTrustedAndUnknownSecurityXattrs) {
  REQUIRE_ROOT();
  vztest::TestDir dir;
  auto done = UnpackOneIntoRange(dir, File("f", "x")
                                          .Xattr("trusted.overlay.opaque", "y")
                                          .Xattr("security.ima", "hash")
                                          .Xattr("user.kept", "yes"));
  ASSERT_TRUE(done.has_value()) << done.error().message();
  const fs::path f = dir.path() / "root/f";
  EXPECT_EQ(GetXattr(f, "user.kept"), "yes");
  char buf[64];
  for (const char* name : {"trusted.overlay.opaque", "security.ima"}) {
    errno = 0;
    EXPECT_LT(::lgetxattr(f.c_str(), name, buf, sizeof(buf)), 0) << name << " was restored";
    EXPECT_EQ(errno, ENODATA) << name;
  }
}

// ---- UnpackTemplate: failures ----------------------------------------------

TEST(TemplateUnpack, ExistingDestIsEexistAndLeftAlone) {
  vztest::TestDir dir;
  WriteSampleTemplate(dir.path() / "t.tar.gz", Compression::kGzip);
  dir.Write("root/keep", "mine");
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.gz", dir.path() / "root", OwnIds());
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().err_no(), EEXIST);
  EXPECT_NE(done.error().message().find((dir.path() / "root").string()), std::string::npos);
  EXPECT_EQ(ReadAll(dir.path() / "root/keep"), "mine");
  EXPECT_FALSE(fs::exists(dir.path() / "root/etc"));
}

TEST(TemplateUnpack, MissingArchiveCreatesNothing) {
  vztest::TestDir dir;
  auto done = vz::UnpackTemplate(dir.path() / "nope.tar.gz", dir.path() / "root", OwnIds());
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().err_no(), ENOENT);
  EXPECT_NE(done.error().message().find("nope.tar.gz"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

// Unpacks an archive that must be refused into <dir>/area/root; checks that
// the refusal names the entry, that root is gone and that nothing appeared
// next to it.
void ExpectRefused(const vztest::TestDir& dir, const fs::path& archive,
                   const std::string& entry_in_message) {
  fs::create_directory(dir.path() / "area");
  auto done = vz::UnpackTemplate(archive, dir.path() / "area/root", OwnIds());
  ASSERT_FALSE(done.has_value()) << "unpacked an unsafe archive";
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kBadTemplate) << done.error().message();
  EXPECT_NE(done.error().message().find(entry_in_message), std::string::npos)
      << done.error().message();
  EXPECT_NE(done.error().message().find(archive.string()), std::string::npos)
      << done.error().message();
  EXPECT_TRUE(fs::is_empty(dir.path() / "area")) << "dest not removed or something escaped";
}

TEST(TemplateUnpack, RejectsDotDotEntries) {
  vztest::TestDir dir;
  {
    TarWriter tar(dir.path() / "t.tar.gz", Compression::kGzip);
    tar.Add(File("fine", "x"));
    tar.Add(File("../escape", "gotcha"));
  }
  ExpectRefused(dir, dir.path() / "t.tar.gz", "../escape");
}

TEST(TemplateUnpack, RejectsAbsolutePaths) {
  vztest::TestDir dir;
  const fs::path target = dir.path() / "area/absolute";
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(File(target.string(), "gotcha"));
  }
  ExpectRefused(dir, dir.path() / "t.tar", target.string());
}

TEST(TemplateUnpack, DoesNotWriteThroughArchiveSymlinks) {
  vztest::TestDir dir;
  fs::create_directory(dir.path() / "outside");
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(Symlink("evil", (dir.path() / "outside").string()));
    tar.Add(File("evil/pwned", "gotcha"));
  }
  ExpectRefused(dir, dir.path() / "t.tar", "evil/pwned");
  EXPECT_TRUE(fs::is_empty(dir.path() / "outside"));
}

// An entry "." that is not a directory would replace the destination: a
// symlink there made the private area point at any host directory.
TEST(TemplateUnpack, RejectsARootEntryThatIsNotADirectory) {
  vztest::TestDir dir;
  dir.Write("outside/host-file", "host");
  const std::string outside = (dir.path() / "outside").string();
  const std::vector<std::pair<std::string, Entry>> cases = {
      {"dot symlink", Symlink(".", outside)},
      {"dot-slash symlink", Symlink("./", outside)},
      {"dot-dot-slash-dot symlink", Symlink("./.", outside)},
      {"dot fifo", Entry(".", AE_IFIFO).Perm(0644)},
      {"dot file", File(".", "x")},
  };
  for (const auto& [what, entry] : cases) {
    SCOPED_TRACE(what);
    const fs::path archive = dir.path() / "t.tar";
    {
      TarWriter tar(archive, Compression::kNone);
      tar.Add(entry);
      tar.Add(File("etc-file", "x"));
    }
    ExpectRefused(dir, archive, "the archive's root is not a directory");
    EXPECT_FALSE(fs::exists(fs::symlink_status(dir.path() / "area/root")));
    EXPECT_EQ(ReadAll(dir.path() / "outside/host-file"), "host");
    EXPECT_FALSE(fs::exists(dir.path() / "outside/etc-file"));
    fs::remove(archive);
  }
}

TEST(TemplateUnpack, RootEntryThatIsADirectoryIsFine) {
  vztest::TestDir dir;
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(Dir(".").Perm(0750));
    tar.Add(Dir("./etc"));
    tar.Add(File("./etc/hostname", "ct\n"));
  }
  const fs::path root = dir.path() / "root";
  auto done = vz::UnpackTemplate(dir.path() / "t.tar", root, OwnIds());
  ASSERT_TRUE(done.has_value()) << done.error().message();
  const struct stat st = Lstat(root);
  EXPECT_TRUE(S_ISDIR(st.st_mode));
  EXPECT_EQ(ReadAll(root / "etc/hostname"), "ct\n");
}

TEST(TemplateUnpack, HardlinksStayInsideDest) {
  vztest::TestDir dir;
  dir.Write("outside/host-file", "host");
  {
    TarWriter tar(dir.path() / "t.tar", Compression::kNone);
    tar.Add(Symlink("evil", (dir.path() / "outside").string()));
    tar.Add(Hardlink("stolen", "evil/host-file"));
  }
  ExpectRefused(dir, dir.path() / "t.tar", "stolen");
  EXPECT_EQ(Lstat(dir.path() / "outside/host-file").st_nlink, 1u);

  {
    TarWriter tar(dir.path() / "t2.tar", Compression::kNone);
    tar.Add(Hardlink("stolen", "../outside/host-file"));
  }
  ExpectRefused(dir, dir.path() / "t2.tar", "stolen");
  EXPECT_EQ(Lstat(dir.path() / "outside/host-file").st_nlink, 1u);
}

TEST(TemplateUnpack, GarbageNamesTheArchive) {
  vztest::TestDir dir;
  dir.Write("junk.tar.gz", RandomData(4096));
  auto done = vz::UnpackTemplate(dir.path() / "junk.tar.gz", dir.path() / "root", OwnIds());
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kBadTemplate) << done.error().message();
  EXPECT_NE(done.error().message().find("archive_read_open(" +
                                        (dir.path() / "junk.tar.gz").string() + "): "),
            std::string::npos)
      << done.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

TEST(TemplateUnpack, TruncatedArchiveFailsAndCleansUp) {
  vztest::TestDir dir;
  WriteBigTemplate(dir.path() / "t.tar.gz");
  fs::resize_file(dir.path() / "t.tar.gz", 300 * 1024);
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.gz", dir.path() / "root", OwnIds());
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kBadTemplate) << done.error().message();
  EXPECT_NE(done.error().message().find((dir.path() / "t.tar.gz").string()), std::string::npos)
      << done.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

// ---- UnpackTemplate: cancel and progress -----------------------------------

TEST(TemplateUnpack, CancelledBeforeStartRemovesDest) {
  vztest::TestDir dir;
  WriteSampleTemplate(dir.path() / "t.tar.gz", Compression::kGzip);
  std::atomic<bool> cancel{true};
  vz::UnpackOptions opts = OwnIds();
  opts.cancel = &cancel;
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.gz", dir.path() / "root", opts);
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kCancelled);
  EXPECT_EQ(done.error().err_no(), ECANCELED);
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

TEST(TemplateUnpack, CancelStopsALongCopy) {
  vztest::TestDir dir;
  WriteBigTemplate(dir.path() / "t.tar.gz");
  std::atomic<bool> cancel{false};
  int last = -1;
  vz::UnpackOptions opts = OwnIds();
  opts.cancel = &cancel;
  opts.progress = [&](int percent) {
    last = percent;
    if (percent > 0) cancel = true;  // in the middle of the only file
  };
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.gz", dir.path() / "root", opts);
  ASSERT_FALSE(done.has_value());
  EXPECT_EQ(done.error().kind(), vz::ErrorKind::kCancelled) << done.error().message();
  EXPECT_LT(last, 50) << "the copy went on after the cancel";
  EXPECT_FALSE(fs::exists(dir.path() / "root"));
}

TEST(TemplateUnpack, ReportsGrowingProgressEndingAt100) {
  vztest::TestDir dir;
  WriteBigTemplate(dir.path() / "t.tar.gz");
  ASSERT_GT(fs::file_size(dir.path() / "t.tar.gz"), 1000000u);
  std::vector<int> seen;
  vz::UnpackOptions opts = OwnIds();
  opts.progress = [&](int percent) { seen.push_back(percent); };
  auto done = vz::UnpackTemplate(dir.path() / "t.tar.gz", dir.path() / "root", opts);
  ASSERT_TRUE(done.has_value()) << done.error().message();
  EXPECT_EQ(ReadAll(dir.path() / "root/big"), RandomData(1 << 20));
  ASSERT_GE(seen.size(), 5u) << "progress should move in steps";
  EXPECT_EQ(seen.front(), 0);
  EXPECT_EQ(seen.back(), 100);
  for (size_t i = 1; i < seen.size(); ++i) EXPECT_LT(seen[i - 1], seen[i]) << "at call " << i;
}

}  // namespace
