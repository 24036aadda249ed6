// SPDX-License-Identifier: LGPL-2.1-or-later
#include "io/facet.h"

#include "io/config.h"

namespace vz::internal {

namespace {

std::unexpected<Error> Refused(const RunningVe& ve, const char* keys, const Error& e) {
  std::string why = std::string("setting ") + keys + " of container " + std::to_string(ve.veid) +
                    ": " + e.context();
  if (e.err_no() == ENOENT)
    why += " (the host's cgroup v2 lacks the io controller, or BFQ's cgroup weights)";
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

class IoChange : public FacetChange {
 public:
  IoChange(IoOptions opts, IoConfig before, IoConfig after, IoWrites writes,
           std::filesystem::path private_dir, Notes* notes)
      : opts_(std::move(opts)),
        before_(before),
        after_(after),
        writes_(writes),
        private_(std::move(private_dir)),
        notes_(notes) {}

  Status Store(ConfigFile& conf) const override { return StoreIoConfig(conf, after_, opts_); }

  Status Apply(RunningVe& ve, Undo& undo) const override {
    if (writes_.weight) {
      if (auto set =
              Write(ve, undo, "io.bfq.weight", BfqWeight(after_.ioprio), BfqWeight(before_.ioprio));
          !set)
        return Refused(ve, "IOPRIO", set.error());
      if (auto disk = DiskHolding(private_); disk) NoteScheduler(*disk, notes_);
    }
    if (!writes_.max) return {};
    auto disk = DiskHolding(private_);
    if (!disk) return std::unexpected(disk.error());
    if (auto set = Write(ve, undo, "io.max", IoMax(*disk, after_), IoMax(*disk, before_)); !set)
      return Refused(ve, "IOLIMIT/IOPSLIMIT", set.error());
    return {};
  }

 private:
  IoOptions opts_;
  IoConfig before_, after_;
  IoWrites writes_;
  std::filesystem::path private_;
  Notes* notes_;  // set's; at start nullptr: its notes are printed before Apply

  static Status Write(RunningVe& ve, Undo& undo, const std::string& file, const std::string& value,
                      const std::string& back) {
    if (auto set = ve.backend.SetCgroupValue(ve, file, value); !set) return set;
    undo.Push([&ve, file, back] { (void)ve.backend.SetCgroupValue(ve, file, back); });
    return {};
  }
};

FacetPlan Make(const Container& ct, IoOptions opts, IoConfig before, IoConfig after,
               IoWrites writes, Notes* notes) {
  if (!writes.weight && !writes.max) return nullptr;
  auto priv = ct.private_dir();
  if (!priv) return std::unexpected(priv.error());
  return std::make_unique<IoChange>(std::move(opts), before, after, writes, *priv, notes);
}

FacetPlan Plan(const Container& ct, const SetOptions& set, Notes* notes) {
  const IoOptions& opts = set.io;
  if (opts.empty()) return nullptr;
  auto stored = ReadIoConfig(ct.config());
  if (!stored) return std::unexpected(stored.error());
  const IoConfig merged = MergeIo(*stored, opts);
  IoWrites writes;
  writes.weight = opts.ioprio || merged.ioprio != stored->ioprio;
  writes.max = opts.iolimit || opts.iopslimit;
  return Make(ct, opts, *stored, merged, writes, notes);
}

// The monitor removes the cgroup when the VE ends, so a start finds it
// fresh: start writes the settings that are not at their default (and so
// starts on a host without the io controller when it needs none).
FacetPlan AtStart(const Container& ct, Notes* notes) {
  auto cfg = ReadIoConfig(ct.config());
  if (!cfg) return std::unexpected(cfg.error());
  IoWrites writes{cfg->ioprio != kDefaultIoPrio, cfg->limited()};
  auto change = Make(ct, IoOptions{}, IoConfig{}, *cfg, writes, nullptr);
  // The notes are printed before the monitor applies the change: the
  // scheduler is looked at now.
  if (change && *change && writes.weight)
    if (auto disk = DiskHolding(*ct.private_dir()); disk) NoteScheduler(*disk, notes);
  return change;
}

}  // namespace

const Facet kIoFacet{.name = "io", .plan = Plan, .at_start = AtStart};

}  // namespace vz::internal
