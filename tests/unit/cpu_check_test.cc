// SPDX-License-Identifier: GPL-2.0-or-later
// vzcpucheck's numbers: the node's power from /proc/cpuinfo, the CPUUNITS
// and limits of the running containers (a /proc of the test's own with a
// veinfo), and the report.
#include <gtest/gtest.h>

#include "cpu_report.h"
#include "test_dir.h"
#include "vz/cpu/check.h"

namespace {

constexpr const char* kCpuinfo =
    "processor\t: 0\nvendor_id\t: GenuineIntel\nbogomips\t: 4000.00\n\n"
    "processor\t: 1\nvendor_id\t: GenuineIntel\nbogomips\t: 4000.50\n\n";

TEST(CpuCheck, PowerIs25UnitsPerBogomips) {
  auto node = vz::ParseNodePower(kCpuinfo);
  EXPECT_EQ(node.cpus, 2u);
  EXPECT_EQ(node.power, 200012u);  // 8000.50 * 25
  EXPECT_EQ(vz::ParseNodePower("").cpus, 0u);
  EXPECT_EQ(vz::ParseNodePower("processor : 0\nbogomips : 3.5\n").power, 87u);
  EXPECT_EQ(vz::ParseNodePower("processor\t: 0\nBogoMIPS\t: 50.00\n").power, 1250u);
}

struct Tree {
  vztest::TestDir dir;
  Tree(const std::string& vz_conf, const std::string& veinfo) {
    dir.Write("etc/vz/vz.conf", "VE_ROOT=/vz/root/$VEID\nVE_PRIVATE=/vz/private/$VEID\n" + vz_conf);
    dir.Write("proc/vz/veinfo", "         0     0    50\n" + veinfo);
    dir.Write("proc/cpuinfo", kCpuinfo);
  }
  vz::Result<vz::CpuCheck> Check() {
    return vz::CheckCpu(vz::Paths{dir.path()}, dir.path() / "proc");
  }
};

TEST(CpuCheck, RunningContainersAndTheHost) {
  Tree t("VE0CPUUNITS=2000\nCPUUNITS=500\n", "       102     0     3\n       101     0     5\n");
  t.dir.Write("etc/vz/conf/101.conf", "CPUUNITS=3000\nCPULIMIT=50\nCPUS=1\n");
  t.dir.Write("etc/vz/conf/102.conf", "CPUS=1\n");
  t.dir.Write("etc/vz/conf/103.conf", "CPUUNITS=100000\n");  // stopped: not counted
  auto check = t.Check();
  ASSERT_TRUE(check) << check.error().message();
  ASSERT_EQ(check->containers.size(), 2u);
  EXPECT_EQ(check->containers[0].veid, 101u);
  EXPECT_EQ(check->containers[0].cpuunits, 3000u);
  EXPECT_EQ(check->containers[0].limit, 50u);
  EXPECT_EQ(check->containers[1].cpuunits, 500u);  // vz.conf's
  EXPECT_EQ(check->containers[1].limit, 100u);
  EXPECT_EQ(check->host_cpuunits, 2000u);
  EXPECT_EQ(check->units(), 5500u);
  EXPECT_EQ(check->limits(), 150u);
  const std::string verbose = vzcpucheck::Report(*check, true);
  EXPECT_NE(verbose.find("0\t\t2000\n101\t\t3000\n102\t\t500\n"), std::string::npos) << verbose;
  EXPECT_NE(verbose.find("Current CPU utilization: 5500\nPower of the node: 200012\n"),
            std::string::npos)
      << verbose;
  EXPECT_EQ(verbose.find("overcommitted"), std::string::npos) << verbose;
  EXPECT_NE(verbose.find("150% of one CPU, on 2 CPUs (200%)"), std::string::npos) << verbose;
}

TEST(CpuCheck, AnOvercommittedNodeIsSaid) {
  Tree t("", "       101     0     5\n");
  t.dir.Write("etc/vz/conf/101.conf", "CPUUNITS=500000\n");
  auto check = t.Check();
  ASSERT_TRUE(check) << check.error().message();
  EXPECT_EQ(check->host_cpuunits, 1000u);
  EXPECT_EQ(check->limits(), 200u);  // no limit: all the host's CPUs
  const std::string report = vzcpucheck::Report(*check, false);
  EXPECT_NE(report.find("Warning: hardware node is overcommitted"), std::string::npos) << report;
  EXPECT_EQ(report.find("CPUUNITS\n"), std::string::npos) << report;
}

TEST(CpuCheck, ErrorsNameTheirSource) {
  Tree t("VE0CPUUNITS=lots\n", "");
  auto check = t.Check();
  ASSERT_FALSE(check);
  EXPECT_EQ(check.error().kind(), vz::ErrorKind::kBadConfig);
  EXPECT_NE(check.error().context().find("VE0CPUUNITS"), std::string::npos);
  Tree no_ve("", "");
  std::filesystem::remove(no_ve.dir.path() / "proc/vz/veinfo");
  auto missing = no_ve.Check();
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind(), vz::ErrorKind::kBadKernel);
}

}  // namespace
