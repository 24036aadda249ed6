// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/core/config.h"

#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "test_dir.h"

namespace {

namespace fs = std::filesystem;

using vz::ConfigFile;
using vz::ErrorKind;

ConfigFile MustParse(std::string_view text) {
  auto config = ConfigFile::Parse(text);
  EXPECT_TRUE(config.has_value()) << config.error().message();
  return config.value_or(ConfigFile());
}

std::string MustRead(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.is_open()) << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> DirEntries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

// What /bin/sh sees in $KEY after sourcing `file`.
std::optional<std::string> SourceWithSh(const fs::path& file, const std::string& key) {
  const std::string cmd = "/bin/sh -c '. \"" + file.string() + "\" && printf %s \"$" + key + "\"'";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string out;
  char buf[256];
  for (size_t n; (n = ::fread(buf, 1, sizeof(buf), pipe)) > 0;) out.append(buf, n);
  if (::pclose(pipe) != 0) return std::nullopt;
  return out;
}

const std::vector<std::string> kHostileValues = {
    "",
    "plain",
    "a b  c",
    "\"quoted\"",
    "'single'",
    "$HOME ${VEID} $(echo pwned) `echo pwned`",
    "back\\slash\\",
    "\\\"\\$\\`\\\\",
    "# not a comment",
    "x # y",
    "tab\there\r",
    "  leading and trailing  ",
    "semi; colon && pipe | amp & <>",
    "unicode: \xc3\xa9\xe2\x82\xac",
};

// --- Parsing -----------------------------------------------------------------

TEST(ConfigParse, ReadsAllQuotingStyles) {
  auto config = MustParse(
      "DQ=\"a b\"\n"
      "SQ='x $y \\z'\n"
      "BARE=value with spaces   \n"
      "  INDENTED=\"yes\"\n"
      "export EXPORTED=1\n"
      "EMPTY=\"\"\n"
      "NOTHING=\n"
      "HASH=a#b\n"
      "TRAILER=\"v\"   # a comment\n");
  EXPECT_EQ(config.Get("DQ"), "a b");
  EXPECT_EQ(config.Get("SQ"), "x $y \\z");
  EXPECT_EQ(config.Get("BARE"), "value with spaces");
  EXPECT_EQ(config.Get("INDENTED"), "yes");
  EXPECT_EQ(config.Get("EXPORTED"), "1");
  EXPECT_EQ(config.Get("EMPTY"), "");
  EXPECT_EQ(config.Get("NOTHING"), "");
  EXPECT_EQ(config.Get("HASH"), "a#b");
  EXPECT_EQ(config.Get("TRAILER"), "v");
  EXPECT_EQ(config.Get("MISSING"), std::nullopt);
}

TEST(ConfigParse, UnescapesDoubleQuotesAsShDoes) {
  const std::string text = R"(K="q\" b\\ d\$ t\` other\n \'end")"
                           "\n";
  auto config = MustParse(text);
  EXPECT_EQ(config.Get("K"), "q\" b\\ d$ t` other\\n \\'end");
  if (!fs::exists("/bin/sh")) return;
  vztest::TestDir dir;
  dir.Write("ve.conf", text);
  EXPECT_EQ(SourceWithSh(dir.path() / "ve.conf", "K"), config.Get("K"));
}

TEST(ConfigParse, FirstOccurrenceWins) {
  auto config = MustParse("A=first\nB=1\nA=second\nA=\"third\"\n");
  EXPECT_EQ(config.Get("A"), "first");
  EXPECT_EQ(config.Keys(), (std::vector<std::string>{"A", "B"}));
}

TEST(ConfigParse, SerializeGivesBackTheTextUnchanged) {
  for (std::string_view text : {"", "\n", "# only a comment", "A=1", "A=1\n\n\n",
                                "  # c\n\nexport B='x'\nC=\"y\"  \n", "A=1\nA=2\nZ=3\n# end"}) {
    auto config = MustParse(text);
    EXPECT_EQ(config.Serialize(), text);
    EXPECT_FALSE(config.changed());
  }
}

