// SPDX-License-Identifier: LGPL-2.1-or-later
#include "uts/resolv_write.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "core/unique_fd.h"

namespace vz::internal {

namespace {

constexpr size_t kMaxSize = 64 * 1024;

// The current content, when `path` is a regular file; "" otherwise.
std::string ReadCurrent(const char* path) {
  UniqueFd fd(::open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  struct stat st;
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return {};
  std::string text;
  char buf[4096];
  ssize_t n;
  while (text.size() < kMaxSize && (n = ::read(fd.get(), buf, sizeof(buf))) > 0)
    text.append(buf, static_cast<size_t>(n));
  return text;
}

int WriteAll(int fd, const std::string& text) {
  for (size_t off = 0; off < text.size();) {
    ssize_t n = ::write(fd, text.data() + off, text.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    off += static_cast<size_t>(n);
  }
  return ::fsync(fd) == 0 ? 0 : errno;
}

std::string TempName(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
  return dir + "/.resolv.conf.vzXXXXXX";
}

}  // namespace

int WriteResolvConf(const DnsSettings& dns, const char* path) {
  const std::string text = RenderResolvConf(ReadCurrent(path), dns);
  std::string tmp = TempName(path);
  // mkstemp opens with O_CREAT | O_EXCL: it never follows a planted link.
  UniqueFd fd(::mkostemp(tmp.data(), O_CLOEXEC));
  if (fd.get() < 0) return errno;
  int err = ::fchmod(fd.get(), 0644) == 0 ? WriteAll(fd.get(), text) : errno;
  if (::close(fd.release()) != 0 && err == 0) err = errno;
  if (err == 0 && ::rename(tmp.c_str(), path) != 0) err = errno;
  if (err != 0) ::unlink(tmp.c_str());
  return err;
}

}  // namespace vz::internal
