// SPDX-License-Identifier: LGPL-2.1-or-later
#include "fs/template.h"

#include <archive.h>
#include <archive_entry.h>
#include <endian.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/remove_tree.h"
#include "core/unique_fd.h"

namespace vz {

namespace fs = std::filesystem;

namespace {

// The suffixes of an OS template cache, in the order they are looked for.
constexpr std::string_view kCacheSuffixes[] = {".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst",
                                               ".tar"};

// How much of the archive file is read at a time.
constexpr size_t kReadBlockSize = 64 * 1024;

// What is restored, and how safely. ARCHIVE_EXTRACT_SECURE_NOABSOLUTEPATHS is
// not set because every path is re-rooted under the (absolute) destination;
// absolute paths in the archive are rejected before that, by UnsafePath().
constexpr int kExtractFlags = ARCHIVE_EXTRACT_OWNER | ARCHIVE_EXTRACT_PERM | ARCHIVE_EXTRACT_TIME |
                              ARCHIVE_EXTRACT_ACL | ARCHIVE_EXTRACT_XATTR |
                              ARCHIVE_EXTRACT_SECURE_SYMLINKS | ARCHIVE_EXTRACT_SECURE_NODOTDOT;

constexpr char kCapsXattr[] = "security.capability";

// The errno libarchive reports for a malformed archive (its private
// ARCHIVE_ERRNO_FILE_FORMAT, EILSEQ on Linux); other errors are real errnos
// or -1 (ARCHIVE_ERRNO_MISC).
constexpr int kFileFormatErrno = EILSEQ;

struct ReadFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
struct WriteFree {
  void operator()(archive* a) const { archive_write_free(a); }
};

// Whether a libarchive result means the step failed. Warnings count: a chown
// or chmod that did not happen would leave a wrong container. Only a
// filesystem without xattr or ACL support is let pass.
bool Failed(archive* a, la_ssize_t result) {
  if (result >= ARCHIVE_OK) return false;
  return result != ARCHIVE_WARN || archive_errno(a) != ENOTSUP;
}

// The error libarchive reports, after `what`. A real errno is kept; anything
// else (an unknown format, truncated data) means the archive is broken.
std::unexpected<Error> ArchiveError(archive* a, const std::string& what) {
  const char* text = archive_error_string(a);
  std::string context = what + ": " + (text ? text : "unknown libarchive error");
  const int err = archive_errno(a);
  if (err > 0 && err != kFileFormatErrno) return MakeError(err, std::move(context));
  return KindError(ErrorKind::kBadTemplate, std::move(context));
}

// Why a path from the archive is unsafe to re-root, or "" when it is fine.
std::string UnsafePath(std::string_view path) {
  if (path.empty()) return "empty or unreadable path";
  if (path.front() == '/') return "absolute path";
  for (size_t start = 0; start <= path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    if (path.substr(start, end - start) == "..") return "'..' in path";
    start = end + 1;
  }
  return "";
}

// Whether a path from the archive names the destination itself: ".", "./",
// "./." and the like. Such an entry replaces the destination directory.
bool IsRootPath(std::string_view path) {
  for (size_t start = 0; start <= path.size();) {
    const size_t end = std::min(path.find('/', start), path.size());
    const std::string_view part = path.substr(start, end - start);
    if (!part.empty() && part != ".") return false;
    start = end + 1;
  }
  return true;
}

// Whether `id` shifted by `shift` is a valid host id (below (uid_t)-1).
bool ShiftFits(int64_t id, uint32_t shift) {
  return id >= 0 && id + int64_t{shift} < int64_t{UINT32_MAX};
}

uint32_t LoadLe32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, sizeof(v));
  return le32toh(v);
}

void StoreLe32(char* p, uint32_t v) {
  v = htole32(v);
  std::memcpy(p, &v, sizeof(v));
}

