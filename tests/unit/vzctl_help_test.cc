// SPDX-License-Identifier: GPL-2.0-or-later
// Help and manual from one source: every long option a parser takes (its
// options_description) is in that command's --help, as the real binary
// prints it, and in the command's entry of the man page. The same for
// vzctl's global options and for vzubc.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli.h"
#include "commands.h"
#include "options.h"
#include "run.h"
#include "vzlist/options.h"
#include "vzlist/run.h"

namespace po = boost::program_options;

namespace {

struct Output {
  int code = -1;
  std::string out;  // stdout only
};

// Runs a command line; its exit code and standard output.
Output RunProgram(const std::string& command) {
  Output r;
  FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
  if (!p) return r;
  std::array<char, 512> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  int status = pclose(p);
  if (WIFEXITED(status)) r.code = WEXITSTATUS(status);
  return r;
}

Output RunVzctl(const std::string& args) {
  return RunProgram(std::string(VZCTL_BINARY) + " " + args);
}

std::string ReadSource(const std::string& rel) {
  std::ifstream in(std::string(VZ_SOURCE_DIR) + "/" + rel);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> LongNames(const po::options_description& desc) {
  std::vector<std::string> names;
  for (const auto& opt : desc.options())
    if (!opt->long_name().empty()) names.push_back(opt->long_name());
  return names;
}

bool IsNameChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `word` occurs in `text` as a whole: not inside a longer name, so
// that --ip is not found in --ipadd, nor \-\-allow in \-\-allow\-host.
bool HasWord(const std::string& text, const std::string& word) {
  for (size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + 1)) {
    const size_t end = at + word.size();
    const bool starts = at == 0 || !(IsNameChar(text[at - 1]) || text[at - 1] == '-');
    const bool ends = end == text.size() || !(IsNameChar(text[end]) || text[end] == '-' ||
                                              text.compare(end, 2, "\\-") == 0);
    if (starts && ends) return true;
  }
  return false;
}

// "--name" as roff writes it: every '-' escaped.
std::string RoffOption(const std::string& name) {
  std::string out = "\\-\\-";
  for (char c : name) out += c == '-' ? std::string("\\-") : std::string(1, c);
  return out;
}

// A man page's section, from ".SH NAME" to the next ".SH", by lines.
std::vector<std::string> ManSection(const std::string& page, const std::string& name) {
  std::vector<std::string> lines;
  std::istringstream in(page);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with(".SH "))
      inside = line == ".SH " + name;
    else if (inside)
      lines.push_back(line);
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  return text;
}

// The commands a ".TP" tag line names.
std::vector<std::string> NamedCommands(const std::string& tag) {
  std::vector<std::string> names;
  for (const auto& cmd : vzctl::Commands())
    if (HasWord(tag, std::string(cmd.name))) names.emplace_back(cmd.name);
  return names;
}

// Each command's entry in vzctl(8)'s COMMANDS: from the tag that names it
// to the next tag that names a command (set's own option tags name none).
std::map<std::string, std::string> ManEntries() {
  const auto lines = ManSection(ReadSource("vzctl/vzctl.8"), "COMMANDS");
  std::map<std::string, std::string> entries;
  std::vector<std::string> current;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i > 0 && lines[i - 1] == ".TP") {
      auto named = NamedCommands(lines[i]);
      if (!named.empty()) current = named;
    }
    for (const auto& name : current) entries[name] += lines[i] + "\n";
  }
  return entries;
}

TEST(VzctlHelp, EveryCommandPrintsItsOptionsOnStdout) {
  for (const auto& cmd : vzctl::Commands()) {
    const std::string name(cmd.name);
    for (const char* flag : {"--help", "-h"}) {
      auto r = RunVzctl(name + " " + flag);
      EXPECT_EQ(r.code, 0) << name << " " << flag;
      EXPECT_NE(r.out.find("Usage: vzctl " + name + " " + std::string(cmd.operands)),
                std::string::npos)
          << r.out;
    }
    const auto help = RunVzctl(name + " --help").out;
    for (const auto& opt : LongNames(cmd.options()))
      EXPECT_TRUE(HasWord(help, "--" + opt)) << "vzctl " << name << " --help lacks --" << opt;
  }
}

