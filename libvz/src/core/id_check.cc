// SPDX-License-Identifier: LGPL-2.1-or-later
#include "core/id_check.h"

#include <charconv>
#include <cstdint>
#include <filesystem>
#include <sstream>

#include "core/file.h"

namespace vz {

namespace {

namespace fs = std::filesystem;

// Host ids below this belong to the host's own system and login users.
constexpr uint64_t kFirstContainerId = 65536;
// The last valid host id: (uid_t)-1 means "no id".
constexpr uint64_t kLastHostId = 4294967294ull;

// Host ids [first, first + count).
struct Range {
  uint64_t first = 0;
  uint64_t count = 0;
  uint64_t end() const { return first + count; }
};

bool Overlaps(const Range& a, const Range& b) { return a.first < b.end() && b.first < a.end(); }

bool Holds(const Range& outer, const Range& inner) {
  return outer.first <= inner.first && inner.end() <= outer.end();
}

std::string Describe(const char* what, const Range& r) {
  return std::string(what) + " range " + std::to_string(r.first) + ".." +
         std::to_string(r.end() - 1);
}

std::unexpected<Error> Refuse(const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, why, EINVAL);
}

bool HasHostRoot(const IdMap& map) { return map.uid_base == 0 || map.gid_base == 0; }

Status CheckBounds(const char* what, const Range& r) {
  if (r.end() - 1 > kLastHostId)
    return Refuse(Describe(what, r) + " runs past the last host id " + std::to_string(kLastHostId));
  if (r.first != 0 && r.first < kFirstContainerId)
    return Refuse(Describe(what, r) + " overlaps the host's own ids 0.." +
                  std::to_string(kFirstContainerId - 1));
  return {};
}

std::optional<uint64_t> ParseNumber(std::string_view text) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// One line of a subordinate id file (/etc/subuid: "root:100000:65536").
struct Subids {
  std::string owner;
  Range range;
  bool root() const { return owner == "root" || owner == "0"; }
};

// The lines of a subordinate id file; none when the file is missing.
// Malformed lines are skipped, as shadow-utils does.
Result<std::vector<Subids>> ReadSubids(const fs::path& file) {
  auto text = internal::ReadFile(file);
  if (!text && text.error().err_no() == ENOENT) return std::vector<Subids>{};
  if (!text) return std::unexpected(text.error());
  std::vector<Subids> lines;
  std::istringstream in(*text);
  std::string line;
  while (std::getline(in, line)) {
    const size_t a = line.find(':');
    const size_t b = a == std::string::npos ? a : line.find(':', a + 1);
    if (b == std::string::npos) continue;
    auto first = ParseNumber(std::string_view(line).substr(a + 1, b - a - 1));
    auto count = ParseNumber(std::string_view(line).substr(b + 1));
    if (first && count) lines.push_back({line.substr(0, a), {*first, *count}});
  }
  return lines;
}

// An explicit range (LOCAL_UID set) must not take another owner's
// subordinate ids and must lie in root's, when the file names some. An
// automatic one overlapping another owner's is only warned about: the
// admin did not choose it, and refusing it would refuse the container.
Status CheckSubids(const char* what, const Range& r, const fs::path& file, bool explicit_range,
                   std::vector<std::string>* warnings) {
  auto lines = ReadSubids(file);
  if (!lines) return std::unexpected(lines.error());
  bool root_has_some = false, held = false;
  for (const Subids& line : *lines) {
    if (line.root()) {
      root_has_some = true;
      held = held || Holds(line.range, r);
      continue;
    }
    if (!Overlaps(line.range, r)) continue;
    const std::string why = Describe(what, r) + " overlaps " + line.owner + "'s subordinate " +
                            Describe(what, line.range) + " in " + file.string();
    if (explicit_range) return Refuse(why);
    if (warnings) warnings->push_back(why);
  }
  if (explicit_range && root_has_some && !held)
    return Refuse(Describe(what, r) + " is outside root's ranges in " + file.string());
  return {};
}

// The uid and gid ranges of a map.
std::pair<Range, Range> RangesOf(const IdMap& map) {
  return {Range{map.uid_base, map.count}, Range{map.gid_base, map.count}};
}

// The CTID of "<CTID>.conf", if that is what `name` is.
std::optional<unsigned int> ConfVeid(const std::string& name) {
  constexpr std::string_view kSuffix = ".conf";
  if (!name.ends_with(kSuffix)) return std::nullopt;
  auto veid = ParseVeid(std::string_view(name).substr(0, name.size() - kSuffix.size()));
  if (!veid) return std::nullopt;
  return *veid;
}

// Another container's map, if it has a usable one.
std::optional<IdMap> OtherMap(const Paths& paths, unsigned int veid) {
  auto other = Container::Open(paths, veid);
  if (!other) return std::nullopt;
  auto map = other->id_map();
  if (!map) return std::nullopt;
  return *map;
}

// Whether two ranges of one kind share ids; a range at host id 0 (a
// host-root side, allowed on purpose) is never compared.
bool Clash(const Range& a, const Range& b) {
  return a.first != 0 && b.first != 0 && Overlaps(a, b);
}

Status CheckOthers(const Container& ct, const IdMap& map) {
  const auto [uids, gids] = RangesOf(map);
  std::error_code ec;
  for (fs::directory_iterator it(ct.paths().conf_dir(), ec), end; !ec && it != end;
       it.increment(ec)) {
    auto veid = ConfVeid(it->path().filename().string());
    if (!veid || *veid == ct.veid()) continue;
    auto other = OtherMap(ct.paths(), *veid);
    if (!other) continue;
    const auto [other_uids, other_gids] = RangesOf(*other);
    const std::string whose = " overlaps container " + std::to_string(*veid) + "'s ";
    if (Clash(uids, other_uids))
      return Refuse(Describe("uid", uids) + whose + Describe("uid", other_uids));
    if (Clash(gids, other_gids))
      return Refuse(Describe("gid", gids) + whose + Describe("gid", other_gids));
  }
  if (ec && ec != std::errc::no_such_file_or_directory)
    return MakeError(ec.value(), "readdir(" + ct.paths().conf_dir().string() + ")");
  return {};
}

Status AllowHostRoot(const Container& ct, std::vector<std::string>* warnings) {
  if (ct.config().Get(kAllowHostRootMapKey).value_or("") != "yes")
    return Refuse("LOCAL_UID/LOCAL_GID 0 makes container root the host's root: refused unless " +
                  std::string(kAllowHostRootMapKey) +
                  "=\"yes\" (create --allow-host-root-map) marks the container as trusted");
  if (warnings)
    warnings->push_back("container " + std::to_string(ct.veid()) +
                        " maps its root to host uid/gid 0: it is as powerful as the host's root");
  return {};
}

// Bounds and subordinate ids of one side of the map; a side at host id 0
// was allowed by AllowHostRoot.
Status CheckSide(const Container& ct, const char* what, const Range& r, const char* subid_file,
                 std::vector<std::string>* warnings) {
  if (r.first == 0) return {};
  if (auto ok = CheckBounds(what, r); !ok) return ok;
  const bool explicit_range = !ct.config().Get("LOCAL_UID").value_or("").empty();
  return CheckSubids(what, r, ct.paths().Under(subid_file), explicit_range, warnings);
}

}  // namespace

Result<internal::HostLock> LockIdRanges(const Container& ct) {
  return internal::HostLock::Acquire(ct.lock_dir(), kIdRangesLockName, kIdRangesLockTimeout);
}

Status CheckIdMap(const Container& ct, std::vector<std::string>* warnings) {
  auto map = ct.id_map();
  if (!map) return std::unexpected(map.error());
  if (HasHostRoot(*map)) {
    if (auto ok = AllowHostRoot(ct, warnings); !ok) return ok;
  }
  const auto [uids, gids] = RangesOf(*map);
  if (auto ok = CheckSide(ct, "uid", uids, "/etc/subuid", warnings); !ok) return ok;
  if (auto ok = CheckSide(ct, "gid", gids, "/etc/subgid", warnings); !ok) return ok;
  return CheckOthers(ct, *map);
}

}  // namespace vz