// A security.capability value rewritten as a v3 (namespaced) capability
// whose root id is shifted: v1 and v2 capabilities, which have no root id,
// would otherwise be honoured on the host. A v3 root id must be one of the
// container's `count` ids (a user namespace nested inside it): shifted, any
// other would name another container's root. nullopt when malformed or out
// of range.
std::optional<std::string> ShiftFileCaps(std::string_view value, uint32_t shift, uint32_t count) {
  if (value.size() < sizeof(uint32_t)) return std::nullopt;
  const uint32_t magic = LoadLe32(value.data());
  const uint32_t revision = magic & VFS_CAP_REVISION_MASK;
  int64_t root_id = 0;
  if (revision == VFS_CAP_REVISION_3 && value.size() == XATTR_CAPS_SZ_3) {
    root_id = LoadLe32(value.data() + XATTR_CAPS_SZ_2);
  } else if (!(revision == VFS_CAP_REVISION_2 && value.size() == XATTR_CAPS_SZ_2) &&
             !(revision == VFS_CAP_REVISION_1 && value.size() == XATTR_CAPS_SZ_1)) {
    return std::nullopt;
  }
  if (root_id >= int64_t{count} || !ShiftFits(root_id, shift)) return std::nullopt;
  std::string out(XATTR_CAPS_SZ_3, '\0');
  value.copy(out.data(), std::min<size_t>(value.size(), XATTR_CAPS_SZ_2));
  StoreLe32(out.data(), VFS_CAP_REVISION_3 | (magic & VFS_CAP_FLAGS_MASK));
  StoreLe32(out.data() + XATTR_CAPS_SZ_2, static_cast<uint32_t>(root_id + shift));
  return out;
}

// Whether an extended attribute from the archive is restored: user.* and
// file capabilities (rewritten by ShiftFileCaps). Host root would write the
// others with powers the container's root lacks: trusted.* (overlayfs
// whiteouts and redirects, read by host-side code), security.* labels for
// host LSMs (IMA/EVM, SELinux, SMACK), and anything else.
bool KeptXattr(std::string_view name) { return name.starts_with("user.") || name == kCapsXattr; }

using Xattrs = std::vector<std::pair<std::string, std::string>>;

Xattrs EntryXattrs(archive_entry* entry) {
  Xattrs xattrs;
  const char* name = nullptr;
  const void* value = nullptr;
  size_t size = 0;
  archive_entry_xattr_reset(entry);
  while (archive_entry_xattr_next(entry, &name, &value, &size) == ARCHIVE_OK) {
    std::string data = value ? std::string(static_cast<const char*>(value), size) : "";
    xattrs.emplace_back(name ? name : "", std::move(data));
  }
  return xattrs;
}

Result<std::string> RealPath(const fs::path& path) {
  std::unique_ptr<char, decltype(&free)> real(::realpath(path.c_str(), nullptr), &free);
  if (!real) return ErrnoError("realpath(" + path.string() + ")");
  return std::string(real.get());
}

// One run of unpacking an archive into a directory that exists already.
class Unpacker {
 public:
  Unpacker(std::string archive, std::string root, const UnpackOptions& opts)
      : archive_(std::move(archive)), root_(std::move(root)), opts_(opts) {}

  Status Open(int fd);
  Status Run();

 private:
  Status Extract(archive_entry* entry);
  Status CheckIds(archive_entry* entry, const std::string& name) const;
  Status CheckAclIds(archive_entry* entry, const std::string& name) const;
  Status Reroot(archive_entry* entry, const std::string& name) const;
  Status FilterXattrs(archive_entry* entry, const std::string& name) const;
  Status CopyData(const std::string& what);
  std::unexpected<Error> BadEntry(const std::string& name, const std::string& why) const;
  bool CancelRequested() const;
  std::unexpected<Error> Cancelled() const;
  void UpdateProgress();
  void Report(int percent);

  static la_int64_t ShiftUid(void* self, const char* name, la_int64_t uid);
  static la_int64_t ShiftGid(void* self, const char* name, la_int64_t gid);

  std::string archive_;  // the archive's path, for messages
  std::string root_;     // the canonical destination
  const UnpackOptions& opts_;
  std::unique_ptr<archive, ReadFree> reader_;
  std::unique_ptr<archive, WriteFree> writer_;
  int64_t size_ = 0;  // of the archive file
  int percent_ = -1;  // last reported progress
};

