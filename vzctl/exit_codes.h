// SPDX-License-Identifier: GPL-2.0-or-later
//
// vzctl's exit codes. Scripts written for OpenVZ test these numbers, so they
// follow OpenVZ's table (vzctl(8), EXIT STATUS) exactly; only the codes
// vzctl returns are named here.
#pragma once

#include "vz/core/error.h"

namespace vzctl {

enum ExitCode : int {
  kExitOk = 0,
  kExitSetUbc = 1,
  kExitSetCpu = 2,  // OpenVZ's VZ_SETFSHD_ERROR: a fair-scheduler (CPU) setting
  kExitSystem = 3,  // also an interrupted command: OpenVZ has no code of its own for it
  kExitBadKernel = 5,
  kExitEnvCreate = 7,
  kExitCommandExecution = 8,
  kExitLocked = 9,
  kExitNoConfig = 10,
  kExitNoVeConfig = 14,
  kExitInvalidSyntax = 20,
  kExitInvalidValue = 21,
  kExitNotEnoughUbc = 28,
  kExitVeNotRunning = 31,
  kExitVeRunning = 32,
  kExitStop = 33,
  kExitCantAddIp = 34,
  kExitNotMounted = 40,
  kExitMounted = 41,
  kExitPrivateMissing = 43,
  kExitPrivateExists = 44,
  kExitBadTemplate = 47,
  kExitQuotaOn = 60,
  kExitQuotaInit = 61,
  kExitQuotaSetLimit = 62,
  kExitQuotaOff = 66,
  kExitBadIp = 71,
  kExitBadNameserver = 72,
  kExitBadSearchDomain = 73,
  kExitIpInUse = 78,
  kExitInvalidConfig = 85,
  kExitSetDevices = 86,
  kExitSetCpumask = 146,   // OpenVZ 7's: CPUMASK refused
  kExitSetIo = 148,        // OpenVZ 7's: I/O parameters refused
  kExitSetNodemask = 149,  // OpenVZ 7's: NODEMASK refused
  kExitIpUnavailable = 89,
  kExitTemplateMissing = 91,
  kExitNetdev = 104,
  kExitVeth = 130,
};

// The exit code OpenVZ uses for this kind of failure.
int ExitCodeFor(const vz::Error& error);

}  // namespace vzctl
