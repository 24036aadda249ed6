// SPDX-License-Identifier: LGPL-2.1-or-later
//
// vz-provision: an example of libvz (docs/libvz.md). It creates COUNT
// containers from FIRST on, each with an address of its own (10.77.x.y)
// and a process limit, starts them, and prints them as JSON:
//
//   vz-provision FIRST COUNT [OSTEMPLATE]      create, limit, start, list
//   vz-provision --remove FIRST COUNT          stop and destroy them again
//
// A container that fails is destroyed again, and the program goes on with
// the next one; the exit status is 1 if any failed. Build it with
//
//   c++ -std=c++23 provision.cc $(pkg-config --cflags --libs libvz)
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "vz/core/container.h"
#include "vz/core/lock.h"
#include "vz/fs/create.h"
#include "vz/fs/destroy.h"
#include "vz/launch/start.h"
#include "vz/launch/stop.h"
#include "vz/list/listing.h"
#include "vz/set.h"

namespace {

// 10.77.0.1 for the first container, then on.
std::string AddressOf(unsigned int index) {
  return "10.77." + std::to_string((index + 1) / 256) + "." + std::to_string((index + 1) % 256);
}

// Create, limit and start one container, under its lock.
vz::Status Provision(const vz::Paths& paths, unsigned int veid, unsigned int index,
                     const std::string& ostemplate) {
  auto ct = vz::Container::Open(paths, veid);
  if (!ct) return std::unexpected(ct.error());
  auto lock = vz::CtLock::Acquire(ct->lock_dir(), veid);
  if (!lock) return std::unexpected(lock.error());
  auto ips = vz::ParseIpAddOption(AddressOf(index));
  if (!ips) return std::unexpected(ips.error());
  vz::CreateOptions create;
  create.ostemplate = ostemplate;
  create.hostname = "ct" + std::to_string(veid) + ".example";
  create.ipadd = *ips;
  if (auto made = vz::CreateContainer(*ct, create); !made) return made;
  vz::SetOptions limits;
  limits.ubc.limits[vz::kUbNumproc] = vz::UbLimit{100, 100};
  limits.save = true;
  vz::Status st = vz::SetContainer(*ct, limits);
  if (st) st = vz::StartContainer(*ct);
  if (!st) (void)vz::DestroyContainer(*ct);  // leave nothing half made
  return st;
}

vz::Status Remove(const vz::Paths& paths, unsigned int veid) {
  auto ct = vz::Container::Open(paths, veid);
  if (!ct) return std::unexpected(ct.error());
  auto lock = vz::CtLock::Acquire(ct->lock_dir(), veid);
  if (!lock) return std::unexpected(lock.error());
  vz::Status stop = vz::StopContainer(*ct, vz::StopOptions{.fast = true});
  if (!stop && stop.error().kind() != vz::ErrorKind::kNotRunning) return stop;
  return vz::DestroyContainer(*ct);
}

// The containers, as vzlist -j would show a few of their fields.
int PrintJson(const vz::Paths& paths, std::vector<unsigned int> ids) {
  vz::ListRequest req;
  req.only = std::move(ids);
  std::vector<std::string> warnings;
  auto listed = vz::ListContainers(paths, req, vz::ListSources{}, &warnings);
  if (!listed) {
    std::cerr << "vz-provision: " << listed.error().message() << "\n";
    return 1;
  }
  auto out = nlohmann::json::array();
  for (const auto& l : *listed) {
    const vz::UbCounter* numproc = l.Counter("numproc");
    out.push_back({{"ctid", l.veid},
                   {"status", vz::ListedStateName(l.state)},
                   {"ip", l.ips},
                   {"numproc_limit", numproc ? numproc->limit : 0}});
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

int Usage() {
  std::cerr << "usage: vz-provision FIRST COUNT [OSTEMPLATE]\n"
               "       vz-provision --remove FIRST COUNT\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  const bool remove = !args.empty() && args[0] == "--remove";
  if (remove) args.erase(args.begin());
  if (args.size() < 2 || args.size() > 3 || (remove && args.size() != 2)) return Usage();
  auto first = vz::ParseVeid(args[0]);
  const unsigned long count = std::strtoul(args[1].c_str(), nullptr, 10);
  if (!first || count == 0 || count > 1000) return Usage();
  const vz::Paths paths;
  std::vector<unsigned int> done;
  int failed = 0;
  for (unsigned int i = 0; i < count; ++i) {
    const unsigned int veid = *first + i;
    vz::Status st = remove ? Remove(paths, veid)
                           : Provision(paths, veid, i, args.size() > 2 ? args[2] : "");
    if (!st) {
      std::cerr << "vz-provision: container " << veid << ": " << st.error().message() << "\n";
      ++failed;
      continue;
    }
    done.push_back(veid);
  }
  if (!remove && !done.empty() && PrintJson(paths, done) != 0) return 1;
  return failed ? 1 : 0;
}
