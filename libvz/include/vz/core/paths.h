// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Where the files of the system live. Every path is under one prefix ("/"
// in production), so that tests and the QEMU guest can keep a tree of their
// own: VZ_PREFIX=/tmp/t vzctl ... reads /tmp/t/etc/vz/vz.conf.
#pragma once

#include <filesystem>
#include <string>

namespace vz {

struct Paths {
  std::filesystem::path prefix = "/";

  std::filesystem::path Under(const std::filesystem::path& abs) const {
    return prefix / abs.relative_path();
  }
  std::filesystem::path vz_conf() const { return Under("/etc/vz/vz.conf"); }
  std::filesystem::path conf_dir() const { return Under("/etc/vz/conf"); }
  std::filesystem::path ct_conf(unsigned int veid) const {
    return conf_dir() / (std::to_string(veid) + ".conf");
  }
  // ve-<name>.conf-sample, the configs `create --config NAME` starts from.
  std::filesystem::path sample_conf(const std::string& name) const {
    return conf_dir() / ("ve-" + name + ".conf-sample");
  }
};

}  // namespace vz
