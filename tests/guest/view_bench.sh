#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: what a container's own view of /proc costs
# a program that reads it, against the same read on the host, in one run.
# Container 191 has --ram 512M --swap 1G, so its /proc/meminfo and
# sysinfo(2) are made from its memory cgroup by the kernel (no FUSE daemon
# as with LXCFS, which costs 10-35x). Operations (tests/helpers/ubc_bench):
# read_meminfo, read_stat, read_uptime, read_loadavg, read_cpuinfo (open,
# read to the end, close) and sysinfo. "on" is inside 191, "off" on the
# host; rounds alternate the order and the median of the rounds' time
# ratios on/off is printed (target: 1.5 or less). It fails only when a
# measurement cannot be made. VZ_BENCH_SECONDS and VZ_BENCH_ROUNDS as for
# ubc_bench.sh.
. /usr/share/vz/testlib
secs=${VZ_BENCH_SECONDS:-0.25}
rounds=${VZ_BENCH_ROUNDS:-3}
ops="read_meminfo read_stat read_uptime read_loadavg read_cpuinfo sysinfo"
trap 'drop_ct 191' EXIT
drop_ct 191
expect_code 0 vzctl create 191 --ostemplate busybox-minimal
expect_code 0 vzctl set 191 --ram 512M --swap 1G --save
expect_code 0 vzctl start 191
cp /usr/libexec/vz/ubc_bench /vz/root/191/ubc_bench || fail "copy ubc_bench into 191"
[ "$(vzctl exec 191 cat /proc/meminfo | awk '$1 == "MemTotal:" { print $2 }')" = 524288 ] ||
	fail "191 does not see its own memory: the benchmark would measure the host's view"
unit="time, clock $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
grep -qw vz.icount=1 /proc/cmdline && unit="instructions (QEMU -icount)"
echo "BENCH view: measured in $unit" >&2

# measure MODE ROUND: one run of every operation, lines "ROUND MODE NAME NS"
measure() {
	if [ "$1" = on ]; then
		# shellcheck disable=SC2086 # $ops is a list of words
		vzctl exec2 191 /ubc_bench "$secs" $ops > /tmp/view_bench.run
	else
		# shellcheck disable=SC2086
		/usr/libexec/vz/ubc_bench "$secs" $ops > /tmp/view_bench.run
	fi || fail "ubc_bench failed ($1)"
	sed -n "s/^\([a-z_]*\) ns_per_op=\(.*\)/$2 $1 \1 \2/p" /tmp/view_bench.run
}
bench_rounds measure "$rounds" /tmp/view_bench.all
for op in $ops; do
	bench_report view $op /tmp/view_bench.all
done
exit 0
