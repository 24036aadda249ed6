// SPDX-License-Identifier: GPL-2.0-or-later
#include "options.h"

#include <boost/program_options.hpp>
#include <sstream>

#include "vz/core/container.h"

namespace po = boost::program_options;

namespace vzubc {

po::options_description DescribedOptions() {
  po::options_description desc("Options");
  desc.add_options()                                      //
      ("json,j", "print JSON instead of a table")         //
      ("color,c", "show rows whose failcnt grew in red")  //
      ("file,f", po::value<std::string>()->value_name("FILE"),
       "read FILE (- for stdin), not /proc")  //
      ("state", po::value<std::string>()->value_name("FILE"),
       "keep the failcnt last seen in FILE")                           //
      ("no-state,n", "neither read nor update the failcnt last seen")  //
      ("help,h", "show this help")                                     //
      ("version,V", "show the version");
  return desc;
}

namespace {

std::expected<std::vector<unsigned int>, std::string> ParseCtids(
    const std::vector<std::string>& words) {
  std::vector<unsigned int> ids;
  for (const auto& w : words) {
    // 0, the host's beancounter, is a valid choice here.
    if (w == "0") {
      ids.push_back(0);
      continue;
    }
    auto id = vz::ParseVeid(w);
    if (!id) return std::unexpected(id.error().message());
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace

std::expected<Options, std::string> ParseOptions(std::span<const std::string> args) {
  po::options_description all = DescribedOptions();
  all.add_options()("ctid", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("ctid", -1);
  po::variables_map vm;
  try {
    const std::vector<std::string> argv(args.begin(), args.end());
    po::store(po::command_line_parser(argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return std::unexpected(std::string(e.what()) + " (try 'vzubc --help')");
  }
  Options o;
  o.help = vm.count("help") > 0;
  o.version = vm.count("version") > 0;
  o.json = vm.count("json") > 0;
  o.color = vm.count("color") > 0;
  o.no_state = vm.count("no-state") > 0;
  if (vm.count("file")) o.file = vm["file"].as<std::string>();
  if (vm.count("state")) o.state = vm["state"].as<std::string>();
  if (o.no_state && !o.state.empty())
    return std::unexpected("--state and --no-state exclude each other");
  auto ids = ParseCtids(vm.count("ctid") ? vm["ctid"].as<std::vector<std::string>>()
                                         : std::vector<std::string>{});
  if (!ids) return std::unexpected(ids.error());
  o.ctids = std::move(*ids);
  return o;
}

std::string UsageText() {
  std::ostringstream out;
  out << "Usage: vzubc [options] [CTID...]\n\n"
         "Shows the user beancounters of containers (all, or the CTIDs given; 0 is the\n"
         "host): held, maxheld, barrier, limit and failcnt of each resource, sizes in\n"
         "K/M/G. Rows whose failcnt grew since the last run are marked '*', with the\n"
         "growth in parentheses.\n\n"
      << DescribedOptions()
      << "\nExit status: 0 on success, 1 when the beancounters cannot be read or a CTID\n"
         "has none, 2 for a bad command line.\n";
  return out.str();
}

}  // namespace vzubc
