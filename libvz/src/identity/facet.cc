// SPDX-License-Identifier: LGPL-2.1-or-later
#include "identity/facet.h"

#include <algorithm>
#include <cctype>

namespace vz::internal {

namespace {

class IdentityChange : public FacetChange {
 public:
  explicit IdentityChange(const IdentityOptions& opts) : opts_(opts) {}

  Status Store(ConfigFile& conf) const override {
    Status set = opts_.onboot ? conf.Set("ONBOOT", *opts_.onboot ? "yes" : "no") : Status();
    if (set && opts_.name) set = conf.Set("NAME", *opts_.name);
    if (set && opts_.description) set = conf.Set("DESCRIPTION", *opts_.description);
    return set;
  }

  Status Apply(RunningVe&, Undo&) const override { return {}; }

 private:
  IdentityOptions opts_;
};

bool ValidName(const std::string& n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](unsigned char c) {
    return std::isalnum(c) || c == ' ' || c == '-' || c == '+' || c == '_' || c == '.';
  });
}

FacetPlan Plan(const Container&, const SetOptions& set, Notes*) {
  const IdentityOptions& opts = set.identity;
  if (opts.name && !ValidName(*opts.name))
    return KindError(ErrorKind::kInvalidArgument,
                     "invalid name '" + *opts.name + "': use letters, digits, space and -+_.");
  if (opts.empty()) return nullptr;
  if (!set.save)
    return KindError(ErrorKind::kInvalidArgument,
                     "--onboot, --name and --description only take effect with --save");
  return std::make_unique<IdentityChange>(opts);
}

}  // namespace

const Facet kIdentityFacet{.name = "identity", .plan = Plan};

}  // namespace vz::internal