TEST(VzctlHelp, EveryCommandsOptionsAreInItsManPageEntry) {
  const auto entries = ManEntries();
  for (const auto& cmd : vzctl::Commands()) {
    const std::string name(cmd.name);
    if (!entries.contains(name)) {
      ADD_FAILURE() << "vzctl.8 has no entry for " << name;
      continue;
    }
    for (const auto& opt : LongNames(cmd.options()))
      EXPECT_TRUE(HasWord(entries.at(name), RoffOption(opt)))
          << "vzctl.8 does not describe " << name << " --" << opt;
  }
}

TEST(VzctlHelp, GlobalHelpListsTheCommandsAndGlobalOptions) {
  auto r = RunVzctl("--help");
  ASSERT_EQ(r.code, 0);
  for (const auto& cmd : vzctl::Commands())
    EXPECT_NE(r.out.find("\n  " + std::string(cmd.name) + " "), std::string::npos) << cmd.name;
  EXPECT_NE(r.out.find("vzctl COMMAND --help"), std::string::npos) << r.out;
  const auto man = Join(ManSection(ReadSource("vzctl/vzctl.8"), "GLOBAL OPTIONS"));
  for (const auto& opt : LongNames(vzctl::GlobalOptions())) {
    EXPECT_TRUE(HasWord(r.out, "--" + opt)) << "vzctl --help lacks --" << opt;
    EXPECT_TRUE(HasWord(man, RoffOption(opt))) << "vzctl.8 lacks --" << opt;
  }
}

// "vzctl --help COMMAND" is the same as "vzctl COMMAND --help".
TEST(VzctlHelp, GlobalHelpWithACommandIsThatCommandsHelp) {
  EXPECT_EQ(RunVzctl("--help set").out, RunVzctl("set --help").out);
}

TEST(VzubcHelp, EveryOptionIsInHelpAndInTheManPage) {
  std::ostringstream out, err;
  std::istringstream in;
  const std::vector<std::string> args = {"--help"};
  auto opts = vzubc::ParseOptions(args);
  ASSERT_TRUE(opts.has_value());
  ASSERT_EQ(vzubc::Run(*opts, vzubc::Environment{out, err, in, "/nonexistent", {}}), 0);
  const auto man = Join(ManSection(ReadSource("vzubc/vzubc.8"), "OPTIONS"));
  ASSERT_FALSE(man.empty());
  for (const auto& opt : LongNames(vzubc::DescribedOptions())) {
    EXPECT_TRUE(HasWord(out.str(), "--" + opt)) << "vzubc --help lacks --" << opt;
    EXPECT_TRUE(HasWord(man, RoffOption(opt))) << "vzubc.8 lacks --" << opt;
  }
}

TEST(VzlistHelp, EveryOptionIsInHelpAndInTheManPage) {
  std::ostringstream out, err;
  const std::vector<std::string> args = {"--help"};
  auto opts = vzlist::ParseOptions(args);
  ASSERT_TRUE(opts.has_value());
  ASSERT_EQ(vzlist::Run(*opts, vzlist::Environment{out, err, {}, {}}), 0);
  const auto man = Join(ManSection(ReadSource("vzlist/vzlist.8"), "OPTIONS"));
  ASSERT_FALSE(man.empty());
  for (const auto& opt : LongNames(vzlist::DescribedOptions())) {
    EXPECT_TRUE(HasWord(out.str(), "--" + opt)) << "vzlist --help lacks --" << opt;
    EXPECT_TRUE(HasWord(man, RoffOption(opt))) << "vzlist.8 lacks --" << opt;
  }
}

TEST(VzeventdHelp, EveryOptionIsInHelpAndInTheManPage) {
  const auto run = RunProgram(VZEVENTD_BINARY " --help");
  ASSERT_EQ(run.code, 0);
  const std::string& help = run.out;
  const auto man = Join(ManSection(ReadSource("vzeventd/vzeventd.8"), "OPTIONS"));
  ASSERT_FALSE(man.empty());
  for (const char* opt : {"scripts", "timeout", "verbose", "help", "version"}) {
    EXPECT_TRUE(HasWord(help, std::string("--") + opt)) << "vzeventd --help lacks --" << opt;
    EXPECT_TRUE(HasWord(man, RoffOption(opt))) << "vzeventd.8 lacks --" << opt;
  }
}

}  // namespace