Status Unpacker::Open(int fd) {
  struct stat st;
  if (::fstat(fd, &st) != 0) return ErrnoError("fstat(" + archive_ + ")");
  size_ = st.st_size;
  reader_.reset(archive_read_new());
  writer_.reset(archive_write_disk_new());
  if (!reader_ || !writer_) return MakeError(ENOMEM, "unpack(" + archive_ + ")");
  archive* r = reader_.get();
  archive_read_support_format_tar(r);
  archive_read_support_filter_gzip(r);
  archive_read_support_filter_xz(r);
  archive_read_support_filter_lzma(r);
  archive_read_support_filter_bzip2(r);
  archive_read_support_filter_zstd(r);
  archive* w = writer_.get();
  archive_write_disk_set_options(w, kExtractFlags);
  archive_write_disk_set_user_lookup(w, this, &Unpacker::ShiftUid, nullptr);
  archive_write_disk_set_group_lookup(w, this, &Unpacker::ShiftGid, nullptr);
  if (archive_read_open_fd(r, fd, kReadBlockSize) != ARCHIVE_OK)
    return ArchiveError(r, "archive_read_open(" + archive_ + ")");
  return {};
}

Status Unpacker::Run() {
  Report(0);
  for (;;) {
    if (CancelRequested()) return Cancelled();
    archive_entry* entry = nullptr;
    const int r = archive_read_next_header(reader_.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN)
      return ArchiveError(reader_.get(), "archive_read_next_header(" + archive_ + ")");
    if (auto status = Extract(entry); !status) return status;
    UpdateProgress();
  }
  // Directory modes and times are set last, on close.
  if (Failed(writer_.get(), archive_write_close(writer_.get())))
    return ArchiveError(writer_.get(), "archive_write_close(" + root_ + ")");
  Report(100);
  return {};
}

Status Unpacker::Extract(archive_entry* entry) {
  const char* path = archive_entry_pathname(entry);
  const std::string name = path ? path : "";
  // Device nodes from a template would be made by host root and could open
  // host devices; a container gets its /dev when it starts.
  const auto type = archive_entry_filetype(entry);
  if (type == AE_IFCHR || type == AE_IFBLK) return {};
  if (auto status = CheckIds(entry, name); !status) return status;
  if (auto status = Reroot(entry, name); !status) return status;
  if (auto status = FilterXattrs(entry, name); !status) return status;
  archive* w = writer_.get();
  const std::string what = archive_ + ": " + name;
  if (Failed(w, archive_write_header(w, entry)))
    return ArchiveError(w, "archive_write_header(" + what + ")");
  if (!archive_entry_size_is_set(entry) || archive_entry_size(entry) > 0) {
    if (auto status = CopyData(what); !status) return status;
  }
  if (Failed(w, archive_write_finish_entry(w)))
    return ArchiveError(w, "archive_write_finish_entry(" + what + ")");
  return {};
}

Status Unpacker::CheckIds(archive_entry* entry, const std::string& name) const {
  const int64_t uid = archive_entry_uid(entry);
  const int64_t gid = archive_entry_gid(entry);
  if (!ShiftFits(uid, opts_.uid_shift) || !ShiftFits(gid, opts_.gid_shift)) {
    return BadEntry(name, "owner " + std::to_string(uid) + ":" + std::to_string(gid) +
                              " does not fit the id shift");
  }
  // An id past the container's range would land in another's on the host.
  if (uid >= int64_t{opts_.id_count} || gid >= int64_t{opts_.id_count}) {
    return BadEntry(name, "owner " + std::to_string(uid) + ":" + std::to_string(gid) +
                              " is outside the container's " + std::to_string(opts_.id_count) +
                              " ids");
  }
  return CheckAclIds(entry, name);
}

