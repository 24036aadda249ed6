#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: what a container's disk quota limits cost
# its file work, with both levels on and off in one run: on is the
# container's own limits (vzctl quotaon) and a user limit inside for the
# user that writes (QUOTAUGIDLIMIT, set from inside with quotactl_fd), off
# is neither. The filesystem counts every file's project and owner either
# way (ext4's quota feature); what the limits add is their check on each
# allocation.
#
# Operations inside the container (tests/helpers/ubc_bench): small_file
# (create, write 4 KiB, close, unlink), file_write (1 MiB in 64 KiB
# writes) and file_create (an empty file: inode quota only). Rounds
# alternate the order; the median of the rounds' time ratios on/off is
# printed (target: 1.05 or less, that is throughput 0.95 or more). It
# fails only when a measurement cannot be made. VZ_BENCH_SECONDS and
# VZ_BENCH_ROUNDS as for ubc_bench.sh.
. /usr/share/vz/testlib
secs=${VZ_BENCH_SECONDS:-0.25}
rounds=${VZ_BENCH_ROUNDS:-9}
trap 'drop_ct 141' EXIT
new_ct 141 --diskspace 1G:1G --diskinodes 200000:200000
expect_code 0 vzctl set 141 --quotaugidlimit 10 --save
expect_code 0 vzctl restart 141 --fast
cp /usr/libexec/vz/ubc_bench /vz/root/141/ubc_bench || fail "copy ubc_bench into 141"
cp /usr/libexec/vz/ve_probe /vz/root/141/ve_probe || fail "copy ve_probe into 141"
unit="time, clock $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
grep -qw vz.icount=1 /proc/cmdline && unit="instructions (QEMU -icount)"
echo "BENCH quota: measured in $unit" >&2

# measure MODE ROUND: one run of every operation, lines "ROUND MODE NAME NS"
measure() {
	if [ "$1" = on ]; then
		expect_code 0 vzctl quotaon 141
		[ "$(vzquota stat 141 | awk '$1 == "1k-blocks" {print $4}')" = 1048576 ] ||
			fail "quotaon did not set the limit"
		expect_code 0 vzctl exec2 141 /ve_probe user-quota / 0 1048576
	else
		expect_code 0 vzctl quotaoff 141
		expect_code 0 vzctl exec2 141 /ve_probe user-quota / 0 0
	fi
	vzctl exec2 141 /ubc_bench "$secs" small_file file_write file_create > /tmp/quota_bench.run ||
		fail "ubc_bench failed with the limits $1"
	sed -n "s/^\([a-z_]*\) ns_per_op=\(.*\)/$2 $1 \1 \2/p" /tmp/quota_bench.run
}
bench_rounds measure "$rounds" /tmp/quota_bench.all
for op in small_file file_write file_create; do
	bench_report quota $op /tmp/quota_bench.all
done
exit 0
