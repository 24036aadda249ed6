// SPDX-License-Identifier: GPL-2.0-or-later
#include "options.h"

#include <boost/program_options.hpp>
#include <set>
#include <sstream>

namespace po = boost::program_options;

namespace vzlist {

po::options_description DescribedOptions() {
  po::options_description desc("Options");
  desc.add_options()                                                       //
      ("all,a", "list all containers, running or not")                     //
      ("stopped,S", "list the containers that do not run")                 //
      ("name,n", "show names (SMARTNAME: the name, else the CTID) first")  //
      ("no-header,H", "print no header line")                              //
      ("no-trim,t", "do not cut long values")                              //
      ("json,j", "print JSON")                                             //
      ("output,o", po::value<std::string>()->value_name("FIELDS"),
       "show these fields, comma-separated (-L lists them)")  //
      (",1", "print CTIDs only: -H -octid")                   //
      ("sort,s", po::value<std::string>()->value_name("[-]FIELD"),
       "sort by FIELD; -FIELD reverses the order")  //
      ("hostname,h", po::value<std::string>()->value_name("PATTERN"),
       "only hostnames matching the shell PATTERN")  //
      ("name_filter,N", po::value<std::string>()->value_name("PATTERN"),
       "only names matching the shell PATTERN")  //
      ("description,d", po::value<std::string>()->value_name("PATTERN"),
       "only descriptions matching the shell PATTERN")      //
      ("list,L", "list the field names and their headers")  //
      ("help", "show this help")                            //
      ("version,V", "show the version");
  return desc;
}

namespace {

// Options that take a value. A value given as the next word is joined to
// its option, so that "-s -bootorder" sorts rather than failing on an
// unknown option "-bootorder".
std::vector<std::string> JoinValues(std::span<const std::string> args) {
  static const std::set<std::string> kTakesValue = {"-o", "--output",     "-s", "--sort",
                                                    "-h", "--hostname",   "-N", "--name_filter",
                                                    "-d", "--description"};
  std::vector<std::string> out;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--") {
      out.insert(out.end(), args.begin() + static_cast<long>(i), args.end());
      break;
    }
    if (kTakesValue.contains(args[i]) && i + 1 < args.size()) {
      out.push_back(args[i] + (args[i].starts_with("--") ? "=" : "") + args[i + 1]);
      ++i;
    } else {
      out.push_back(args[i]);
    }
  }
  return out;
}

std::optional<std::string> Value(const po::variables_map& vm, const char* key) {
  if (!vm.count(key)) return std::nullopt;
  return vm[key].as<std::string>();
}

void SetFields(const po::variables_map& vm, Options* o) {
  if (vm.count("-1")) o->no_header = true;
  if (auto out = Value(vm, "output"))
    o->output = *out;
  else if (vm.count("-1"))
    o->output = "veid";
  else if (vm.count("name"))
    o->output = kNameFields;
  if (auto sort = Value(vm, "sort")) {
    o->sort_reverse = sort->starts_with('-');
    o->sort = o->sort_reverse ? sort->substr(1) : *sort;
  }
}

}  // namespace

std::expected<Options, std::string> ParseOptions(std::span<const std::string> args) {
  po::options_description all = DescribedOptions();
  all.add_options()("target", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("target", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(JoinValues(args)).options(all).positional(positional).run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    return std::unexpected(std::string(e.what()) + " (try 'vzlist --help')");
  }
  Options o;
  o.help = vm.count("help") > 0;
  o.version = vm.count("version") > 0;
  o.list_fields = vm.count("list") > 0;
  o.all = vm.count("all") > 0;
  o.stopped = vm.count("stopped") > 0;
  o.no_header = vm.count("no-header") > 0;
  o.no_trim = vm.count("no-trim") > 0;
  o.json = vm.count("json") > 0;
  SetFields(vm, &o);
  o.hostname_pattern = Value(vm, "hostname");
  o.name_pattern = Value(vm, "name_filter");
  o.description_pattern = Value(vm, "description");
  if (vm.count("target")) o.targets = vm["target"].as<std::vector<std::string>>();
  return o;
}

std::string UsageText() {
  std::ostringstream out;
  out << "Usage: vzlist [-a|-S] [-n] [-H] [-t] [-j] [-o FIELD[,FIELD...] | -1] [-s [-]FIELD]\n"
         "              [-h PATTERN] [-N PATTERN] [-d PATTERN] [CTID|NAME...]\n"
         "       vzlist -L | --list\n\n"
         "Lists containers: the running ones, all with -a, or those named. Running\n"
         "values (processes, addresses, beancounters, disk usage) come from the\n"
         "kernel, the rest from the configs; '-' marks a value not known.\n\n"
      << DescribedOptions()
      << "\nExit status: 0 on success (also when no container runs), 1 for a bad\n"
         "command line, an unknown field, a CTID or name not found, or a kernel\n"
         "that cannot be read.\n";
  return out.str();
}

}  // namespace vzlist
