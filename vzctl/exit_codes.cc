// SPDX-License-Identifier: GPL-2.0-or-later
#include "exit_codes.h"

namespace vzctl {

int ExitCodeFor(const vz::Error& error) {
  using vz::ErrorKind;
  switch (error.kind()) {
    case ErrorKind::kSystem:
      return kExitSystem;
    case ErrorKind::kInvalidArgument:
      return kExitInvalidValue;
    case ErrorKind::kBadConfig:
      return kExitInvalidConfig;
    case ErrorKind::kNoConfig:
      return kExitNoConfig;
    case ErrorKind::kNoVeConfig:
      return kExitNoVeConfig;
    case ErrorKind::kLocked:
      return kExitLocked;
    case ErrorKind::kBadKernel:
      return kExitBadKernel;
    case ErrorKind::kNotRunning:
      return kExitVeNotRunning;
    case ErrorKind::kRunning:
      return kExitVeRunning;
    case ErrorKind::kMounted:
      return kExitMounted;
    case ErrorKind::kNotMounted:
      return kExitNotMounted;
    case ErrorKind::kPrivateExists:
      return kExitPrivateExists;
    case ErrorKind::kPrivateMissing:
      return kExitPrivateMissing;
    case ErrorKind::kTemplateMissing:
      return kExitTemplateMissing;
    case ErrorKind::kBadTemplate:
      return kExitBadTemplate;
    case ErrorKind::kEnvCreate:
      return kExitEnvCreate;
    case ErrorKind::kStopFailed:
      return kExitStop;
    case ErrorKind::kCancelled:
      return kExitSystem;
    case ErrorKind::kBadIp:
      return kExitBadIp;
    case ErrorKind::kBadNameserver:
      return kExitBadNameserver;
    case ErrorKind::kBadSearchDomain:
      return kExitBadSearchDomain;
    case ErrorKind::kIpInUse:
      return kExitIpInUse;
    case ErrorKind::kIpUnavailable:
      return kExitIpUnavailable;
    case ErrorKind::kCantAddIp:
      return kExitCantAddIp;
    case ErrorKind::kNetdev:
      return kExitNetdev;
    case ErrorKind::kVeth:
      return kExitVeth;
    case ErrorKind::kSetUbc:
      return kExitSetUbc;
    case ErrorKind::kNotEnoughUbc:
      return kExitNotEnoughUbc;
    case ErrorKind::kQuotaOn:
      return kExitQuotaOn;
    case ErrorKind::kQuotaInit:
      return kExitQuotaInit;
    case ErrorKind::kQuotaSetLimit:
      return kExitQuotaSetLimit;
    case ErrorKind::kQuotaOff:
      return kExitQuotaOff;
    case ErrorKind::kSetDevices:
      return kExitSetDevices;
    case ErrorKind::kSetCpu:
      return kExitSetCpu;
    case ErrorKind::kSetCpumask:
      return kExitSetCpumask;
    case ErrorKind::kSetNodemask:
      return kExitSetNodemask;
    case ErrorKind::kSetIo:
      return kExitSetIo;
  }
  return kExitSystem;
}

}  // namespace vzctl
