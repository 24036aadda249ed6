// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The host's copies of the nodes of DEVNODES (vz/dev/options.h), which are
// what a container gets bound into its /dev. Internal.
//
// The host's own node is no use there: it belongs to the host's root
// (net/tun is 0600 root, a disk 0660 root:disk), and the container's root
// is another host uid, which the permission bits refuse. The container
// cannot make a node itself (its /dev is a tmpfs of its user namespace,
// where no node opens, and it has no CAP_MKNOD over the host), so vzctl
// makes one for it: of the host node's type, numbers and permission bits,
// owned by the host uid and gid of the container's root, in
//
//   <host /dev>/.vz/<CTID>/<NAME, escaped>      ("/dev/.vz/101/net%2Ftun")
//
// The directory is the host root's (0700), on the host's /dev (devtmpfs,
// never mounted nodev); the container sees only the node bound in. It is
// walked with openat(O_NOFOLLOW) and *at() calls relative to its
// descriptor, so no symlink there is ever followed. Start makes the copies
// afresh, set makes or removes one, and the facet's after_stop (and
// destroy) removes the directory.
#pragma once

#include <filesystem>
#include <string>

#include "core/unique_fd.h"
#include "vz/core/container.h"
#include "vz/core/error.h"
#include "vz/dev/options.h"

namespace vz::internal {

// <dev_dir>/.vz/<veid>: where container `veid`'s copies are.
std::filesystem::path NodeCopyDir(const std::filesystem::path& dev_dir, unsigned veid);

// The file name of the copy of /dev/<name>: one component, with '%' and
// '/' written %25 and %2F ("net/tun" is "net%2Ftun"), so no two names
// share one.
std::string NodeCopyName(const std::string& name);

// Makes the copy of the host's node <dev_dir>/<name> (a link there
// followed: the host's /dev is the host's), which must still be device
// `dev`, owned by `owner`'s uid_base and gid_base, and returns its path.
// The directories are made when missing (0700); a copy there already is
// replaced at once (mknodat() of a temporary name, renameat() over it).
// Errors are kSetDevices, with the errno and the path.
Result<std::filesystem::path> MakeNodeCopy(const std::filesystem::path& dev_dir, unsigned veid,
                                           const std::string& name, const DeviceId& dev,
                                           const IdMap& owner);

// An O_PATH descriptor of the copy at `copy` (a path MakeNodeCopy gave),
// which must be a node of device `dev`; its directories and itself are
// opened without following a link. kSetDevices otherwise, with the errno.
Result<UniqueFd> OpenNodeCopy(const std::filesystem::path& copy, const DeviceId& dev);

// A detached mount of its own (open_tree(OPEN_TREE_CLONE)) of `node`,
// OpenNodeCopy's descriptor of `copy`, to be attached in a container's
// /dev (kSetDevices).
Result<UniqueFd> CloneNodeMount(int node, const std::filesystem::path& copy);

// OpenNodeCopy, then CloneNodeMount: what set attaches from inside
// (dev/inside.h).
Result<UniqueFd> OpenNodeMount(const std::filesystem::path& copy, const DeviceId& dev);

// Removes the copy of /dev/<name>, if there is one (kSetDevices).
Status RemoveNodeCopy(const std::filesystem::path& dev_dir, unsigned veid, const std::string& name);

// Removes <dev_dir>/.vz/<veid> with every copy in it; nothing when it is
// not there. Something other than a directory there (a link) is removed
// itself, never followed.
Status RemoveNodeCopies(const std::filesystem::path& dev_dir, unsigned veid);

}  // namespace vz::internal
