// SPDX-License-Identifier: LGPL-2.1-or-later
#include "vz/inside/exec.h"

#include <unistd.h>

#include "inside/run_inside.h"
#include "inside/ve_process.h"
#include "kernel/vzdev.h"

namespace vz {

namespace {

std::string JoinWords(const std::vector<std::string>& args) {
  std::string line;
  for (const auto& a : args) line += (line.empty() ? "" : " ") + (a.empty() ? "''" : a);
  return line;
}

// The program to exec inside, for `mode`.
std::vector<std::string> CommandLine(const std::vector<std::string>& args, ExecMode mode) {
  if (mode == ExecMode::kArgv) return args;
  const char* shell = ::access("/bin/bash", X_OK) == 0 ? "/bin/bash" : "/bin/sh";
  if (args.size() == 1 && args[0] == "-") return {shell};
  return {shell, "-c", JoinWords(args)};
}

[[noreturn]] void RunInside(const std::vector<std::string>& args, ExecMode mode) {
  if (::chdir("/") != 0) ::_exit(126);
  auto argv = CommandLine(args, mode);
  if (mode == ExecMode::kArgv && argv[0].find('/') == std::string::npos) {
    for (const char* dir :
         {"/usr/local/sbin/", "/usr/local/bin/", "/usr/sbin/", "/usr/bin/", "/sbin/", "/bin/"}) {
      if (::access((dir + argv[0]).c_str(), X_OK) == 0) {
        argv[0] = dir + argv[0];
        break;
      }
    }
  }
  internal::ExecClean(argv);
  ::_exit(errno == ENOENT ? 127 : 126);
}

}  // namespace

Result<int> ExecInContainer(const Container& ct, const std::vector<std::string>& args,
                            ExecMode mode) {
  if (args.empty()) return KindError(ErrorKind::kInvalidArgument, "no command to run");
  auto dev = VzDevice::Open();
  if (!dev) return std::unexpected(dev.error());
  auto running = dev->Exists(ct.veid());
  if (!running) return std::unexpected(running.error());
  if (!*running) return KindError(ErrorKind::kNotRunning, "container is not running");
  return internal::RunInContainer(
      *dev, ct.veid(), [&]() -> int { RunInside(args, mode); }, /*wait=*/true,
      internal::InsideStdio::kRelayTerminals);
}

}  // namespace vz