struct BadLine {
  std::string line;
  std::string reason;
};

TEST(ConfigParse, RejectsMalformedLinesWithTheirLineNumber) {
  const std::vector<BadLine> cases = {
      {"JUSTAWORD", "expected KEY=value"},
      {"1KEY=x", "invalid key \"1KEY\""},
      {"KEY =x", "invalid key \"KEY \""},
      {"BAD-KEY=x", "invalid key \"BAD-KEY\""},
      {"=x", "invalid key \"\""},
      {"K=\"open", "unterminated double quote"},
      {"K=\"esc\\\"", "unterminated double quote"},
      {"K='open", "unterminated single quote"},
      {"K=\"a\"b", "unexpected text after closing quote"},
      {"K='a'#b", "unexpected text after closing quote"},
  };
  for (const auto& bad : cases) {
    auto config = ConfigFile::Parse("# header\nGOOD=1\n" + bad.line + "\nLATER=2\n", "ve.conf");
    ASSERT_FALSE(config.has_value()) << bad.line;
    EXPECT_EQ(config.error().kind(), ErrorKind::kBadConfig) << bad.line;
    EXPECT_EQ(config.error().message(), "ve.conf:3: " + bad.reason) << bad.line;
  }
}

TEST(ConfigParse, DefaultNameIsUsedInErrors) {
  auto config = ConfigFile::Parse("oops\n");
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().context(), "<config>:1: expected KEY=value");
}

// --- Editing -----------------------------------------------------------------

// sh takes the last assignment, vzctl the first: every one is rewritten.
TEST(ConfigEdit, SetRewritesEveryOccurrenceInPlace) {
  auto config = MustParse("# c\nA=1\nB='2'\nA=3\n");
  ASSERT_TRUE(config.Set("A", "new").has_value());
  EXPECT_EQ(config.Get("A"), "new");
  EXPECT_EQ(config.Serialize(), "# c\nA=\"new\"\nB='2'\nA=\"new\"\n");
  EXPECT_TRUE(config.changed());
  // A later copy that differs is rewritten even when the first matches.
  auto same_first = MustParse("A=\"new\"\nA=old\n");
  ASSERT_TRUE(same_first.Set("A", "new").has_value());
  EXPECT_EQ(same_first.Serialize(), "A=\"new\"\nA=\"new\"\n");
}

TEST(ConfigEdit, LaterAssignmentsOfAKeyAreWarnedAbout) {
  auto config = MustParse("A=1\n# c\nB=2\nA=\"3\"\nA=1\n");
  EXPECT_EQ(config.Get("A"), "1");
  EXPECT_EQ(config.DuplicateWarnings(),
            (std::vector<std::string>{"dup for A=3 in line 4 is ignored",
                                      "dup for A=1 in line 5 is ignored"}));
  EXPECT_TRUE(MustParse("A=1\nB=1\n").DuplicateWarnings().empty());
}

// L3: sh runs "bar" for HOSTNAME=foo bar, vzctl reads "foo bar".
TEST(ConfigEdit, BareValuesThatShReadsOtherwiseAreWarnedAbout) {
  auto config = MustParse(
      "HOSTNAME=foo bar\nONBOOT=yes\nA=\"x y\"\nB='$(z)'\nDESCRIPTION=$(reboot)\nC=a;b\n");
  EXPECT_EQ(config.Get("HOSTNAME"), "foo bar");
  EXPECT_EQ(config.UnquotedWarnings(),
            (std::vector<std::string>{
                "unquoted value in line 1: HOSTNAME=foo bar (vzctl reads it to the end of the "
                "line, sh does not: quote it, HOSTNAME=\"...\")",
                "unquoted value in line 5: DESCRIPTION=$(reboot) (vzctl reads it to the end of "
                "the line, sh does not: quote it, DESCRIPTION=\"...\")",
                "unquoted value in line 6: C=a;b (vzctl reads it to the end of the line, sh "
                "does not: quote it, C=\"...\")"}));
  // Once set, the value is written quoted and no longer warned about.
  ASSERT_TRUE(config.Set("HOSTNAME", "foo").has_value());
  EXPECT_EQ(config.UnquotedWarnings().size(), 2u);
  EXPECT_EQ(MustParse("A=$HOME\n").UnquotedWarnings().size(), 1u);
  // As in OpenVZ's vz.conf: both vzctl and sh expand $VEID.
  EXPECT_TRUE(MustParse("VE_ROOT=/vz/root/$VEID\nB=yes\nC=-1:2,3.5G\nD=/x/${VEID}/y\n")
                  .UnquotedWarnings()
                  .empty());
}

