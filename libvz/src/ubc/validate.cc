// SPDX-License-Identifier: LGPL-2.1-or-later
// vzcfgvalidate's review of a config (ValidateUbc), in its words.
#include "ubc/validate.h"

#include <sys/sysinfo.h>

#include <algorithm>

namespace vz {

namespace {

using Level = UbcIssue::Level;

// Saturating arithmetic: what does not fit is unlimited.
uint64_t Sat(long double v) {
  return v >= static_cast<long double>(kUbUnlimited) ? kUbUnlimited : static_cast<uint64_t>(v);
}

std::string Num(uint64_t v) { return std::to_string(v); }

class Review {
 public:
  explicit Review(const UbcConfig& cfg) : cfg_(cfg) {}

  std::vector<UbcIssue> issues;

  void Add(Level level, std::string message) { issues.push_back({level, std::move(message)}); }

  // The resource, or an error that it is missing.
  const UbLimit* Need(UbId id) {
    const UbLimit* v = cfg_.Find(id);
    if (!v) Add(Level::kError, "parameter " + Name(id) + " not found");
    return v;
  }
  static std::string Name(UbId id) { return std::string(FindUbResource(id)->name); }
  static std::string Pair(const UbLimit& v) { return Num(v.barrier) + ":" + Num(v.limit); }

  void BarrierEqualsLimit(UbId id) {
    if (const UbLimit* v = Need(id); v && v->barrier != v->limit)
      Add(Level::kError,
          "barrier should be equal to limit for " + Name(id) + " (currently, " + Pair(*v) + ")");
  }
  void BarrierBelowLimit(UbId id) {
    if (const UbLimit* v = Need(id); v && v->barrier > v->limit)
      Add(Level::kError,
          "barrier should be <= limit for " + Name(id) + " (currently, " + Pair(*v) + ")");
  }
  void LimitUnlimited(UbId id) {
    if (const UbLimit* v = Need(id); v && v->limit != kUbUnlimited)
      Add(Level::kError, "limit should be = " + Num(kUbUnlimited) + " for " + Name(id) +
                             " (currently, " + Num(v->limit) + ")");
  }
  void BarrierZero(UbId id, const std::string& how) {
    if (const UbLimit* v = Need(id); v && v->barrier != 0)
      Add(Level::kError, how + " (currently, " + Num(v->barrier) + ")");
  }
  // `what` should be at least `min`.
  void AtLeast(Level level, uint64_t value, uint64_t min, const std::string& what,
               const std::string& currently) {
    if (value < min)
      Add(level, what + " should be > " + Num(min) + " (currently, " + currently + ")");
  }

  const UbLimit& At(UbId id) const { return *cfg_.Find(id); }

