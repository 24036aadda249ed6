// SPDX-License-Identifier: LGPL-2.1-or-later
//
// What vzlist shows: every container's stored settings and, for a running
// one, what the kernel says of it now.
//
// Stored values come from CTID.conf over vz.conf. Running ones come from
// files the kernel keeps, each read once for the whole listing, so that
// listing a thousand containers costs a thousand config reads and little
// else: /proc/vz/veinfo (which VEs run, their task counts),
// /proc/vz/veip (their venet addresses), /proc/user_beancounters (their
// counters) and /proc/self/mountinfo (which roots are mounted). Disk quota
// and uptime cost a call or two per container and are read only when
// asked for.
//
// As in OpenVZ's vzlist, a running container shows the kernel's
// beancounters and addresses; a stopped one its config's barriers and
// limits (held, maxheld and failcnt unknown) and its config's addresses.
// Disk usage is shown for a mounted or running container, its limits for
// every container that has them.
//
// Thread safety: the calls share no state; each may run in any thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "vz/core/error.h"
#include "vz/core/paths.h"
#include "vz/kernel/ubc_stat.h"

namespace vz {

enum class ListedState { kRunning, kStopped, kMounted };

// "running", "stopped", "mounted".
const char* ListedStateName(ListedState state);

// Usage and limits of one kind of disk quota, in 1K blocks or inodes.
struct ListedDisk {
  std::optional<uint64_t> usage;  // known while mounted or running
  uint64_t soft = 0;
  uint64_t hard = 0;
};

struct Listing {
  unsigned int veid = 0;
  ListedState state = ListedState::kStopped;
  bool has_config = false;  // CTID.conf exists (a running VE may lack one)

  // Running only.
  std::optional<unsigned int> nproc;  // tasks in the VE, from veinfo
  std::optional<double> uptime;       // seconds since its init started

  // Addresses: the kernel's while running (in IP_ADDRESS's order first),
  // else IP_ADDRESS's.
  std::vector<std::string> ips;
  std::vector<std::string> configured_ips;  // IP_ADDRESS, always
  std::vector<std::string> netifs;          // ifname of each NETIF entry

  // Beancounters: the kernel's while running, with held, maxheld and
  // failcnt; else barrier and limit from the config (0 where it sets
  // none), held/maxheld/failcnt 0 and `ubc_live` false.
  std::vector<UbCounter> ubc;
  bool ubc_live = false;

  std::optional<ListedDisk> diskspace;   // none without DISKSPACE or quota
  std::optional<ListedDisk> diskinodes;  // none without DISKINODES or quota

  // Stored settings; unset keys stay empty.
  std::optional<std::string> hostname, name, description, ostemplate;
  std::optional<std::string> private_dir, root, mount_opts, origin_sample;
  std::vector<std::string> nameservers, searchdomains;
  std::optional<bool> onboot;
  std::optional<uint64_t> bootorder;
  std::optional<uint64_t> cpuunits, cpulimit;
  std::optional<int> cpus, ioprio;
  std::optional<uint64_t> iolimit;    // IOLIMIT, bytes per second
  std::optional<uint64_t> iopslimit;  // IOPSLIMIT, operations per second
  // FEATURES ("nfs:on ppp:off"): each known feature it names, on or off,
  // in OpenVZ's order (sysfs nfs sit ipip ppp ipgre bridge nfsd).
  std::vector<std::pair<std::string, bool>> features;
  std::string layout = "simfs";  // VE_LAYOUT
  bool disabled = false;         // DISABLED=yes
  bool vswap = false;            // PHYSPAGES limits RAM (vz/ubc/config.h)

  // The counter named `name` ("numproc"), or nullptr.
  const UbCounter* Counter(std::string_view name) const;
};

struct ListRequest {
  bool all = false;                // stopped ones too (every CTID.conf)
  std::vector<unsigned int> only;  // these CTIDs, running or not; empty: no restriction
  bool disk = false;               // read disk quota
  bool uptime = false;             // read each running VE's uptime
  bool swappages = false;          // read /proc/bc/<id>/resources for swappages
};

// Where the kernel's files are; tests point these at trees of their own.
struct ListSources {
  std::filesystem::path proc = "/proc";
  std::filesystem::path cgroup = "/sys/fs/cgroup";
};

// The containers `req` asks for, by CTID. A container that does not run
// is listed only if its private area exists, as OpenVZ does. kBadKernel
// when the kernel has no VE support. A config that cannot be read puts
// its error in `warnings`; a stopped container with such a config is
// left out, a running one is listed with the kernel's values only.
Result<std::vector<Listing>> ListContainers(const Paths& paths, const ListRequest& req,
                                            const ListSources& src,
                                            std::vector<std::string>* warnings);

// The CTID of the container whose NAME is `name`, scanning the CTID.conf
// files; kInvalidArgument when none has it.
Result<unsigned int> FindVeidByName(const Paths& paths, std::string_view name);

}  // namespace vz