TEST(ConfigEdit, SetAppendsAMissingKey) {
  auto config = MustParse("A=1");
  ASSERT_TRUE(config.Set("B", "two words").has_value());
  EXPECT_EQ(config.Serialize(), "A=1\nB=\"two words\"\n");
  EXPECT_EQ(config.Keys(), (std::vector<std::string>{"A", "B"}));
}

TEST(ConfigEdit, SetToTheSameValueChangesNothing) {
  auto config = MustParse("A='1'\n");
  ASSERT_TRUE(config.Set("A", "1").has_value());
  EXPECT_FALSE(config.changed());
  EXPECT_EQ(config.Serialize(), "A='1'\n");
}

TEST(ConfigEdit, SetRejectsBadKeysAndMultiLineValues) {
  auto config = MustParse("A=1\n");
  for (std::string_view key : {"", "1A", "A-B", "A B", "A=B"}) {
    auto status = config.Set(key, "x");
    ASSERT_FALSE(status.has_value()) << key;
    EXPECT_EQ(status.error().kind(), ErrorKind::kInvalidArgument) << key;
  }
  for (std::string_view value : {std::string_view("a\nb"), std::string_view("a\0b", 3)}) {
    auto status = config.Set("A", value);
    ASSERT_FALSE(status.has_value());
    EXPECT_EQ(status.error().kind(), ErrorKind::kInvalidArgument);
    EXPECT_NE(status.error().message().find("A"), std::string::npos);
  }
  EXPECT_FALSE(config.changed());
  EXPECT_EQ(config.Serialize(), "A=1\n");
}

TEST(ConfigEdit, EraseRemovesEveryAssignment) {
  auto config = MustParse("# keep\nA=1\nB=2\nexport A=3\n");
  config.Erase("A");
  EXPECT_EQ(config.Get("A"), std::nullopt);
  EXPECT_EQ(config.Serialize(), "# keep\nB=2\n");
  EXPECT_TRUE(config.changed());
}

TEST(ConfigEdit, EraseOfAMissingKeyChangesNothing) {
  auto config = MustParse("# comment\n\nA=1\n");
  config.Erase("B");
  config.Erase("");
  EXPECT_FALSE(config.changed());
  EXPECT_EQ(config.Serialize(), "# comment\n\nA=1\n");
}

TEST(ConfigEdit, HostileValuesRoundTrip) {
  ConfigFile config;
  for (size_t i = 0; i < kHostileValues.size(); ++i)
    ASSERT_TRUE(config.Set("V" + std::to_string(i), kHostileValues[i]).has_value());
  auto reparsed = ConfigFile::Parse(config.Serialize());
  ASSERT_TRUE(reparsed.has_value()) << reparsed.error().message();
  for (size_t i = 0; i < kHostileValues.size(); ++i)
    EXPECT_EQ(reparsed->Get("V" + std::to_string(i)), kHostileValues[i]);
  EXPECT_EQ(reparsed->Serialize(), config.Serialize());
}

