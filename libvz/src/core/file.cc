// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/unique_fd.h"

namespace vz::internal {

namespace {

Status WriteAll(int fd, std::string_view data, const std::string& name) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("write(" + name + ")");
    data.remove_prefix(static_cast<size_t>(n));
  }
  return {};
}

Status FsyncDir(const std::filesystem::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("open(" + dir.string() + ")");
  const int rc = ::fsync(fd);
  const int saved_errno = errno;
  ::close(fd);
  if (rc != 0) return MakeError(saved_errno, "fsync(" + dir.string() + ")");
  return {};
}

// A temp file next to the file it will replace; removed unless renamed.
class TempFile {
 public:
  TempFile(const std::filesystem::path& target, mode_t mode)
      : target_(target), path_(target.string() + ".tmpXXXXXX"), mode_(mode) {}
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (created_ && !renamed_) ::unlink(path_.c_str());
  }

  Status Create() {
    fd_ = ::mkostemp(path_.data(), O_CLOEXEC);
    if (fd_ < 0) return ErrnoError("mkstemp(" + path_ + ")");
    created_ = true;
    if (::fchmod(fd_, mode_) != 0) return ErrnoError("fchmod(" + path_ + ")");
    return {};
  }

  // Writes `data`, flushes it to disk and closes the file.
  Status Fill(std::string_view data) {
    if (auto written = WriteAll(fd_, data, path_); !written) return written;
    if (::fsync(fd_) != 0) return ErrnoError("fsync(" + path_ + ")");
    const int rc = ::close(fd_);
    fd_ = -1;
    if (rc != 0) return ErrnoError("close(" + path_ + ")");
    return {};
  }

  Status Commit() {
    if (::rename(path_.c_str(), target_.c_str()) != 0)
      return ErrnoError("rename(" + path_ + ", " + target_.string() + ")");
    renamed_ = true;
    return {};
  }

 private:
  std::filesystem::path target_;
  std::string path_;
  mode_t mode_;
  int fd_ = -1;
  bool created_ = false;
  bool renamed_ = false;
};

}  // namespace

Result<std::string> ReadFile(const std::filesystem::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("open(" + path.string() + ")");
  UniqueFd closer(fd);

  std::string data;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof(buf));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("read(" + path.string() + ")");
    if (n == 0) return data;
    data.append(buf, static_cast<size_t>(n));
  }
}

Result<std::string> ReadFirstLine(const std::filesystem::path& path) {
  auto data = ReadFile(path);
  if (!data) return std::unexpected(data.error());
  return data->substr(0, data->find('\n'));
}

Status MakePrivateParents(const std::filesystem::path& dir, mode_t mode) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  const auto parent = dir.parent_path();
  if (!parent.empty() && parent != dir && !std::filesystem::exists(parent, ec)) {
    if (auto made = MakePrivateParents(parent); !made) return made;
    ::chmod(parent.c_str(), 0711);
  }
  if (::mkdir(dir.c_str(), mode) == 0) {
    // mkdir's mode is masked by the umask; this one is meant as given.
    if (::chmod(dir.c_str(), mode) != 0) return ErrnoError("chmod(" + dir.string() + ")");
    return {};
  }
  if (errno != EEXIST) return ErrnoError("mkdir(" + dir.string() + ")");
  return {};
}

Status MakeHostOnlyDir(const std::filesystem::path& dir) {
  if (auto made = MakePrivateParents(dir, 0700); !made) return made;
  struct stat st;
  if (::lstat(dir.c_str(), &st) != 0) return ErrnoError("lstat(" + dir.string() + ")");
  if (!S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & 077) == 0 || dir == "/") return {};
  if (::chmod(dir.c_str(), st.st_mode & 07700) != 0)
    return ErrnoError("chmod(" + dir.string() + ", 0700)");
  return {};
}

Status ReplaceFile(const std::filesystem::path& path, std::string_view data, mode_t mode) {
  TempFile temp(path, mode);
  if (auto created = temp.Create(); !created) return created;
  if (auto filled = temp.Fill(data); !filled) return filled;
  if (auto committed = temp.Commit(); !committed) return committed;
  const std::filesystem::path dir = path.parent_path();
  return FsyncDir(dir.empty() ? std::filesystem::path(".") : dir);
}

Status SyncFilesystem(const std::filesystem::path& path) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + path.string() + ")");
  if (::syncfs(fd.get()) != 0) return ErrnoError("syncfs(" + path.string() + ")");
  return {};
}

Status SyncDirectory(const std::filesystem::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) return ErrnoError("open(" + dir.string() + ")");
  if (::fsync(fd.get()) != 0) return ErrnoError("fsync(" + dir.string() + ")");
  return {};
}

}  // namespace vz::internal
