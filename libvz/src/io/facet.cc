// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/facet.h"

#include "io/config.h"
#include "kernel/cgroup.h"

namespace vz::internal {

namespace {

std::unexpected<Error> Refused(const RunningVe& ve, const char* keys, const Error& e) {
  std::string why = std::string("setting ") + keys + " of container " + std::to_string(ve.veid) +
                    ": " + e.context();
  if (e.err_no() == ENOENT) why += " (the host's cgroup v2 lacks the io controller)";
  return KindError(ErrorKind::kSetIo, why, e.err_no());
}

// What a change writes: the weight, io.max, or both.
struct IoWrites {
  bool weight = false;
  bool max = false;
};

// A weight is BFQ's: any other scheduler ignores it.
void NoteScheduler(const BlockDisk& disk, Notes* notes) {
  if (disk.scheduler != "bfq" && notes)
    notes->push_back("IOPRIO has no effect on " + disk.name + ", whose I/O scheduler is " +
                     disk.scheduler + ", not bfq (echo bfq > /sys/block/" + disk.name +
                     "/queue/scheduler)");
}

// IOPRIO cannot be applied: the host has no BFQ cgroup weights.
std::string NoBfq(unsigned veid) {
  return "IOPRIO of container " + std::to_string(veid) +
         " not applied: the host has no BFQ cgroup weights (io.bfq.weight; modprobe bfq)";
}

class IoChange : public FacetChange {
 public:
  // `start`: every setting is written, and the defaults may fail (a host
  // without the io controller, a private area on no block device).
  IoChange(IoOptions opts, IoConfig before, IoConfig after, IoWrites writes,
           std::filesystem::path private_dir, Notes* notes, bool start = false)
      : opts_(std::move(opts)),
        before_(before),
        after_(after),
        writes_(writes),
        private_(std::move(private_dir)),
        notes_(notes),
        start_(start) {}

  Status Store(ConfigFile& conf) const override { return StoreIoConfig(conf, after_, opts_); }

  Status Apply(RunningVe& ve, Undo& undo) const override {
    if (writes_.weight)
      if (auto set = ApplyWeight(ve, undo); !set) return set;
    return writes_.max ? ApplyMax(ve, undo) : Status();
  }

 private:
  IoOptions opts_;
  IoConfig before_, after_;
  IoWrites writes_;
  std::filesystem::path private_;
  Notes* notes_;  // set's; at start nullptr: its notes are printed before Apply
  bool start_;

  // Without BFQ's weights (the module not loaded) a weight does nothing:
  // said, not refused.
  Status ApplyWeight(RunningVe& ve, Undo& undo) const {
    auto set =
        Write(ve, undo, "io.bfq.weight", BfqWeight(after_.ioprio), BfqWeight(before_.ioprio));
    if (!set && start_ && after_.ioprio == kDefaultIoPrio) return {};
    if (!set && set.error().err_no() == ENOENT) {
      if (notes_ && after_.ioprio != kDefaultIoPrio) notes_->push_back(NoBfq(ve.veid));
      return {};
    }
    if (!set) return Refused(ve, "IOPRIO", set.error());
    if (auto disk = DiskHolding(private_); disk && after_.ioprio != kDefaultIoPrio)
      NoteScheduler(*disk, notes_);
    return {};
  }

  Status ApplyMax(RunningVe& ve, Undo& undo) const {
    const bool may_fail = start_ && !after_.limited();
    auto disk = DiskHolding(private_);
    if (!disk) return may_fail ? Status() : std::unexpected(disk.error());
    auto set = Write(ve, undo, "io.max", IoMax(*disk, after_), IoMax(*disk, before_));
    if (!set && !may_fail) return Refused(ve, "IOLIMIT/IOPSLIMIT", set.error());
    return {};
  }

  static Status Write(RunningVe& ve, Undo& undo, const std::string& file, const std::string& value,
                      const std::string& back) {
    if (auto set = ve.backend.SetCgroupValue(ve, file, value); !set) return set;
    undo.Push([&ve, file, back] { (void)ve.backend.SetCgroupValue(ve, file, back); });
    return {};
  }
};

FacetPlan Plan(const Container& ct, const SetOptions& set, Notes* notes) {
  const IoOptions& opts = set.io;
  if (opts.empty()) return nullptr;
  auto stored = ReadIoConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  const IoConfig merged = MergeIo(*stored, opts);
  IoWrites writes{opts.ioprio.has_value(), opts.iolimit || opts.iopslimit};
  return std::make_unique<IoChange>(opts, *stored, merged, writes, *priv, notes);
}

// The cgroup may hold what a set without --save wrote before a reboot
// inside (the monitor keeps it), or a stopped run's that could not be
// removed: start writes every setting. Its notes are printed before the
// monitor applies the change, so the disk's scheduler and the host's BFQ
// are looked at now.
FacetPlan AtStart(const Container& ct, Notes* notes) {
  auto cfg = ReadIoConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  if (cfg->ioprio != kDefaultIoPrio) {
    const auto vz = CgroupPath(ct.veid()).parent_path();
    if (!vz.empty() && std::filesystem::exists(vz) &&
        !std::filesystem::exists(vz / "io.bfq.weight"))
      notes->push_back(NoBfq(ct.veid()));
    else if (auto disk = DiskHolding(*priv); disk)
      NoteScheduler(*disk, notes);
  }
  return std::make_unique<IoChange>(IoOptions{}, IoConfig{}, *cfg, IoWrites{true, true}, *priv,
                                    nullptr, true);
}

}  // namespace

const Facet kIoFacet{.name = "io", .plan = Plan, .at_start = AtStart};

}  // namespace vz::internal