TEST(ConfigEdit, WrittenFileIsShSourceable) {
  if (!fs::exists("/bin/sh")) GTEST_SKIP() << "no /bin/sh";
  vztest::TestDir dir;
  for (size_t i = 0; i < kHostileValues.size(); ++i) {
    ConfigFile config;
    ASSERT_TRUE(config.Set("V", kHostileValues[i]).has_value());
    ASSERT_TRUE(config.Save(dir.path() / "ve.conf").has_value());
    EXPECT_EQ(SourceWithSh(dir.path() / "ve.conf", "V"), kHostileValues[i]) << i;
  }
}

// --- Files -------------------------------------------------------------------

TEST(ConfigFiles, LoadSaveKeepsCommentsBlankLinesUnknownKeysAndOrder) {
  vztest::TestDir dir;
  const std::string original =
      "# Global parameters\n\nUNKNOWN_KEY=\"keep me\"\n  # indented comment\n"
      "ONBOOT=no\nVE_PRIVATE='/vz/private/$VEID'\nexport ZZZ=1\nONBOOT=ignored\n";
  dir.Write("101.conf", original);
  auto config = ConfigFile::Load(dir.path() / "101.conf");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  ASSERT_TRUE(config->Set("ONBOOT", "yes").has_value());
  ASSERT_TRUE(config->Set("HOSTNAME", "ct101").has_value());
  ASSERT_TRUE(config->Save(dir.path() / "101.conf").has_value());
  EXPECT_EQ(MustRead(dir.path() / "101.conf"),
            "# Global parameters\n\nUNKNOWN_KEY=\"keep me\"\n  # indented comment\n"
            "ONBOOT=\"yes\"\nVE_PRIVATE='/vz/private/$VEID'\nexport ZZZ=1\nONBOOT=\"yes\"\n"
            "HOSTNAME=\"ct101\"\n");
}

TEST(ConfigFiles, LoadOfAMissingFileIsEnoent) {
  vztest::TestDir dir;
  const fs::path path = dir.path() / "404.conf";
  auto config = ConfigFile::Load(path);
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().err_no(), ENOENT);
  EXPECT_EQ(config.error().kind(), ErrorKind::kSystem);
  EXPECT_EQ(config.error().context(), "open(" + path.string() + ")");
}

TEST(ConfigFiles, LoadErrorsNameThePathAndLine) {
  vztest::TestDir dir;
  dir.Write("bad.conf", "A=1\n\nnot an assignment\n");
  auto config = ConfigFile::Load(dir.path() / "bad.conf");
  ASSERT_FALSE(config.has_value());
  EXPECT_EQ(config.error().kind(), ErrorKind::kBadConfig);
  EXPECT_EQ(config.error().context(),
            (dir.path() / "bad.conf").string() + ":3: expected KEY=value");
}

