// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Container: one container's settings, as the global vz.conf and its own
// CTID.conf make them, and the values derived from them (paths with $VEID
// expanded, the uid/gid mapping, timeouts).
//
// Opening a container reads files only; nothing about the kernel. A
// container without CTID.conf can be opened (has_config() is false): that
// is how create starts and how status reports "deleted".
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>

#include "vz/core/config.h"
#include "vz/core/error.h"
#include "vz/core/paths.h"

namespace vz {

// Largest CTID OpenVZ accepts; 0 is the host.
inline constexpr unsigned int kMaxVeid = 2147483644;

// How the container's uids and gids appear on the host.
struct IdMap {
  uint32_t uid_base = 0;  // host uid of container uid 0
  uint32_t gid_base = 0;
  uint32_t count = 65536;  // number of ids mapped
};

// Parses a CTID: a number 1..kMaxVeid (0, the host, is refused).
Result<unsigned int> ParseVeid(std::string_view text);

class Container {
 public:
  static Result<Container> Open(const Paths& paths, unsigned int veid);
  // The same with vz.conf read already: for callers that open many.
  static Result<Container> Open(const Paths& paths, unsigned int veid, const ConfigFile& global);

  unsigned int veid() const { return veid_; }
  const Paths& paths() const { return paths_; }
  bool has_config() const { return has_config_; }
  ConfigStack& config() { return config_; }
  const ConfigStack& config() const { return config_; }

  Result<std::filesystem::path> root() const;         // VE_ROOT
  Result<std::filesystem::path> private_dir() const;  // VE_PRIVATE
  std::filesystem::path lock_dir() const;             // LOCKDIR
  std::filesystem::path template_dir() const;         // TEMPLATE
  Result<IdMap> id_map() const;                       // LOCAL_UID, LOCAL_GID
  std::chrono::seconds stop_timeout() const;          // STOP_TIMEOUT
  std::string hostname() const;                       // HOSTNAME, may be empty

  // Writes CTID.conf atomically.
  Status SaveConfig();

 private:
  Container(Paths paths, unsigned int veid, ConfigStack config, bool has_config)
      : paths_(std::move(paths)),
        veid_(veid),
        config_(std::move(config)),
        has_config_(has_config) {}
  Result<std::filesystem::path> PathSetting(const char* key) const;

  Paths paths_;
  unsigned int veid_;
  ConfigStack config_;
  bool has_config_;
};

}  // namespace vz
