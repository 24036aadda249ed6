// SPDX-License-Identifier: GPL-2.0-or-later
// NAMESERVER and SEARCHDOMAIN: validation, resolv.conf rendering and the
// writer that runs inside containers.
#include "uts/resolv.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_dir.h"
#include "uts/resolv_write.h"

namespace {

using vz::ErrorKind;

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

TEST(Resolv, NameserversAreAddressesOrInherit) {
  for (const char* ok : {"8.8.8.8", "2001:4860:4860::8888", "inherit"})
    EXPECT_TRUE(vz::ValidateNameserver(ok)) << ok;
  for (const char* bad : {"", "dns.example.com", "8.8.8", "8.8.8.8/32", "inherit2"}) {
    auto r = vz::ValidateNameserver(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kBadNameserver) << bad;
  }
}

TEST(Resolv, SearchDomainsAreDomainNames) {
  for (const char* ok : {"example.com", "corp", "a-b.example.org.", "_srv.example.com"})
    EXPECT_TRUE(vz::ValidateSearchDomain(ok)) << ok;
  const std::string label64(64, 'a');
  for (const std::string& bad :
       {std::string(""), std::string("."), std::string("a..b"), std::string("-a.com"),
        std::string("a-.com"), std::string("bad domain"), std::string("a;b"), label64 + ".com",
        std::string(".example.com")}) {
    auto r = vz::ValidateSearchDomain(bad);
    ASSERT_FALSE(r) << bad;
    EXPECT_EQ(r.error().kind(), ErrorKind::kBadSearchDomain) << bad;
  }
}

TEST(Resolv, RenderReplacesOnlyWhatIsSet) {
  const std::string existing =
      "# generated\nsearch old.example\nnameserver 1.1.1.1\noptions ndots:2\nnameserver 1.0.0.1";
  vz::DnsSettings ns_only;
  ns_only.nameservers = std::vector<std::string>{"8.8.8.8", "fd00::53"};
  EXPECT_EQ(vz::RenderResolvConf(existing, ns_only),
            "# generated\nsearch old.example\noptions ndots:2\nnameserver 8.8.8.8\n"
            "nameserver fd00::53\n");
  vz::DnsSettings search_only;
  search_only.searchdomains = std::vector<std::string>{"a.example", "b.example"};
  EXPECT_EQ(vz::RenderResolvConf("domain x.example\n" + existing, search_only),
            "# generated\nnameserver 1.1.1.1\noptions ndots:2\nnameserver 1.0.0.1\n"
            "search a.example b.example\n");
  vz::DnsSettings clear;
  clear.searchdomains = std::vector<std::string>{};
  EXPECT_EQ(vz::RenderResolvConf("search a\n", clear), "");
  EXPECT_EQ(vz::RenderResolvConf("", vz::DnsSettings{}), "");
}

TEST(Resolv, HostNameserversForInherit) {
  vztest::TestDir dir;
  dir.Write("resolv.conf", "# host\nnameserver 9.9.9.9\nnameserver  149.112.112.112 \nsearch x\n");
  EXPECT_EQ(vz::ResolvNameservers(Slurp(dir.path() / "resolv.conf")),
            (std::vector<std::string>{"9.9.9.9", "149.112.112.112"}));
  EXPECT_EQ(vz::ExpandNameservers({"1.1.1.1", "inherit", "9.9.9.9"}, dir.path() / "resolv.conf"),
            (std::vector<std::string>{"1.1.1.1", "9.9.9.9", "149.112.112.112"}));
  EXPECT_EQ(vz::ExpandNameservers({"inherit"}, dir.path() / "missing"), std::vector<std::string>{});
}

TEST(ResolvWrite, KeepsOtherLinesAndWritesMode0644) {
  vztest::TestDir dir;
  dir.Write("etc/resolv.conf", "options rotate\nnameserver 1.1.1.1\n");
  const auto path = dir.path() / "etc/resolv.conf";
  vz::DnsSettings dns;
  dns.nameservers = std::vector<std::string>{"8.8.8.8"};
  dns.searchdomains = std::vector<std::string>{"example.com"};
  ASSERT_EQ(vz::internal::WriteResolvConf(dns, path.c_str()), 0);
  EXPECT_EQ(Slurp(path), "options rotate\nsearch example.com\nnameserver 8.8.8.8\n");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0644u);
  // Nothing left behind but the file itself.
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path() / "etc"),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(ResolvWrite, ReplacesASymlinkInsteadOfWritingThroughIt) {
  vztest::TestDir dir;
  dir.Write("host/passwd", "root:x:0:0\n");
  std::filesystem::create_directories(dir.path() / "etc");
  const auto path = dir.path() / "etc/resolv.conf";
  std::filesystem::create_symlink(dir.path() / "host/passwd", path);
  vz::DnsSettings dns;
  dns.nameservers = std::vector<std::string>{"8.8.8.8"};
  ASSERT_EQ(vz::internal::WriteResolvConf(dns, path.c_str()), 0);
  EXPECT_EQ(Slurp(dir.path() / "host/passwd"), "root:x:0:0\n");
  EXPECT_FALSE(std::filesystem::is_symlink(path));
  EXPECT_EQ(Slurp(path), "nameserver 8.8.8.8\n");
}

TEST(ResolvWrite, AFifoDoesNotBlockAndIsReplaced) {
  vztest::TestDir dir;
  std::filesystem::create_directories(dir.path() / "etc");
  const auto path = dir.path() / "etc/resolv.conf";
  ASSERT_EQ(::mkfifo(path.c_str(), 0644), 0);
  vz::DnsSettings dns;
  dns.searchdomains = std::vector<std::string>{"example.com"};
  ASSERT_EQ(vz::internal::WriteResolvConf(dns, path.c_str()), 0);
  EXPECT_TRUE(std::filesystem::is_regular_file(path));
  EXPECT_EQ(Slurp(path), "search example.com\n");
}

TEST(ResolvWrite, MissingDirectoryIsAnErrno) {
  vztest::TestDir dir;
  vz::DnsSettings dns;
  dns.nameservers = std::vector<std::string>{"8.8.8.8"};
  EXPECT_EQ(vz::internal::WriteResolvConf(dns, (dir.path() / "no/resolv.conf").c_str()), ENOENT);
}

}  // namespace
