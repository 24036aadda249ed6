// SPDX-License-Identifier: GPL-2.0-or-later
#include "resource_fields.h"

#include <cctype>

#include "text.h"

namespace vzlist {

namespace {

using vz::Listing;
using Json = nlohmann::ordered_json;

struct UbcColumn {
  const char* resource;  // "kmemsize"
  const char* header;    // "KMEMSIZE"
};

// OpenVZ's column headers, in the kernel's order of the resources.
constexpr UbcColumn kUbcColumns[] = {
    {"kmemsize", "KMEMSIZE"},   {"lockedpages", "LOCKEDP"},   {"privvmpages", "PRIVVMP"},
    {"shmpages", "SHMP"},       {"numproc", "NPROC"},         {"physpages", "PHYSP"},
    {"vmguarpages", "VMGUARP"}, {"oomguarpages", "OOMGUARP"}, {"numtcpsock", "NTCPSOCK"},
    {"numflock", "NFLOCK"},     {"numpty", "NPTY"},           {"numsiginfo", "NSIGINFO"},
    {"tcpsndbuf", "TCPSNDB"},   {"tcprcvbuf", "TCPRCVB"},     {"othersockbuf", "OTHSOCKB"},
    {"dgramrcvbuf", "DGRAMRB"}, {"numothersock", "NOTHSOCK"}, {"dcachesize", "DCACHESZ"},
    {"numfile", "NFILE"},       {"numiptent", "NIPTENT"},     {"swappages", "SWAPP"},
};

enum UbValue { kHeld, kMaxheld, kBarrier, kLimit, kFailcnt };

// The value, or nothing: unknown counter, or a stopped container's usage.
std::optional<uint64_t> UbcValue(const Listing& l, const std::string& res, UbValue which) {
  const vz::UbCounter* c = l.Counter(res);
  if (!c) return std::nullopt;
  const bool usage = which == kHeld || which == kMaxheld || which == kFailcnt;
  if (usage && !l.ubc_live) return std::nullopt;
  const uint64_t values[] = {c->held, c->maxheld, c->barrier, c->limit, c->failcnt};
  return values[which];
}

Json UbcJson(const Listing& l, const std::string& res) {
  const vz::UbCounter* c = l.Counter(res);
  if (!c) return nullptr;
  Json j;
  j["held"] = l.ubc_live ? c->held : 0;
  j["maxheld"] = l.ubc_live ? c->maxheld : 0;
  j["barrier"] = c->barrier;
  j["limit"] = c->limit;
  j["failcnt"] = l.ubc_live ? c->failcnt : 0;
  return j;
}

std::string Upper(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

Field UbcField(const UbcColumn& col, UbValue which) {
  static const char* const kSuffix[] = {"", ".m", ".b", ".l", ".f"};
  const std::string res = col.resource;
  Field f{res + kSuffix[which],
          col.header + Upper(kSuffix[which]),
          10,
          [=](const Listing& l, bool) {
            auto v = UbcValue(l, res, which);
            return Pad(v ? std::to_string(*v) : "-", 10);
          },
          nullptr,
          [=](const Listing& l) {
            auto v = UbcValue(l, res, which);
            return v ? SortKey(*v) : SortKey();
          }};
  if (which == kHeld) f.json = [=](const Listing& l) { return UbcJson(l, res); };
  if (res == "swappages") f.source = Source::kSwap;
  return f;
}

enum DiskValue { kUsage, kSoft, kHard };

using DiskGetter = const std::optional<vz::ListedDisk>& (*)(const Listing&);

std::optional<uint64_t> DiskNumber(const std::optional<vz::ListedDisk>& d, DiskValue which) {
  if (!d) return std::nullopt;
  if (which == kUsage) return d->usage;
  return which == kSoft ? d->soft : d->hard;
}

Field DiskField(const char* name, const char* header, DiskGetter get, DiskValue which) {
  static const char* const kSuffix[] = {"", ".s", ".h"};
  Field f{std::string(name) + kSuffix[which],
          header + Upper(kSuffix[which]),
          10,
          [=](const Listing& l, bool) {
            auto v = DiskNumber(get(l), which);
            return Pad(v ? std::to_string(*v) : "-", 10);
          },
          nullptr,
          [=](const Listing& l) {
            auto v = DiskNumber(get(l), which);
            return v ? SortKey(*v) : SortKey();
          },
          Source::kDisk};
  if (which == kUsage)
    f.json = [=](const Listing& l) {
      const auto& d = get(l);
      if (!d) return Json(nullptr);
      Json j;
      j["usage"] = d->usage.value_or(0);
      j["softlimit"] = d->soft;
      j["hardlimit"] = d->hard;
      return j;
    };
  return f;
}

}  // namespace

void AddUbcFields(std::vector<Field>* out) {
  for (const auto& col : kUbcColumns)
    for (UbValue which : {kHeld, kMaxheld, kBarrier, kLimit, kFailcnt})
      out->push_back(UbcField(col, which));
}

void AddDiskFields(std::vector<Field>* out) {
  const DiskGetter space = [](const Listing& l) -> const auto& { return l.diskspace; };
  const DiskGetter inodes = [](const Listing& l) -> const auto& { return l.diskinodes; };
  for (DiskValue which : {kUsage, kSoft, kHard})
    out->push_back(DiskField("diskspace", "DSPACE", space, which));
  for (DiskValue which : {kUsage, kSoft, kHard})
    out->push_back(DiskField("diskinodes", "DINODES", inodes, which));
}

}  // namespace vzlist
