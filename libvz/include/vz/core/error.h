// SPDX-License-Identifier: LGPL-2.1-or-later
//
// vz::Error: the one error type of libvz.
//
// Every failure carries the errno that caused it and a context string that
// says what was being done, in the form the user will read it:
//
//   mount(/vz/root/101): Device or resource busy
//
// Functions that can fail return vz::Result<T> (std::expected<T, Error>);
// functions with nothing to return use vz::Status. libvz throws no
// exceptions across its interface.
#pragma once

#include <cerrno>
#include <expected>
#include <string>

namespace vz {

// What kind of failure an Error is, beyond its errno: the situations a
// caller (and vzctl's exit code) tells apart. kSystem is any failed call.
enum class ErrorKind {
  kSystem,           // a system call failed; see err_no()
  kInvalidArgument,  // a bad value from the caller (a CTID, an option)
  kBadConfig,        // a config file is missing a key or is malformed
  kNoConfig,         // vz.conf is missing
  kNoVeConfig,       // CTID.conf is missing
  kLocked,           // another vzctl holds the container's lock
  kBadKernel,        // the kernel has no VE support
  kNotRunning,       // the container must run and does not
  kRunning,          // the container must be stopped and runs
  kMounted,          // the container must be unmounted and is mounted
  kNotMounted,       // the container must be mounted and is not
  kPrivateExists,    // the private area exists already
  kPrivateMissing,   // the private area does not exist
  kTemplateMissing,  // the OS template cache was not found
  kBadTemplate,      // the OS template or private area is broken (no init)
  kEnvCreate,        // the kernel refused to create the VE
  kStopFailed,       // the container could not be stopped
  kCancelled,        // interrupted by a signal; everything was undone
  kBadIp,            // an IP address is malformed or unusable
  kBadNameserver,    // a DNS server address is malformed
  kBadSearchDomain,  // a DNS search domain is malformed
  kIpInUse,          // the address belongs to another container
  kIpUnavailable,    // the kernel refused the address for this container
  kCantAddIp,        // adding or removing a venet address failed (map, host routes)
  kNetdev,           // moving a network device in or out failed
  kVeth,             // creating or removing a veth pair failed
  kSetUbc,           // a resource limit was refused (or would be: barrier above limit)
  kNotEnoughUbc,     // a required resource setting is missing (vSwap without SWAPPAGES)
  kQuotaOn,          // disk quota could not be turned on (no project quota, DISK_QUOTA=no)
  kQuotaInit,        // a private area could not be made its container's project
  kQuotaSetLimit,    // the kernel refused a disk quota limit
  kQuotaOff,         // disk quota could not be turned off
  kSetDevices,       // the kernel refused a device access, or a node could not be put in place
  kSetCpu,           // the kernel refused a CPU weight or limit (cpu.weight, cpu.max)
  kSetCpumask,       // the kernel refused the CPUs of CPUMASK (cpuset.cpus)
  kSetNodemask,      // the kernel refused the memory nodes of NODEMASK (cpuset.mems)
  kSetIo,            // an I/O weight or limit was refused, or the private area's disk not found
};

class Error {
 public:
  Error(int err_no, std::string context, ErrorKind kind = ErrorKind::kSystem)
      : err_no_(err_no), kind_(kind), context_(std::move(context)) {}

  // The errno value of the failure (0 when none applies).
  int err_no() const { return err_no_; }
  ErrorKind kind() const { return kind_; }
  const std::string& context() const { return context_; }

  // "context: strerror(err_no)", or just the context when err_no is 0.
  std::string message() const;

  // The same error seen from a caller: "outer: context".
  Error Wrap(const std::string& outer) const;

 private:
  int err_no_;
  ErrorKind kind_;
  std::string context_;
};

template <typename T>
using Result = std::expected<T, Error>;
using Status = Result<void>;

// An error from the current errno, for use right after a failed call.
inline std::unexpected<Error> ErrnoError(std::string context) {
  return std::unexpected(Error(errno, std::move(context)));
}

// An error with an explicit errno (or 0 for a pure usage error).
inline std::unexpected<Error> MakeError(int err_no, std::string context) {
  return std::unexpected(Error(err_no, std::move(context)));
}

// An error of a given kind; err_no may be 0 when no call failed.
inline std::unexpected<Error> KindError(ErrorKind kind, std::string context, int err_no = 0) {
  return std::unexpected(Error(err_no, std::move(context), kind));
}

}  // namespace vz
