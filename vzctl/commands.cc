// SPDX-License-Identifier: GPL-2.0-or-later
#include "commands.h"

#include <vz/kernel_info.h>

#include "exit_codes.h"

namespace vzctl {

namespace {

int PrintVersion(const Environment& env) {
  env.out << "vzctl version " << vz::LibraryVersion() << "\n";
  auto kernel = vz::ReadKernelInfo(env.proc);
  if (!kernel) {
    env.out << "kernel: " << kernel.error().message() << "\n";
    return kExitBadKernel;
  }
  env.out << "kernel: VE interface " << kernel->vz_version << "\n";
  return kExitOk;
}

}  // namespace

int Run(const Invocation& inv, const Environment& env) {
  if (inv.help) {
    env.out << UsageText();
    return kExitOk;
  }
  if (inv.version) return PrintVersion(env);
  env.err << "vzctl: unknown command '" << inv.command << "' (try 'vzctl --help')\n";
  return kExitInvalidSyntax;
}

}  // namespace vzctl