Status Unpacker::CheckAclIds(archive_entry* entry, const std::string& name) const {
  constexpr int kAnyAcl = ARCHIVE_ENTRY_ACL_TYPE_POSIX1E | ARCHIVE_ENTRY_ACL_TYPE_NFS4;
  int type, permset, tag, id;
  const char* acl_name;
  archive_entry_acl_reset(entry, kAnyAcl);
  while (archive_entry_acl_next(entry, kAnyAcl, &type, &permset, &tag, &id, &acl_name) ==
         ARCHIVE_OK) {
    if (tag != ARCHIVE_ENTRY_ACL_USER && tag != ARCHIVE_ENTRY_ACL_GROUP) continue;
    const uint32_t shift = tag == ARCHIVE_ENTRY_ACL_USER ? opts_.uid_shift : opts_.gid_shift;
    if (!ShiftFits(id, shift))
      return BadEntry(name, "ACL id " + std::to_string(id) + " does not fit the id shift");
    // Shifted, it would name a user or group of another container.
    if (id >= int64_t{opts_.id_count})
      return BadEntry(name, "ACL id " + std::to_string(id) + " is outside the container's " +
                                std::to_string(opts_.id_count) + " ids");
  }
  return {};
}

Status Unpacker::Reroot(archive_entry* entry, const std::string& name) const {
  if (auto why = UnsafePath(name); !why.empty()) return BadEntry(name, why);
  // libarchive would replace the (empty) destination with the entry: a
  // symlink there would make the private area point anywhere on the host.
  if (IsRootPath(name) &&
      (archive_entry_filetype(entry) != AE_IFDIR || archive_entry_hardlink(entry)))
    return BadEntry(name, "the archive's root is not a directory");
  archive_entry_set_pathname(entry, (root_ + "/" + name).c_str());
  const char* link = archive_entry_hardlink(entry);
  if (!link) return {};
  const std::string target = link;
  if (auto why = UnsafePath(target); !why.empty())
    return BadEntry(name, "hardlink to '" + target + "': " + why);
  archive_entry_set_hardlink(entry, (root_ + "/" + target).c_str());
  return {};
}

// Keeps only the xattrs KeptXattr allows, with file capabilities shifted
// (and refused when their root id is outside the container's ids).
Status Unpacker::FilterXattrs(archive_entry* entry, const std::string& name) const {
  Xattrs xattrs = EntryXattrs(entry);
  std::erase_if(xattrs, [](const auto& xattr) { return !KeptXattr(xattr.first); });
  // A pax archive may carry the same xattr twice (LIBARCHIVE. and SCHILY.).
  for (auto& [key, value] : xattrs) {
    if (key != kCapsXattr) continue;
    auto shifted = ShiftFileCaps(value, opts_.uid_shift, opts_.id_count);
    if (!shifted)
      return BadEntry(name, std::string("malformed ") + kCapsXattr +
                                ", or its root id is outside the container's ids");
    value = std::move(*shifted);
  }
  archive_entry_xattr_clear(entry);
  for (const auto& [key, value] : xattrs)
    archive_entry_xattr_add_entry(entry, key.c_str(), value.data(), value.size());
  return {};
}

Status Unpacker::CopyData(const std::string& what) {
  archive* r = reader_.get();
  archive* w = writer_.get();
  for (;;) {
    const void* buf = nullptr;
    size_t size = 0;
    la_int64_t offset = 0;
    const int rc = archive_read_data_block(r, &buf, &size, &offset);
    if (rc == ARCHIVE_EOF) return {};
    if (rc < ARCHIVE_WARN) return ArchiveError(r, "archive_read_data(" + what + ")");
    if (Failed(w, archive_write_data_block(w, buf, size, offset)))
      return ArchiveError(w, "archive_write_data(" + what + ")");
    UpdateProgress();
    if (CancelRequested()) return Cancelled();
  }
}

std::unexpected<Error> Unpacker::BadEntry(const std::string& name, const std::string& why) const {
  return KindError(ErrorKind::kBadTemplate,
                   "unpack(" + archive_ + "): entry '" + name + "': " + why);
}

bool Unpacker::CancelRequested() const {
  return opts_.cancel && opts_.cancel->load(std::memory_order_relaxed);
}

std::unexpected<Error> Unpacker::Cancelled() const {
  return KindError(ErrorKind::kCancelled, "unpack(" + archive_ + ")", ECANCELED);
}

