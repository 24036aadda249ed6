// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/kernel/veinfo.h"

#include <charconv>

#include "core/file.h"
#include "core/words.h"

namespace vz {

namespace {

bool ParseUint(std::string_view word, unsigned int* out) {
  auto [p, ec] = std::from_chars(word.data(), word.data() + word.size(), *out);
  return ec == std::errc() && p == word.data() + word.size();
}

}  // namespace

Result<std::vector<RunningVe>> ParseVeinfo(std::string_view text, std::string_view name) {
  std::vector<RunningVe> ves;
  size_t line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const auto words = internal::SplitWords(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (words.empty()) continue;
    RunningVe ve;
    // OpenVZ's kernels appended the VE's addresses; ours keeps them in
    // /proc/vz/veip, but extra words are no reason to fail.
    if (words.size() < 3 || !ParseUint(words[0], &ve.veid) || !ParseUint(words[1], &ve.class_id) ||
        !ParseUint(words[2], &ve.nproc))
      return MakeError(EPROTO, std::string(name) + ":" + std::to_string(line_no) +
                                   ": expected veid, class id and number of tasks");
    if (ve.veid != 0) ves.push_back(ve);
  }
  return ves;
}

Result<std::vector<RunningVe>> ReadVeinfo(const std::filesystem::path& proc) {
  const auto path = proc / "vz" / "veinfo";
  auto text = internal::ReadFile(path);
  if (!text) {
    if (text.error().err_no() == ENOENT)
      return KindError(ErrorKind::kBadKernel, path.string() + ": not a VE kernel (CONFIG_VE)",
                       ENOENT);
    return std::unexpected(text.error());
  }
  return ParseVeinfo(*text, path.string());
}

}  // namespace vz
