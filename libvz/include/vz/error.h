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

class Error {
 public:
  Error(int err_no, std::string context) : err_no_(err_no), context_(std::move(context)) {}

  // The errno value of the failure (0 when none applies).
  int err_no() const { return err_no_; }
  const std::string& context() const { return context_; }

  // "context: strerror(err_no)", or just the context when err_no is 0.
  std::string message() const;

  // The same error seen from a caller: "outer: context".
  Error Wrap(const std::string& outer) const;

 private:
  int err_no_;
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

}  // namespace vz
