// SPDX-License-Identifier: LGPL-2.1-or-later
#include "identity/facet.h"

#include <algorithm>
#include <cctype>

namespace vz::internal {

namespace {

class IdentityChange : public FacetChange {
 public:
  explicit IdentityChange(const SetOptions& opts)
      : name_(opts.name), description_(opts.description), onboot_(opts.onboot) {}

  Status Store(ConfigFile& conf) const override {
    Status set = onboot_ ? conf.Set("ONBOOT", *onboot_) : Status();
    if (set && name_) set = conf.Set("NAME", *name_);
    if (set && description_) set = conf.Set("DESCRIPTION", *description_);
    return set;
  }

  Status Apply(RunningVe&, Undo&) const override { return {}; }

 private:
  std::optional<std::string> name_, description_, onboot_;
};

bool ValidName(const std::string& n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](unsigned char c) {
    return std::isalnum(c) || c == ' ' || c == '-' || c == '+' || c == '_' || c == '.';
  });
}

FacetPlan Plan(const Container&, const SetOptions& opts, Notes*) {
  if (opts.onboot && *opts.onboot != "yes" && *opts.onboot != "no")
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid --onboot '" + *opts.onboot + "': must be yes or no");
  if (opts.name && !ValidName(*opts.name))
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid name '" + *opts.name + "': use letters, digits, space and -+_.");
  if (!opts.onboot && !opts.name && !opts.description) return nullptr;
  if (!opts.save)
    return KindError(ErrorKind::kInvalidArgument,
                     "--onboot, --name and --description only take effect with --save");
  return std::make_unique<IdentityChange>(opts);
}

}  // namespace

const Facet kIdentityFacet{"identity", Plan, nullptr};

}  // namespace vz::internal
