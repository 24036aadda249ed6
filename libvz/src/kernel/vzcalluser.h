// SPDX-License-Identifier: LGPL-2.1-or-later
//
// The /dev/vzctl ABI as userspace sees it: a copy of the definitions in the
// kernel series' include/uapi/linux/vzcalluser.h, kept here because build
// machines do not have the patched kernel's headers installed. Unit tests
// check the ioctl numbers against OpenVZ's published values.
#pragma once

#include <linux/ioctl.h>
#include <linux/types.h>
#include <sys/socket.h>

namespace vz::uapi {

inline constexpr unsigned kVzctlMajor = 126;

inline constexpr unsigned kVeCreate = 1;
inline constexpr unsigned kVeExclusive = 2;
inline constexpr unsigned kVeEnter = 4;
inline constexpr unsigned kVeTest = 8;

inline constexpr unsigned kVeConfigureOsRelease = 2;
inline constexpr unsigned kVeConfigureQuotaUgid = 3;

struct vzctl_env_create {
  __u32 veid;
  __u32 flags;
  __u32 class_id;
};

struct env_create_param3 {
  __u64 iptables_mask;
  __u64 feature_mask;
  __u32 total_vcpus;
  __u32 pad;
  __u64 known_features;
};

struct vzctl_env_create_data {
  __u32 veid;
  __u32 flags;
  __u32 class_id;
  env_create_param3* data;
  int datalen;
};

struct vzctl_ve_configure {
  __u32 veid;
  __u32 key;
  __u32 val;
  __u32 size;
  // followed by `size` bytes of data
};

// VE_CONFIGURE_QUOTA_UGID's data: a file on the filesystem of the VE's files.
struct vzctl_ve_quota_ugid {
  __s32 fd;
  __u32 flags;
};

struct vzctl_ve_stop {
  __u32 size;
  __u32 veid;
  __u64 flags;
};

// VZCTL_VE_ANNOUNCE: the host mounted (kVzEventMount) or unmounted
// (kVzEventUmount) a VE's root; the kernel tells the event listeners.
struct vzctl_ve_announce {
  __u32 size;
  __u32 veid;
  __u32 event;
  __u32 flags;
};
inline constexpr __u32 kVzEventMount = 1;
inline constexpr __u32 kVzEventUmount = 2;

// venet's address map (include/uapi/linux/vzctl_venet.h): which VE owns
// which IP address. `addr` points to a sockaddr_in or sockaddr_in6 and
// `addrlen` must be exactly its size.
struct vzctl_ve_ip_map {
  __u32 veid;
  int op;
  struct sockaddr* addr;
  int addrlen;
};

inline constexpr int kVeIpAdd = 1;
inline constexpr int kVeIpDel = 2;
inline constexpr int kVeIpExtAdd = 3;
inline constexpr int kVeIpExtDel = 4;

// Moves a host network device into a VE's network namespace and back
// (include/uapi/linux/vzcalluser.h).
struct vzctl_ve_netdev {
  __u32 veid;
  int op;
  char* dev_name;
};

inline constexpr int kVeNetdevAdd = 1;
inline constexpr int kVeNetdevDel = 2;

// VZCTL_SETDEVPERMS: which host devices a VE may open. `type` is S_IFBLK or
// S_IFCHR, OR-ed with kVeUseMajor (every minor of dev's major) or
// kVeUseMinor (dev alone; neither: every device of the type). `dev` is
// userspace's makedev(). `mask`: S_IROTH read, S_IWOTH write, S_IXGRP
// quota; 0 takes the access back.
struct vzctl_setdevperms {
  __u32 veid;
  __u32 type;
  __u32 dev;
  __u32 mask;
};
inline constexpr __u32 kVeUseMajor = 010;
inline constexpr __u32 kVeUseMinor = 030;

inline constexpr unsigned long kSetDevPerms = _IOW('.', 2, vzctl_setdevperms);
inline constexpr unsigned long kEnvCreate = _IOW('.', 5, vzctl_env_create);
inline constexpr unsigned long kEnvCreateData = _IOW('.', 10, vzctl_env_create_data);
inline constexpr unsigned long kVeNetdev = _IOW('.', 11, vzctl_ve_netdev);
inline constexpr unsigned long kVeConfigure = _IOW('.', 15, vzctl_ve_configure);
inline constexpr unsigned long kVeStop = _IOW('.', 32, vzctl_ve_stop);
// VZCTL_VE_PREPARE: the init-to-be holding the descriptor may create the VE
// whose veid is the argument, once (not in OpenVZ).
inline constexpr unsigned long kVePrepare = _IO('.', 33);
inline constexpr unsigned long kVeAnnounce = _IOW('.', 34, vzctl_ve_announce);
inline constexpr unsigned long kVenetctlVeIpMap = _IOW('(', 3, vzctl_ve_ip_map);

// The layouts are the kernel's (64-bit only: the structures carry native
// pointers, see docs/design.md).
static_assert(sizeof(vzctl_ve_ip_map) == 24);
static_assert(sizeof(vzctl_ve_netdev) == 16);
static_assert(sizeof(vzctl_setdevperms) == 16);
static_assert(kSetDevPerms == 0x40102e02);
static_assert(kVenetctlVeIpMap == 0x40182803);
static_assert(kVeNetdev == 0x40102e0b);

}  // namespace vz::uapi
