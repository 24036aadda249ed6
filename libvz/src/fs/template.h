// SPDX-License-Identifier: LGPL-2.1-or-later
//
// OS template caches: finding them and unpacking them into a private area.
//
// An OS template cache is a tarball of a root filesystem, kept as
// <template_dir>/cache/<name>.tar.gz (or .tar.xz, .tar.bz2, .tar.zst, .tar).
// Inside the archive every file belongs to the container's own users: root
// is uid 0. A container runs with its ids shifted into a range of host ids,
// so unpacking adds uid_shift/gid_shift to every owner, to every user and
// group named in an ACL, and to the root id of file capabilities
// (security.capability is rewritten as a v3 capability whose root is the
// container's root, so it grants nothing on the host). Each of those ids
// must be below id_count: shifted, any other would be an id of another
// container. Owners are always taken by number; user and group names in
// the archive are never looked up in the host's databases. Of extended
// attributes only user.* and security.capability are restored: host root
// would write trusted.* and other security.* ones (overlayfs metadata,
// IMA and SELinux labels) with powers the container's root lacks.
//
// Unpacking treats the archive as untrusted: entries with absolute paths or
// ".." components are rejected, nothing is written through a symlink that
// the archive itself placed, and hardlink targets are resolved under the
// destination only. Permissions (including set-id bits), mtimes, symlinks,
// hardlinks, FIFOs and extended attributes are restored as stored, which
// needs root (CAP_CHOWN, ...). Character and block devices are skipped: host
// root would make them, and a container gets its /dev when it starts.
//
// UnpackTemplate is all or nothing: on any failure, including cancellation,
// it removes the destination directory it created, so a caller never sees a
// half-unpacked private area.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string_view>

#include "vz/core/error.h"

namespace vz {

// Finds <template_dir>/cache/<name>.tar.gz, .tar.xz, .tar.bz2, .tar.zst or
// .tar: the first of them that exists as a regular file (symlinks to one are
// followed).
//
// A missing cache fails with ErrorKind::kTemplateMissing and ENOENT, naming
// where it looked:
//   OS template cache 'debian-12' not found in /vz/template/cache
//   (tried debian-12.tar.gz, debian-12.tar.xz, ...)
// A name that is empty or contains '/' fails with kInvalidArgument (EINVAL).
Result<std::filesystem::path> FindTemplateCache(const std::filesystem::path& template_dir,
                                                std::string_view name);

struct UnpackOptions {
  // Added to every uid in the archive: container root 0 becomes uid_shift on
  // the host. Shifted ids must stay below 2^32 - 1.
  uid_t uid_shift = 0;
  gid_t gid_shift = 0;
  // Archive owners, ACL ids and capability root ids must be below this: the
  // size of the container's id range, so that no file lands in (or grants
  // to) another container's ids on the host.
  uint32_t id_count = UINT32_MAX;
  // Called with 0..100 as the compressed input is consumed, only when the
  // value grows; the last call is 100 on success.
  std::function<void(int percent)> progress;
  // Polled between entries and between data blocks; once it is true the
  // unpacking stops and fails with ErrorKind::kCancelled (ECANCELED).
  const std::atomic<bool>* cancel = nullptr;
  // Called on the new, still empty destination directory before anything
  // is unpacked into it (to give it what its entries are to inherit).
  std::function<Status(const std::filesystem::path& dest)> prepare;
};

// Unpacks the archive (tar, optionally compressed with gzip, xz, lzma,
// bzip2 or zstd) into dest.
//
// dest must not exist yet (fails with EEXIST otherwise; its parent must
// exist); it is created with mode 0755, owned by uid_shift:gid_shift, unless
// the archive carries an entry for "." that says otherwise (shifted too).
// That entry must be a directory: a "." that is a symlink, a file or
// anything else would replace dest itself and is refused (kBadTemplate),
// and dest is checked (lstat) to be a directory once unpacked.
// On failure dest is removed again.
//
// Errors name the archive or the file being written. A broken archive (an
// unknown format, truncated data, an unsafe path, an id out of range, a
// malformed security.capability) fails
// with ErrorKind::kBadTemplate, e.g.
//   archive_read_open(/vz/template/cache/x.tar.gz): Unrecognized archive format
// A failed system call keeps its errno, e.g.
//   archive_write_header(x.tar.gz: ./etc/passwd): Can't create '...': No space left on device
Status UnpackTemplate(const std::filesystem::path& archive, const std::filesystem::path& dest,
                      const UnpackOptions& opts = {});

}  // namespace vz
