// SPDX-License-Identifier: GPL-2.0-or-later
#include "output.h"

#include "text.h"

namespace vzlist {

namespace {

void PrintLine(std::string line, std::ostream& out) {
  line.erase(line.find_last_not_of(' ') + 1);
  out << line << '\n';
}

}  // namespace

void PrintHeader(const std::vector<const Field*>& fields, std::ostream& out) {
  std::string line;
  for (const Field* f : fields) {
    if (!line.empty()) line += ' ';
    line += Pad(f->header, f->header_width);
  }
  PrintLine(std::move(line), out);
}

void PrintRows(const std::vector<vz::Listing>& ls, const std::vector<const Field*>& fields,
               bool no_trim, std::ostream& out) {
  for (const auto& l : ls) {
    std::string line;
    for (size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) line += ' ';
      line += fields[i]->text(l, no_trim || i + 1 == fields.size());
    }
    PrintLine(std::move(line), out);
  }
}

void PrintJson(const std::vector<vz::Listing>& ls, const std::vector<const Field*>& fields,
               std::ostream& out) {
  auto all = nlohmann::ordered_json::array();
  for (const auto& l : ls) {
    nlohmann::ordered_json one = nlohmann::ordered_json::object();
    for (const Field* f : fields) one[f->name] = f->json(l);
    all.push_back(std::move(one));
  }
  // A config value that is not UTF-8 (a Latin-1 DESCRIPTION) is shown with
  // U+FFFD in its place rather than ending the program.
  out << all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace vzlist
