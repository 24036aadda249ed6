#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: what beancounter charging costs fork/exec,
# open/close, socket create/close, small-file work and pipes inside a
# container, with accounting on and off (kernel.ub_accounting) in one run.
# Rounds alternate on and off to spread noise; the ratio on/off of the best
# time of each is printed (target: 1.02 or less). It fails only when a
# measurement cannot be made. VZ_BENCH_SECONDS sets each measurement.
. /usr/share/vz/testlib
[ -w /proc/sys/kernel/ub_accounting ] || { echo "the kernel has no beancounters"; exit 77; }
secs=${VZ_BENCH_SECONDS:-0.5}
rounds=3
trap 'echo 1 > /proc/sys/kernel/ub_accounting; drop_ct 181' EXIT
new_ct 181
cp /usr/libexec/vz/ubc_bench /vz/root/181/ubc_bench || fail "copy ubc_bench into 181"

: > /tmp/ubc_bench.on; : > /tmp/ubc_bench.off
i=0
while [ $i -lt $rounds ]; do
	for mode in on off; do
		[ $mode = on ] && echo 1 > /proc/sys/kernel/ub_accounting
		[ $mode = off ] && echo 0 > /proc/sys/kernel/ub_accounting
		vzctl exec2 181 /ubc_bench "$secs" >> /tmp/ubc_bench.$mode ||
			fail "ubc_bench failed with accounting $mode"
	done
	i=$((i + 1))
done
echo 1 > /proc/sys/kernel/ub_accounting

# best NAME FILE: the lowest ns_per_op of NAME in FILE
best() { sed -n "s/^$1 ns_per_op=//p" "$2" | sort -n | head -n 1; }
for op in fork_exec open_close socket_close small_file pipe_close; do
	on=$(best $op /tmp/ubc_bench.on); off=$(best $op /tmp/ubc_bench.off)
	[ -n "$on" ] && [ -n "$off" ] || fail "no result for $op"
	echo "BENCH ubc $op: on=${on}ns off=${off}ns ratio=$(awk -v a="$on" -v b="$off" 'BEGIN { printf "%.3f", a / b }')" >&2
done
exit 0
