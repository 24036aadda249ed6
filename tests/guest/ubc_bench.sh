#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: what beancounter charging costs fork/exec,
# open/close, socket create/close, small-file work and pipes inside a
# container, with accounting on and off (kernel.ub_accounting) in one run.
#
# Each round measures every operation with accounting on and off, back to
# back, in an order that alternates between rounds; the ratio on/off of a
# round cancels what drifts slowly (host load, caches). The median of the
# rounds' ratios is printed with their spread (target: 1.02 or less). It
# fails only when a measurement cannot be made. VZ_BENCH_SECONDS sets each
# measurement, VZ_BENCH_ROUNDS the number of rounds.
. /usr/share/vz/testlib
[ -w /proc/sys/kernel/ub_accounting ] || { echo "the kernel has no beancounters"; exit 77; }
secs=${VZ_BENCH_SECONDS:-0.25}
rounds=${VZ_BENCH_ROUNDS:-9}
trap 'echo 1 > /proc/sys/kernel/ub_accounting; drop_ct 181' EXIT
new_ct 181
cp /usr/libexec/vz/ubc_bench /vz/root/181/ubc_bench || fail "copy ubc_bench into 181"
# Under QEMU's -icount (qemu-harness/run --icount) the guest's clock
# counts instructions, and the ratios are ratios of work done.
unit="time, clock $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
grep -qw vz.icount=1 /proc/cmdline && unit="instructions (QEMU -icount)"
echo "BENCH ubc: measured in $unit" >&2

# measure MODE ROUND: one run of every operation, lines "ROUND MODE NAME NS"
measure() {
	if [ "$1" = on ]; then echo 1; else echo 0; fi > /proc/sys/kernel/ub_accounting
	vzctl exec2 181 /ubc_bench "$secs" > /tmp/ubc_bench.run ||
		fail "ubc_bench failed with accounting $1"
	sed -n "s/^\([a-z_]*\) ns_per_op=\(.*\)/$2 $1 \1 \2/p" /tmp/ubc_bench.run
}
bench_rounds measure "$rounds" /tmp/ubc_bench.all
echo 1 > /proc/sys/kernel/ub_accounting

for op in fork_exec open_close socket_close small_file pipe_close; do
	bench_report ubc $op /tmp/ubc_bench.all
done
exit 0
