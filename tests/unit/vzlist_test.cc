// SPDX-License-Identifier: GPL-2.0-or-later
// vzlist: OpenVZ's columns, options and JSON over a fake /proc and config
// tree: three containers, 101 running, 102 mounted, 103 stopped, and 104
// configured without a private area.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "test_dir.h"
#include "vz/kernel/veinfo.h"
#include "vzlist/options.h"
#include "vzlist/run.h"

namespace {

constexpr unsigned long kMax = 9223372036854775807UL;

// /proc/user_beancounters: the host and 101, the kernel's layout.
std::string Beancounters() {
  std::string out = "Version: 2.5\n";
  char buf[256];
  auto row = [&](const char* id, const char* res, unsigned long h, unsigned long m, unsigned long b,
                 unsigned long l, unsigned long f) {
    std::snprintf(buf, sizeof(buf), "%10s  %-12s %20lu %20lu %20lu %20lu %20lu\n", id, res, h, m, b,
                  l, f);
    out += buf;
  };
  std::snprintf(buf, sizeof(buf), "%10s  %-12s %20s %20s %20s %20s %20s\n", "uid", "resource",
                "held", "maxheld", "barrier", "limit", "failcnt");
  out += buf;
  row("0:", "kmemsize", 1000, 2000, kMax, kMax, 0);
  row("", "numproc", 80, 90, kMax, kMax, 0);
  row("101:", "kmemsize", 2202009, 2621440, kMax, kMax, 0);
  row("", "numproc", 12, 20, 240, 240, 3);
  row("", "physpages", 1024, 2048, 0, 65536, 0);
  return out;
}

class Vzlist : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string prefix = dir_.path().string() + "/prefix";
    dir_.Write("prefix/etc/vz/vz.conf", "VE_ROOT=" + prefix + "/vz/root/$VEID\nVE_PRIVATE=" +
                                            prefix + "/vz/private/$VEID\nVE_LAYOUT=simfs\n");
    dir_.Write("prefix/etc/vz/conf/101.conf",
               "HOSTNAME=\"ct101.example.com\"\nIP_ADDRESS=\"10.0.0.1 10.0.0.2\"\n"
               "NUMPROC=\"240:240\"\nONBOOT=\"yes\"\nNAME=\"web\"\nBOOTORDER=\"5\"\n"
               "DESCRIPTION=\"front end\"\nOSTEMPLATE=\"debian-12-x86_64\"\n");
    dir_.Write("prefix/etc/vz/conf/102.conf",
               "HOSTNAME=\"a-very-long-hostname-that-goes-on-and-on.example.com\"\n"
               "DISKSPACE=\"1048576:1153434\"\nCPUUNITS=\"2000\"\nVE_LAYOUT=\"overlay\"\n"
               "IOLIMIT=\"5242880\"\nIOPSLIMIT=\"300\"\nFEATURES=\"ppp:off nfs:on bogus:on\"\n");
    dir_.Write("prefix/etc/vz/conf/103.conf",
               "IP_ADDRESS=\"192.0.2.7\"\nNUMPROC=\"100:110\"\nONBOOT=\"no\"\nBOOTORDER=\"9\"\n"
               "NETIF=\"ifname=eth0,mac=00:18:51:AA:BB:CC,host_ifname=veth103.0,"
               "host_mac=00:18:51:AA:BB:CD\"\n");
    dir_.Write("prefix/etc/vz/conf/104.conf", "HOSTNAME=\"ghost\"\n");
    for (const char* id : {"101", "102", "103"})
      std::filesystem::create_directories(dir_.path() / "prefix/vz/private" / id);
    dir_.Write("proc/vz/veinfo", "         0     0    80\n       101     0    12\n");
    dir_.Write("proc/vz/veip", "Version: 2.5\n  10.0.0.2  101\n  10.0.0.9  101\n  10.0.0.1  101\n");
    dir_.Write("proc/user_beancounters", Beancounters());
    dir_.Write("proc/self/mountinfo", "22 1 0:21 / / rw - ext4 /dev/vda rw\n40 22 0:30 / " +
                                          prefix + "/vz/root/102 rw - ext4 /dev/vda rw\n");
    // 101's init started 500 s after boot; the host is up 1000.5 s.
    dir_.Write("proc/uptime", "1000.50 1900.00\n");
    dir_.Write("cgroup/vz/101/cgroup.procs", "4250\n4242\n");
    const long tck = ::sysconf(_SC_CLK_TCK);
    dir_.Write("proc/4242/stat",
               "4242 (init (vz)) S 1 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 "
               "20 0 1 0 " +
                   std::to_string(500 * tck) + " 0 0\n");
    dir_.Write("proc/4250/stat",
               "4250 (sh) S 4242 4250 4242 0 -1 4194560 0 0 0 0 0 0 0 0 "
               "20 0 1 0 " +
                   std::to_string(700 * tck) + " 0 0\n");
  }

  struct Ran {
    int code;
    std::string out, err;
  };

  Ran Run(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    auto opts = vzlist::ParseOptions(args);
    if (!opts) return {-1, "", opts.error()};
    vzlist::Environment env{out, err, vz::Paths{dir_.path() / "prefix"},
                            vz::ListSources{dir_.path() / "proc", dir_.path() / "cgroup"}};
    const int code = vzlist::Run(*opts, env);
    return {code, out.str(), err.str()};
  }

  vztest::TestDir dir_;
};

