#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: a busybox container's start+stop (with and
# without halting it), status, exec and create+destroy, as ratios to the
# kernel's floor for the same namespaces (tests/helpers/lifecycle_bench.cc),
# all measured in one boot. No network. It fails only when an operation
# fails. VZ_BENCH_ROUNDS sets the rounds per operation.
. /usr/share/vz/testlib
rounds=${VZ_BENCH_ROUNDS:-20}
trap 'drop_ct 191; drop_ct 192' EXIT
drop_ct 191
drop_ct 192
expect_code 0 vzctl create 191 --ostemplate busybox-minimal
unit="time"
grep -qw vz.icount=1 /proc/cmdline && unit="instructions (QEMU -icount)"
echo "BENCH lifecycle: measured in $unit, $rounds rounds, medians" >&2
/usr/libexec/vz/lifecycle_bench 191 192 "$rounds" || fail "lifecycle_bench failed"
exit 0