void Unpacker::UpdateProgress() {
  if (!opts_.progress || size_ <= 0) return;
  const int64_t done = archive_filter_bytes(reader_.get(), -1);
  Report(static_cast<int>(std::clamp<int64_t>(done * 100 / size_, 0, 100)));
}

void Unpacker::Report(int percent) {
  if (!opts_.progress || percent <= percent_) return;
  percent_ = percent;
  opts_.progress(percent);
}

la_int64_t Unpacker::ShiftUid(void* self, const char* /*name*/, la_int64_t uid) {
  return uid + static_cast<Unpacker*>(self)->opts_.uid_shift;
}

la_int64_t Unpacker::ShiftGid(void* self, const char* /*name*/, la_int64_t gid) {
  return gid + static_cast<Unpacker*>(self)->opts_.gid_shift;
}

// After unpacking, dest itself must still be a directory, not a link.
Status CheckStillDirectory(const fs::path& dest, const fs::path& archive) {
  struct stat st;
  if (::lstat(dest.c_str(), &st) != 0) return ErrnoError("lstat(" + dest.string() + ")");
  if (!S_ISDIR(st.st_mode))
    return KindError(
        ErrorKind::kBadTemplate,
        "unpack(" + archive.string() + "): " + dest.string() + " is no longer a directory",
        ENOTDIR);
  return {};
}

// Unpacks into dest, which exists and is empty; the caller cleans up.
Status UnpackInto(int fd, const fs::path& archive, const fs::path& dest,
                  const UnpackOptions& opts) {
  if (::chmod(dest.c_str(), 0755) != 0) return ErrnoError("chmod(" + dest.string() + ")");
  if (::chown(dest.c_str(), opts.uid_shift, opts.gid_shift) != 0)
    return ErrnoError("chown(" + dest.string() + ")");
  auto root = RealPath(dest);
  if (!root) return std::unexpected(root.error());
  Unpacker unpacker(archive.string(), *root, opts);
  if (auto status = unpacker.Open(fd); !status) return status;
  if (auto status = unpacker.Run(); !status) return status;
  return CheckStillDirectory(dest, archive);
}

// Whether path is a regular file; false when it does not exist.
Result<bool> IsRegularFile(const fs::path& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) return S_ISREG(st.st_mode);
  if (errno == ENOENT || errno == ENOTDIR) return false;
  return ErrnoError("stat(" + path.string() + ")");
}

}  // namespace

Result<fs::path> FindTemplateCache(const fs::path& template_dir, std::string_view name) {
  const std::string file_name(name);
  if (name.empty() || name.find_first_of(std::string_view("/\0", 2)) != std::string_view::npos) {
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid OS template name '" + file_name + "' (empty or contains '/')",
                     EINVAL);
  }
  const fs::path cache = template_dir / "cache";
  std::string tried;
  for (std::string_view suffix : kCacheSuffixes) {
    const fs::path candidate = cache / (file_name + std::string(suffix));
    auto found = IsRegularFile(candidate);
    if (!found) return std::unexpected(found.error());
    if (*found) return candidate;
    tried += (tried.empty() ? "" : ", ") + candidate.filename().string();
  }
  return KindError(ErrorKind::kTemplateMissing,
                   "OS template cache '" + file_name + "' not found in " + cache.string() +
                       " (tried " + tried + ")",
                   ENOENT);
}

Status UnpackTemplate(const fs::path& archive, const fs::path& dest, const UnpackOptions& opts) {
  internal::UniqueFd fd(::open(archive.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + archive.string() + ")");
  if (::mkdir(dest.c_str(), 0755) != 0) return ErrnoError("mkdir(" + dest.string() + ")");
  Status status = opts.prepare ? opts.prepare(dest) : Status();
  if (status) status = UnpackInto(fd.get(), archive, dest, opts);
  // The first error is the one to report; a tree left behind is removed
  // by the next create or destroy.
  if (!status) (void)internal::RemoveTree(dest);
  return status;
}

}  // namespace vz
