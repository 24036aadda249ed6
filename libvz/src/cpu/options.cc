// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/cpu/options.h"

#include <set>

#include "core/decimal.h"

namespace vz {

namespace {

using internal::ParseDecimal;

std::unexpected<Error> Bad(std::string_view text, const std::string& why) {
  return KindError(ErrorKind::kInvalidArgument, "'" + std::string(text) + "': " + why);
}

// "N" or "N-M" into `out`.
bool AddRange(std::string_view item, std::set<unsigned>* out) {
  const size_t dash = item.find('-');
  auto first = ParseDecimal(item.substr(0, dash), kMaxCpus - 1);
  auto last =
      dash == std::string_view::npos ? first : ParseDecimal(item.substr(dash + 1), kMaxCpus - 1);
  if (!first || !last || *first > *last) return false;
  for (unsigned n = *first; n <= *last; ++n) out->insert(n);
  return true;
}

std::string FormatRanges(const std::set<unsigned>& numbers) {
  std::string out;
  for (auto it = numbers.begin(); it != numbers.end();) {
    const unsigned first = *it;
    unsigned last = first;
    while (++it != numbers.end() && *it == last + 1) ++last;
    if (!out.empty()) out += ',';
    out += std::to_string(first);
    if (last != first) out += "-" + std::to_string(last);
  }
  return out;
}

}  // namespace

Result<unsigned> ParseCpuUnits(std::string_view text) {
  auto n = ParseDecimal(text, kMaxCpuUnits);
  if (!n || *n < kMinCpuUnits) return Bad(text, "must be a number from 8 to 500000");
  return *n;
}

Result<unsigned> ParseCpuLimit(std::string_view text, unsigned host_cpus) {
  const bool of_host = text.ends_with('%');
  auto n = ParseDecimal(of_host ? text.substr(0, text.size() - 1) : text, kMaxCpus * 100);
  if (!n) return Bad(text, "must be N (% of one CPU) or N% (of the whole host)");
  if (!of_host) return *n;
  if (*n > 100) return Bad(text, "a share of the whole host is at most 100%");
  return *n * host_cpus;
}

Result<unsigned> ParseCpus(std::string_view text) {
  if (text == "unlimited") return 0;
  auto n = ParseDecimal(text, kMaxCpus);
  if (!n) return Bad(text, "must be a number of CPUs, or unlimited");
  return *n;
}

Result<std::string> ParseCpuList(std::string_view text) {
  if (text == "all") return std::string("all");
  std::set<unsigned> numbers;
  size_t pos = 0;
  while (true) {
    const size_t comma = std::min(text.find(',', pos), text.size());
    if (!AddRange(text.substr(pos, comma - pos), &numbers))
      return Bad(text, "must be all, or numbers and ranges such as 0-2,7 (below 8192)");
    if (comma == text.size()) break;
    pos = comma + 1;
  }
  return FormatRanges(numbers);
}

}  // namespace vz
