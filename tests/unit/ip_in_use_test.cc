// SPDX-License-Identifier: GPL-2.0-or-later
// L7: a venet address already in use on the host or answered on its LAN is
// refused (duplicate address detection, as OpenVZ's `arpsend -D`). Each
// test runs in a child with a network namespace of its own: a bridge
// vzt-br with a veth vzt-a/vzt-b on it, vzt-b holding 192.0.2.88, plays the
// LAN and a neighbour on it.
#include "net/ip_in_use.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <string>

namespace {

using vz::IpAddress;
using vz::internal::Netlink;

IpAddress Ip(const char* text) { return *vz::ParseIpAddress(text); }

constexpr char kLan[] =
    "ip link set lo up && ip link add vzt-br type bridge && "
    "ip link add vzt-a type veth peer name vzt-b && ip link set vzt-a master vzt-br && "
    "ip link set vzt-br up && ip link set vzt-a up && ip link set vzt-b up && "
    "ip addr add 192.0.2.88/24 dev vzt-b";

// Runs `body` in a forked child in a new network namespace set up by the
// shell command `setup`; the child's answer ("" when all is well) is the
// failure to report. Skips where namespaces or `ip` are not available.
void InNetns(const std::string& setup, const std::function<std::string()>& body) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root for a network namespace";
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::close(fds[0]);
    if (::unshare(CLONE_NEWNET) != 0) ::_exit(77);
    if (!setup.empty() && std::system((setup + " >/dev/null 2>&1").c_str()) != 0) ::_exit(77);
    const std::string said = body();
    (void)!::write(fds[1], said.data(), said.size());
    ::_exit(said.empty() ? 0 : 1);
  }
  ::close(fds[1]);
  std::string said;
  char buf[512];
  ssize_t n;
  while ((n = ::read(fds[0], buf, sizeof(buf))) > 0) said.append(buf, static_cast<size_t>(n));
  ::close(fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  if (WEXITSTATUS(status) == 77) GTEST_SKIP() << "no network namespace or no ip(8) here";
  EXPECT_EQ(WEXITSTATUS(status), 0) << said;
}

// "" when `st` is a kIpInUse error whose message holds `text`.
std::string ExpectInUse(const vz::Status& st, const std::string& text) {
  if (st) return "not refused";
  if (st.error().kind() != vz::ErrorKind::kIpInUse) return "wrong kind: " + st.error().message();
  if (st.error().message().find(text) == std::string::npos)
    return "message: " + st.error().message();
  return "";
}

TEST(IpInUse, AnAddressOfAHostDeviceIsRefused) {
  InNetns(kLan, [] {
    auto nl = Netlink::Open();
    if (!nl) return nl.error().message();
    std::string why =
        ExpectInUse(vz::internal::CheckIpsFree(*nl, {Ip("192.0.2.88")}, /*probe_lan=*/false),
                    "address 192.0.2.88 is in use on the host (vzt-b)");
    if (!why.empty()) return why;
    auto free = vz::internal::CheckIpsFree(*nl, {Ip("192.0.2.99"), Ip("fd00::99")}, false);
    return free ? std::string() : "a free address refused: " + free.error().message();
  });
}

TEST(IpInUse, AnAddressANeighbourAnswersForIsRefused) {
  InNetns(kLan, [] {
    // vzt-b holds the address, but is not what the probe goes out on: the
    // answer comes over the bridge, as from another machine.
    auto nl = Netlink::Open();
    if (!nl) return nl.error().message();
    auto br = nl->LinkIndex("vzt-br");
    if (!br) return br.error().message();
    const vz::internal::NetDevice lan{"vzt-br", *br};
    const auto start = std::chrono::steady_clock::now();
    std::string why =
        ExpectInUse(vz::internal::ProbeArp({lan}, {Ip("192.0.2.99"), Ip("192.0.2.88")},
                                           std::chrono::seconds(2)),
                    "address 192.0.2.88 is in use on the LAN: ");
    if (!why.empty()) return why;
    if (std::chrono::steady_clock::now() - start > std::chrono::milliseconds(1500))
      return std::string("the answer was not taken as it came");
    auto free = vz::internal::ProbeArp({lan}, {Ip("192.0.2.99")}, std::chrono::milliseconds(300));
    return free ? std::string() : "a free address refused: " + free.error().message();
  });
}

TEST(IpInUse, WithoutALanNothingIsProbedNorWaitedFor) {
  InNetns("ip link set lo up", [] {
    auto nl = Netlink::Open();
    if (!nl) return nl.error().message();
    const auto start = std::chrono::steady_clock::now();
    auto free = vz::internal::CheckIpsFree(*nl, {Ip("192.0.2.99")}, true, std::chrono::seconds(5));
    if (!free) return "refused: " + free.error().message();
    if (std::chrono::steady_clock::now() - start > std::chrono::seconds(1))
      return std::string("waited with no LAN to ask");
    return std::string();
  });
}

}  // namespace