 private:
  const UbcConfig& cfg_;
};

void ValidateVswap(const UbcConfig& cfg, const std::optional<HostMemory>& host, Review* r) {
  const std::pair<UbId, uint64_t> checks[] = {
      {kUbPhyspages, host ? host->ram_pages : kUbUnlimited},
      {kUbSwappages, host ? host->swap_pages : kUbUnlimited}};
  for (auto [id, max] : checks) {
    r->BarrierZero(id, Review::Name(id) + ".bar should be = 0");
    const UbLimit* v = cfg.Find(id);
    if (v && host && v->limit > max)
      r->Add(Level::kWarning, Review::Name(id) + ".lim should be <= " + Num(max) + " (currently, " +
                                  Num(v->limit) + ")");
  }
}

constexpr UbId kRequired[] = {kUbNumproc,      kUbNumtcpsock,  kUbNumothersock, kUbOomguarpages,
                              kUbVmguarpages,  kUbKmemsize,    kUbTcpsndbuf,    kUbTcprcvbuf,
                              kUbOthersockbuf, kUbDgramrcvbuf, kUbPrivvmpages,  kUbNumfile,
                              kUbDcachesize,   kUbPhyspages,   kUbNumpty};

// Step 1: each resource on its own.
void CheckPairs(Review* r) {
  for (UbId id : {kUbNumproc, kUbNumtcpsock, kUbNumothersock}) r->BarrierEqualsLimit(id);
  r->LimitUnlimited(kUbVmguarpages);
  for (UbId id : {kUbKmemsize, kUbTcpsndbuf, kUbTcprcvbuf, kUbOthersockbuf, kUbDgramrcvbuf})
    r->BarrierBelowLimit(id);
  r->LimitUnlimited(kUbOomguarpages);
  r->BarrierBelowLimit(kUbPrivvmpages);
  r->BarrierBelowLimit(kUbLockedpages);
  r->BarrierEqualsLimit(kUbShmpages);
  r->BarrierZero(kUbPhyspages, "barrier should be = 0 for physpages");
  r->LimitUnlimited(kUbPhyspages);
  r->BarrierEqualsLimit(kUbNumfile);
  r->BarrierBelowLimit(kUbNumflock);
  r->BarrierEqualsLimit(kUbNumpty);
  r->BarrierEqualsLimit(kUbNumsiginfo);
  r->BarrierBelowLimit(kUbDcachesize);
  r->BarrierEqualsLimit(kUbNumiptent);
}

// limit - barrier of a buffer should leave 2.5K for each socket.
void CheckBufferRoom(Review* r, UbId buf, UbId socks, Level level) {
  const UbLimit& b = r->At(buf);
  const uint64_t room = b.limit >= b.barrier ? b.limit - b.barrier : 0;
  const std::string name = Review::Name(buf);
  r->AtLeast(level, room, Sat(2.5L * 1024 * r->At(socks).barrier), name + ".lim-" + name + ".bar",
             Num(b.limit) + "-" + Num(b.barrier) + "=" + Num(room));
}

// A buffer barrier below 32K is a warning, below 129K a recommendation.
void CheckBufferBarrier(Review* r, UbId buf) {
  const uint64_t bar = r->At(buf).barrier;
  const std::string what = Review::Name(buf) + ".bar";
  if (bar < 32 * 1024)
    r->AtLeast(Level::kWarning, bar, 32 * 1024, what, Num(bar));
  else
    r->AtLeast(Level::kRecommendation, bar, 129 * 1024, what, Num(bar));
}

// Step 2: OpenVZ's formulas between resources.
void CheckFormulas(const UbcConfig& cfg, Review* r) {
  const uint64_t avnumproc = cfg.avnumproc ? cfg.avnumproc->barrier : r->At(kUbNumproc).barrier / 2;
  const uint64_t dcache_lim = r->At(kUbDcachesize).limit;
  r->AtLeast(Level::kWarning, dcache_lim, Sat(384.0L * r->At(kUbNumfile).barrier), "dcachesize.lim",
             Num(dcache_lim));
  const uint64_t kmem_bar = r->At(kUbKmemsize).barrier;
  r->AtLeast(Level::kError, kmem_bar, Sat(40.0L * 1024 * avnumproc + dcache_lim), "kmemsize.bar",
             Num(kmem_bar));
  const uint64_t priv_bar = r->At(kUbPrivvmpages).barrier;
  r->AtLeast(Level::kWarning, priv_bar, r->At(kUbVmguarpages).barrier, "privvmpages.bar",
             Num(priv_bar));
  CheckBufferRoom(r, kUbTcpsndbuf, kUbNumtcpsock, Level::kError);
  CheckBufferRoom(r, kUbOthersockbuf, kUbNumothersock, Level::kError);
  CheckBufferRoom(r, kUbTcprcvbuf, kUbNumtcpsock, Level::kWarning);
  for (UbId buf : {kUbTcprcvbuf, kUbTcpsndbuf})
    r->AtLeast(Level::kWarning, r->At(buf).barrier, 64 * 1024, Review::Name(buf) + ".bar",
               Num(r->At(buf).barrier));
  CheckBufferBarrier(r, kUbDgramrcvbuf);
  CheckBufferBarrier(r, kUbOthersockbuf);
  const uint64_t socks = Sat(static_cast<long double>(r->At(kUbNumtcpsock).barrier) +
                             r->At(kUbNumothersock).barrier + r->At(kUbNumpty).barrier);
  const uint64_t files = std::max(Sat(32.0L * avnumproc), socks);
  r->AtLeast(Level::kWarning, r->At(kUbNumfile).barrier, files, "numfile",
             Num(r->At(kUbNumfile).barrier));
}

}  // namespace

const char* UbcIssueLevelName(UbcIssue::Level level) {
  switch (level) {
    case Level::kError:
      return "Error";
    case Level::kWarning:
      return "Warning";
    case Level::kRecommendation:
      return "Recommendation";
  }
  return "Error";
}

Result<HostMemory> ReadHostMemory() {
  struct sysinfo si {};
  if (::sysinfo(&si) != 0) return ErrnoError("sysinfo");
  return HostMemory{static_cast<uint64_t>(si.totalram) * si.mem_unit / kUbPageSize,
                    static_cast<uint64_t>(si.totalswap) * si.mem_unit / kUbPageSize};
}

std::vector<UbcIssue> ValidateUbc(const UbcConfig& cfg, const std::optional<HostMemory>& host) {
  Review r(cfg);
  if (IsVswap(cfg)) {
    ValidateVswap(cfg, host, &r);
    return r.issues;
  }
  for (UbId id : kRequired) r.Need(id);
  if (!r.issues.empty()) return r.issues;
  CheckPairs(&r);
  CheckFormulas(cfg, &r);
  return r.issues;
}

}  // namespace vz
