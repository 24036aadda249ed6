// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/lock_file.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/file.h"

namespace vz::internal {

namespace fs = std::filesystem;

namespace {

// mkdir(dir, 0755), where an existing directory is fine.
Status MakeDir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), 0755) == 0) return {};
  if (errno != EEXIST) return ErrnoError("mkdir(" + dir.string() + ")");
  struct stat st;
  if (::stat(dir.c_str(), &st) != 0) return ErrnoError("stat(" + dir.string() + ")");
  if (!S_ISDIR(st.st_mode)) return MakeError(ENOTDIR, "mkdir(" + dir.string() + ")");
  return {};
}

}  // namespace

Status MakeLockDir(const fs::path& lock_dir) {
  if (lock_dir.empty()) {
    return KindError(ErrorKind::kInvalidArgument, "lock directory: empty path", EINVAL);
  }
  struct stat st;
  if (::stat(lock_dir.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return {};
  fs::path dir;
  for (const fs::path& part : lock_dir) {
    if (part.empty()) continue;  // the trailing "" of "a/b/"
    dir /= part;
    if (auto made = MakeDir(dir); !made) return made;
  }
  return {};
}

std::optional<pid_t> ParsePid(std::string_view text) {
  text = text.substr(0, text.find('\n'));
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  pid_t pid = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, pid);
  if (ec != std::errc() || ptr != end || pid <= 0) return std::nullopt;
  return pid;
}

std::optional<pid_t> ReadPid(int fd) {
  char buf[64];
  ssize_t n;
  do {
    n = ::pread(fd, buf, sizeof(buf), 0);
  } while (n < 0 && errno == EINTR);
  if (n <= 0) return std::nullopt;
  return ParsePid(std::string_view(buf, static_cast<size_t>(n)));
}

std::string DescribeProcess(pid_t pid) {
  std::string who = "pid " + std::to_string(pid);
  auto cmdline = ReadFile("/proc/" + std::to_string(pid) + "/cmdline");
  if (!cmdline) return who;
  std::ranges::replace(*cmdline, '\0', ' ');
  while (!cmdline->empty() && cmdline->back() == ' ') cmdline->pop_back();
  if (cmdline->empty()) return who;
  return who + " (" + *cmdline + ")";
}

Status WritePid(int fd, const fs::path& path) {
  std::string line = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0) return ErrnoError("ftruncate(" + path.string() + ")");
  size_t done = 0;
  while (done < line.size()) {
    ssize_t n = ::pwrite(fd, line.data() + done, line.size() - done, static_cast<off_t>(done));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("write(" + path.string() + ")");
    if (n == 0) return MakeError(EIO, "write(" + path.string() + ")");
    done += static_cast<size_t>(n);
  }
  return {};
}

}  // namespace vz::internal