TEST(ConfigFiles, SaveLeavesOnlyTheFileWithMode0644) {
  vztest::TestDir dir;
  dir.Write("ve.conf", "OLD=1\n");
  auto config = MustParse("A=\"1\"\n");
  ASSERT_TRUE(config.Save(dir.path() / "ve.conf").has_value());
  EXPECT_EQ(MustRead(dir.path() / "ve.conf"), "A=\"1\"\n");
  EXPECT_EQ(DirEntries(dir.path()), std::vector<std::string>{"ve.conf"});
  struct stat st;
  ASSERT_EQ(::stat((dir.path() / "ve.conf").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
}

TEST(ConfigFiles, SaveIntoAMissingDirectoryFailsAndLeavesNothing) {
  vztest::TestDir dir;
  const fs::path path = dir.path() / "missing" / "ve.conf";
  auto status = MustParse("A=1\n").Save(path);
  ASSERT_FALSE(status.has_value());
  EXPECT_EQ(status.error().err_no(), ENOENT);
  EXPECT_NE(status.error().context().find(path.string()), std::string::npos)
      << status.error().message();
  EXPECT_FALSE(fs::exists(dir.path() / "missing"));
  EXPECT_TRUE(DirEntries(dir.path()).empty());
}

TEST(ConfigFiles, SaveOverADirectoryFailsAndRemovesTheTempFile) {
  vztest::TestDir dir;
  fs::create_directory(dir.path() / "ve.conf");
  dir.Write("ve.conf/inside", "x");
  auto status = MustParse("A=1\n").Save(dir.path() / "ve.conf");
  ASSERT_FALSE(status.has_value());
  EXPECT_NE(status.error().context().find("rename("), std::string::npos)
      << status.error().message();
  EXPECT_EQ(DirEntries(dir.path()), std::vector<std::string>{"ve.conf"});
  EXPECT_TRUE(fs::is_directory(dir.path() / "ve.conf"));
}

TEST(ConfigFiles, SaveThroughASymlinkUpdatesTheTarget) {
  vztest::TestDir dir;
  dir.Write("real/101.conf", "A=1\n");
  fs::create_directory(dir.path() / "links");
  fs::create_symlink("../real/101.conf", dir.path() / "links" / "101.conf");
  auto config = ConfigFile::Load(dir.path() / "links" / "101.conf");
  ASSERT_TRUE(config.has_value()) << config.error().message();
  ASSERT_TRUE(config->Set("A", "2").has_value());
  ASSERT_TRUE(config->Save(dir.path() / "links" / "101.conf").has_value());
  EXPECT_TRUE(fs::is_symlink(dir.path() / "links" / "101.conf"));
  EXPECT_EQ(fs::read_symlink(dir.path() / "links" / "101.conf"), "../real/101.conf");
  EXPECT_EQ(MustRead(dir.path() / "real" / "101.conf"), "A=\"2\"\n");
  EXPECT_EQ(DirEntries(dir.path() / "links"), std::vector<std::string>{"101.conf"});
  EXPECT_EQ(DirEntries(dir.path() / "real"), std::vector<std::string>{"101.conf"});
}

// --- ExpandVeid and ConfigStack ----------------------------------------------

TEST(ExpandVeid, ExpandsBothForms) {
  EXPECT_EQ(vz::ExpandVeid("/vz/private/$VEID", 101), "/vz/private/101");
  EXPECT_EQ(vz::ExpandVeid("/vz/root/${VEID}/x", 7), "/vz/root/7/x");
  EXPECT_EQ(vz::ExpandVeid("$VEID-${VEID}.$VEID", 42), "42-42.42");
}

TEST(ExpandVeid, LeavesOtherTextAlone) {
  EXPECT_EQ(vz::ExpandVeid("/vz/private", 101), "/vz/private");
  EXPECT_EQ(vz::ExpandVeid("", 101), "");
  EXPECT_EQ(vz::ExpandVeid("$VEIDX ${VEIDX} $VE_ID $ VEID", 1), "$VEIDX ${VEIDX} $VE_ID $ VEID");
}

TEST(ConfigStack, ContainerValuesOverrideGlobalOnes) {
  vz::ConfigStack stack(MustParse("A=global\nB=global\nEMPTY=global\n"),
                        MustParse("A=ct\nEMPTY=\nC=ct\n"));
  EXPECT_EQ(stack.Get("A"), "ct");
  EXPECT_EQ(stack.Get("B"), "global");
  EXPECT_EQ(stack.Get("C"), "ct");
  EXPECT_EQ(stack.Get("EMPTY"), "");
  EXPECT_EQ(stack.Get("D"), std::nullopt);
  EXPECT_EQ(stack.global().Get("A"), "global");
}

TEST(ConfigStack, EditsToTheContainerAreSeen) {
  vz::ConfigStack stack(MustParse("A=global\n"), ConfigFile());
  EXPECT_EQ(stack.Get("A"), "global");
  ASSERT_TRUE(stack.container().Set("A", "ct").has_value());
  EXPECT_EQ(stack.Get("A"), "ct");
  EXPECT_TRUE(stack.container().changed());
  EXPECT_FALSE(stack.global().changed());
  stack.container().Erase("A");
  EXPECT_EQ(stack.Get("A"), "global");
}

}  // namespace
