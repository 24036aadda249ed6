// SPDX-License-Identifier: LGPL-2.1-or-later
// ListContainers: which containers, and what each is doing.
#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <set>

#include "kernel/veip.h"
#include "list/fill.h"
#include "vz/fs/mount.h"
#include "vz/kernel/veinfo.h"

namespace vz {

namespace {

// What the kernel says of every running VE, each file read once.
struct LiveState {
  std::map<unsigned int, RunningVe> running;
  std::map<unsigned int, Beancounter> ubs;
  std::map<unsigned int, std::vector<IpAddress>> ips;
  std::set<std::string> mounts;
};

// A missing file is no VE of that kind; other failures are errors.
template <typename T>
Status MissingIsEmpty(const Result<T>& r) {
  if (r || r.error().err_no() == ENOENT) return {};
  return std::unexpected(r.error());
}

Result<LiveState> ReadLiveState(const ListRequest& req, const ListSources& src) {
  LiveState live;
  auto running = ReadVeinfo(src.proc);
  if (!running) return std::unexpected(running.error());
  for (const auto& ve : *running) live.running[ve.veid] = ve;
  auto mounts = MountPoints(src.proc / "self" / "mountinfo");
  if (!mounts) return std::unexpected(mounts.error());
  live.mounts = std::move(*mounts);
  if (live.running.empty()) return live;
  auto ubs = ReadBeancounters(src.proc, req.swappages);
  if (Status st = MissingIsEmpty(ubs); !st) return std::unexpected(st.error());
  if (ubs)
    for (auto& ub : *ubs) live.ubs[ub.id] = std::move(ub);
  auto veip = internal::ReadVeip(src.proc / "vz" / "veip");
  if (Status st = MissingIsEmpty(veip); !st) return std::unexpected(st.error());
  if (veip)
    for (auto& row : *veip) live.ips[row.veid].push_back(row.ip);
  return live;
}

// The CTIDs of every N.conf in the config directory.
std::set<unsigned int> ConfiguredVeids(const Paths& paths) {
  std::set<unsigned int> ids;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(paths.conf_dir(), ec)) {
    const std::string file = entry.path().filename().string();
    if (!file.ends_with(".conf")) continue;
    auto veid = ParseVeid(std::string_view(file).substr(0, file.size() - 5));
    if (veid) ids.insert(*veid);
  }
  return ids;
}

std::set<unsigned int> WantedVeids(const Paths& paths, const ListRequest& req,
                                   const LiveState& live) {
  std::set<unsigned int> ids;
  for (const auto& [veid, ve] : live.running) ids.insert(veid);
  if (req.all || !req.only.empty()) ids.merge(ConfiguredVeids(paths));
  if (req.only.empty()) return ids;
  std::set<unsigned int> picked;
  for (unsigned int veid : req.only)
    if (ids.contains(veid)) picked.insert(veid);
  return picked;
}

bool IsDirectory(const std::optional<std::string>& path) {
  struct stat st;
  return path && ::stat(path->c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// VE_ROOT as mountinfo has it: with symlinks resolved (a /vz that links
// to /var/lib/vz), as IsMountPoint compares.
bool IsMounted(const std::optional<std::string>& root, const std::set<std::string>& mounts) {
  if (!root) return false;
  std::error_code ec;
  std::string path = std::filesystem::weakly_canonical(*root, ec).string();
  if (ec) path = std::filesystem::path(*root).lexically_normal().string();
  if (path.size() > 1 && path.back() == '/') path.pop_back();
  return mounts.contains(path);
}

void FillLive(unsigned int veid, const ListRequest& req, const ListSources& src,
              const LiveState& live, Listing* out) {
  out->state = ListedState::kRunning;
  out->nproc = live.running.at(veid).nproc;
  if (auto ub = live.ubs.find(veid); ub != live.ubs.end()) internal::FillLiveUbc(ub->second, out);
  auto ips = live.ips.find(veid);
  internal::FillLiveIps(ips == live.ips.end() ? std::vector<IpAddress>{} : ips->second, out);
  if (req.uptime) out->uptime = internal::ReadVeUptime(veid, src);
}

// One container's listing; nullopt when it is not to be shown. A running
// container whose configs cannot be read is still listed, from what the
// kernel says of it alone (a shutdown that lists the running containers
// to stop them must not miss it); the error comes back in `warning`.
Result<std::optional<Listing>> ListOne(const Paths& paths, const ConfigFile& global,
                                       unsigned int veid, const ListRequest& req,
                                       const ListSources& src, const LiveState& live,
                                       std::optional<Error>* warning) {
  const bool running = live.running.contains(veid);
  Listing out;
  out.veid = veid;
  auto ct = Container::Open(paths, veid, global);
  Status stored = ct ? internal::FillStored(*ct, &out) : Status(std::unexpected(ct.error()));
  if (!stored) {
    if (!running) return std::unexpected(stored.error());
    *warning = stored.error();
    out = Listing{};
    out.veid = veid;
  }
  if (running) {
    FillLive(veid, req, src, live, &out);
  } else {
    if (!IsDirectory(out.private_dir)) return std::optional<Listing>();
    if (IsMounted(out.root, live.mounts)) out.state = ListedState::kMounted;
  }
  if (stored && req.disk && out.state != ListedState::kStopped) internal::FillLiveDisk(*ct, &out);
  return std::optional<Listing>(std::move(out));
}

}  // namespace

const char* ListedStateName(ListedState state) {
  switch (state) {
    case ListedState::kRunning:
      return "running";
    case ListedState::kMounted:
      return "mounted";
    case ListedState::kStopped:
      break;
  }
  return "stopped";
}

const UbCounter* Listing::Counter(std::string_view name) const {
  for (const auto& c : ubc)
    if (c.name == name) return &c;
  return nullptr;
}

Result<std::vector<Listing>> ListContainers(const Paths& paths, const ListRequest& req,
                                            const ListSources& src,
                                            std::vector<std::string>* warnings) {
  auto global = ConfigFile::Load(paths.vz_conf());
  if (!global)
    return KindError(ErrorKind::kNoConfig, "global configuration: " + global.error().message());
  auto live = ReadLiveState(req, src);
  if (!live) return std::unexpected(live.error());
  std::vector<Listing> out;
  for (unsigned int veid : WantedVeids(paths, req, *live)) {
    std::optional<Error> warning;
    auto one = ListOne(paths, *global, veid, req, src, *live, &warning);
    if (!one) warning = one.error();
    if (warning)
      warnings->push_back("container " + std::to_string(veid) + ": " + warning->message());
    if (one && *one) out.push_back(std::move(**one));
  }
  return out;
}

Result<unsigned int> FindVeidByName(const Paths& paths, std::string_view name) {
  for (unsigned int veid : ConfiguredVeids(paths)) {
    auto conf = ConfigFile::Load(paths.ct_conf(veid));
    if (conf && conf->Get("NAME") == name) return veid;
  }
  return KindError(ErrorKind::kInvalidArgument,
                   "no container is named '" + std::string(name) + "'");
}

}  // namespace vz
