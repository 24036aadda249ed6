// SPDX-License-Identifier: GPL-2.0-or-later
#include "vz/core/error.h"

#include <gtest/gtest.h>

namespace {

TEST(Error, MessageCarriesContextAndErrnoText) {
  vz::Error e(EBUSY, "mount(/vz/root/101)");
  EXPECT_EQ(e.err_no(), EBUSY);
  EXPECT_EQ(e.message(), "mount(/vz/root/101): Device or resource busy");
}

TEST(Error, ZeroErrnoPrintsOnlyTheContext) {
  EXPECT_EQ(vz::Error(0, "CTID 0 is reserved for the host").message(),
            "CTID 0 is reserved for the host");
}

TEST(Error, WrapPrefixesAndKeepsErrno) {
  auto e = vz::Error(ENOENT, "open(/etc/vz/conf/101.conf)").Wrap("start 101");
  EXPECT_EQ(e.err_no(), ENOENT);
  EXPECT_EQ(e.context(), "start 101: open(/etc/vz/conf/101.conf)");
}

TEST(Error, ErrnoErrorReadsErrno) {
  errno = EACCES;
  vz::Status s = vz::ErrnoError("open(x)");
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().err_no(), EACCES);
}

}  // namespace