TEST_F(Vzlist, DefaultListsRunningContainersInOpenVzColumns) {
  auto r = Run({});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "      CTID      NPROC STATUS    IP_ADDR         HOSTNAME\n"
            "       101         12 running   10.0.0.1        ct101.example.com\n");
}

TEST_F(Vzlist, AllShowsStoppedAndMountedAndSkipsThoseWithoutPrivateArea) {
  auto r = Run({"-a"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "      CTID      NPROC STATUS    IP_ADDR         HOSTNAME\n"
            "       101         12 running   10.0.0.1        ct101.example.com\n"
            "       102          - mounted   -               "
            "a-very-long-hostname-that-goes-on-and-on.example.com\n"
            "       103          - stopped   192.0.2.7       -\n");
  auto stopped = Run({"-S", "-H", "-octid,status"});
  EXPECT_EQ(stopped.out, "       102 mounted\n       103 stopped\n");
}

TEST_F(Vzlist, LongValuesAreCutUnlessLastOrNoTrim) {
  auto cut = Run({"-a", "-H", "-o", "hostname,ctid", "102"});
  EXPECT_EQ(cut.out, "a-very-long-hostname-that-goes-o        102\n");
  auto whole = Run({"-t", "-H", "-o", "hostname,ctid", "102"});
  EXPECT_EQ(whole.out, "a-very-long-hostname-that-goes-on-and-on.example.com        102\n");
  // Every address in the last column or with -t; the first one elsewhere.
  auto ips = Run({"-H", "-o", "ctid,ip"});
  EXPECT_EQ(ips.out, "       101 10.0.0.1 10.0.0.2 10.0.0.9\n");
  auto first = Run({"-H", "-o", "ip,ctid"});
  EXPECT_EQ(first.out, "10.0.0.1               101\n");
}

TEST_F(Vzlist, BeancounterSuffixesAndStoppedDashes) {
  auto r = Run({"-a", "-o", "ctid,numproc,numproc.m,numproc.b,numproc.l,numproc.f"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "      CTID      NPROC    NPROC.M    NPROC.B    NPROC.L    NPROC.F\n"
            "       101         12         20        240        240          3\n"
            "       102          -          -          0          0          -\n"
            "       103          -          -        100        110          -\n");
}

TEST_F(Vzlist, SettingsUptimeAndDisk) {
  auto r = Run({"-a", "-o",
                "ctid,onboot,bootorder,cpuunits,cpulimit,layout,uptime,diskspace,diskspace.s,"
                "diskspace.h,laverage"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "      CTID ONBOOT  BOOTORDER  CPUUNI  CPULIM LAYOUT          UPTIME     DSPACE   "
            "DSPACE.S   DSPACE.H       LAVERAGE\n"
            "       101    yes          5       -       - simfs  000d00h:08m:20s          -      "
            "    -          -              -\n"
            "       102      -          -    2000       0 overlay               -          -    "
            "1048576    1153434              -\n"
            "       103     no          9       -       - simfs                -          -      "
            "    -          -              -\n");
}

TEST_F(Vzlist, IoLimitsAndFeatures) {
  auto r = Run({"-a", "-o", "ctid,iolimit,iopslimit,features,ioprio"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "      CTID    IOLIMIT       IOPS FEATURES        IOP\n"
            "       101          -          - -                 -\n"
            "       102    5242880        300 nfs:on,ppp:off    -\n"
            "       103          -          - -                 -\n");
  auto j = nlohmann::json::parse(Run({"-j", "-a", "-o", "ctid,iolimit,iopslimit,features"}).out);
  EXPECT_EQ(j[0], nlohmann::json::parse(R"({"ctid":101,"iolimit":0,"iopslimit":0,"features":{}})"));
  EXPECT_EQ(j[1], nlohmann::json::parse(R"({"ctid":102,"iolimit":5242880,"iopslimit":300,)"
                                        R"("features":{"nfs":true,"ppp":false}})"));
  EXPECT_EQ(Run({"-a1", "-s", "-iolimit"}).out.substr(0, 11), "       102\n");
}

TEST_F(Vzlist, SortFiltersAndNames) {
  EXPECT_EQ(Run({"-a1", "-s", "-ctid"}).out, "       103\n       102\n       101\n");
  EXPECT_EQ(Run({"-a1", "-s-bootorder"}).out, "       103\n       101\n       102\n");
  EXPECT_EQ(Run({"-a1", "-s", "status"}).out, "       101\n       103\n       102\n");
  EXPECT_EQ(Run({"-a1", "-h", "*.example.com"}).out, "       101\n       102\n");
  EXPECT_EQ(Run({"-a1", "-N", "w*"}).out, "       101\n");
  EXPECT_EQ(Run({"-a1", "-d", "front*"}).out, "       101\n");
  EXPECT_EQ(Run({"-1", "web", "103"}).out, "       101\n       103\n");
  auto named = Run({"-n", "-a", "-H", "-o", "smart_name,ctid"});
  EXPECT_EQ(named.out, "       web        101\n       102        102\n       103        103\n");
}

TEST_F(Vzlist, JsonIsOpenVzsLayout) {
  auto r = Run({"-j", "-a"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[0]["ctid"], 101);
  EXPECT_EQ(j[0]["status"], "running");
  EXPECT_EQ(j[0]["ip"], nlohmann::json({"10.0.0.1", "10.0.0.2", "10.0.0.9"}));
  EXPECT_EQ(j[0]["numproc"],
            nlohmann::json(
                {{"held", 12}, {"maxheld", 20}, {"barrier", 240}, {"limit", 240}, {"failcnt", 3}}));
  EXPECT_EQ(j[0]["onboot"], true);
  EXPECT_DOUBLE_EQ(j[0]["uptime"].get<double>(), 500.5);
  EXPECT_EQ(j[0]["laverage"], nullptr);
  EXPECT_FALSE(j[0].contains("numproc.m"));
  EXPECT_EQ(j[1]["diskspace"],
            nlohmann::json({{"usage", 0}, {"softlimit", 1048576}, {"hardlimit", 1153434}}));
  EXPECT_EQ(j[1]["onboot"], nullptr);
  EXPECT_EQ(j[1]["layout"], "overlay");
  EXPECT_EQ(j[2]["numproc"]["held"], 0);
  EXPECT_EQ(j[2]["numproc"]["barrier"], 100);
  EXPECT_EQ(j[2]["netif"], nlohmann::json({"eth0"}));
  EXPECT_EQ(j[2]["hostname"], nullptr);
  EXPECT_EQ(j[2]["kmemsize"]["limit"], 0);
  auto some = nlohmann::json::parse(Run({"-j", "-o", "ctid,hostname"}).out);
  EXPECT_EQ(some, nlohmann::json::parse(R"([{"ctid":101,"hostname":"ct101.example.com"}])"));
}

TEST_F(Vzlist, BadInputGetsOpenVzsErrors) {
  auto unknown = Run({"-o", "ctid,bogus"});
  EXPECT_EQ(unknown.code, 1);
  EXPECT_EQ(unknown.err, "vzlist: Unknown field: bogus\n");
  auto json = Run({"-j", "-o", "numproc.m"});
  EXPECT_EQ(json.code, 1);
  EXPECT_NE(json.err.find("not available in JSON output"), std::string::npos);
  auto sort = Run({"-s", "nope"});
  EXPECT_EQ(sort.code, 1);
  EXPECT_NE(sort.err.find("Invalid sort field name: nope"), std::string::npos);
  auto name = Run({"nosuchname"});
  EXPECT_EQ(name.code, 1);
  EXPECT_NE(name.err.find("CT ID nosuchname is invalid."), std::string::npos);
  auto absent = Run({"104"});
  EXPECT_EQ(absent.code, 1);
  EXPECT_EQ(absent.err, "Container(s) not found\n");
  EXPECT_EQ(Run({"--bogus"}).code, -1);
}

TEST_F(Vzlist, NothingRunningIsNoError) {
  dir_.Write("proc/vz/veinfo", "         0     0    80\n");
  auto r = Run({});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(Run({"-j"}).out, "[]\n");
}

TEST_F(Vzlist, BrokenConfigIsSkippedWithAWarning) {
  dir_.Write("prefix/etc/vz/conf/103.conf", "NUMPROC=\"many\"\n");
  auto r = Run({"-a1"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "       101\n       102\n");
  EXPECT_NE(r.err.find("warning: container 103"), std::string::npos) << r.err;
}

TEST_F(Vzlist, ARunningContainerWithABrokenConfigIsStillListed) {
  // A shutdown lists the running containers to stop them: none may hide.
  dir_.Write("prefix/etc/vz/conf/101.conf", "NUMPROC=\"many\"\n");
  auto r = Run({"-H", "-o", "ctid,status,numproc,hostname"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "       101 running           12 -\n");
  EXPECT_NE(r.err.find("warning: container 101"), std::string::npos) << r.err;
  dir_.Write("prefix/etc/vz/conf/101.conf", "this is not a config line\n");
  EXPECT_EQ(Run({"-1"}).out, "       101\n");
}

TEST_F(Vzlist, JsonSurvivesAValueThatIsNotUtf8) {
  dir_.Write("prefix/etc/vz/conf/103.conf", "DESCRIPTION=\"caf\xe9\"\n");
  auto r = Run({"-j", "-o", "ctid,description", "103"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["description"], "caf\xef\xbf\xbd");
}

TEST_F(Vzlist, JsonOfACtidNotFoundIsAnError) {
  auto r = Run({"-j", "104"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "Container(s) not found\n");
}

TEST_F(Vzlist, NoVeKernelIsAClearError) {
  std::filesystem::remove(dir_.path() / "proc/vz/veinfo");
  auto r = Run({"-a"});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not a VE kernel"), std::string::npos) << r.err;
}

TEST_F(Vzlist, ListNamesEveryField) {
  auto r = Run({"-L"});
  EXPECT_NE(r.out.find("numproc.f       NPROC.F"), std::string::npos);
  EXPECT_NE(r.out.find("diskinodes.h    DINODES.H"), std::string::npos);
  EXPECT_NE(r.out.find("ctid            CTID"), std::string::npos);
}

TEST(Veinfo, ParsesOpenVzsFormat) {
  auto ves = vz::ParseVeinfo("         0     0    80\n       101     2    12\n");
  ASSERT_TRUE(ves) << ves.error().message();
  ASSERT_EQ(ves->size(), 1u);
  EXPECT_EQ((*ves)[0], (vz::RunningVe{101, 2, 12}));
  auto bad = vz::ParseVeinfo("101 x 3\n");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().err_no(), EPROTO);
}

}  // namespace
