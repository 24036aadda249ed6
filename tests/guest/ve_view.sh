#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a container sees of itself. Container 181, with --ram 512M --swap
# 1G: busybox free (sysinfo(2)) and /proc/meminfo show 512 MB of RAM and
# 1024 MB of swap, /proc/swaps one area of that size; a live --ram change
# shows at once. Its uptime (/proc/uptime, and busybox uptime through
# sysinfo) counts from its start, not the guest's boot, also in vzctl exec;
# /proc/stat's btime is its start, and its processes, cpu and intr lines
# are its own. Container 182, with physpages and
# swappages unlimited, sees the host's RAM; the host's own view does not change.
. /usr/share/vz/testlib
trap 'drop_ct 181; drop_ct 182' EXIT
drop_ct 181; drop_ct 182

# meminfo_kb FIELD [CTID]: FIELD of /proc/meminfo in kB, on the host or in CTID.
meminfo_kb() {
	if [ -n "${2:-}" ]; then
		vzctl exec "$2" cat /proc/meminfo
	else
		cat /proc/meminfo
	fi | awk -v f="$1:" '$1 == f { print $2 }'
}
# free_mb CTID ROW: the "total" column of busybox free -m's ROW (Mem, Swap).
free_mb() { vzctl exec "$1" free -m | awk -v r="$2:" '$1 == r { print $2 }'; }
uptime_s() { cut -d. -f1 /proc/uptime; }

host_total=$(meminfo_kb MemTotal)
expect_code 0 vzctl create 181 --ostemplate busybox-minimal
expect_code 0 vzctl set 181 --ram 512M --swap 1G --save
# Uptimes can be told apart once the guest has run for a while.
while [ "$(uptime_s)" -lt 10 ]; do sleep 1; done
up0=$(uptime_s) t0=$(date +%s)
expect_code 0 vzctl start 181
expect_code 0 vzctl create 182 --ostemplate busybox-minimal
expect_code 0 vzctl set 182 --physpages unlimited --swappages unlimited --save
expect_code 0 vzctl start 182

# Memory: the limits are the totals.
[ "$(meminfo_kb MemTotal 181)" = 524288 ] ||
	fail "MemTotal in 181 is $(meminfo_kb MemTotal 181) kB, not its 512 MB"
[ "$(meminfo_kb SwapTotal 181)" = 1048576 ] ||
	fail "SwapTotal in 181 is $(meminfo_kb SwapTotal 181) kB, not its 1 GB"
free=$(meminfo_kb MemFree 181)
[ "$free" -gt 0 ] && [ "$free" -lt 524288 ] || fail "MemFree in 181 is $free kB"
[ "$(free_mb 181 Mem)" = 512 ] || fail "busybox free in 181: Mem total $(free_mb 181 Mem) MB"
[ "$(free_mb 181 Swap)" = 1024 ] || fail "busybox free in 181: Swap total $(free_mb 181 Swap) MB"
swaps=$(vzctl exec 181 cat /proc/swaps | awk 'NR > 1 { n++; size = $3 } END { print n + 0, size }')
[ "$swaps" = "1 1048576" ] || fail "/proc/swaps in 181: '$swaps' (areas, size), expected '1 1048576'"
expect_code 0 vzctl set 181 --ram 256M
[ "$(free_mb 181 Mem)" = 256 ] || fail "after --ram 256M, busybox free in 181 shows $(free_mb 181 Mem) MB"
[ "$(meminfo_kb MemTotal 182)" = "$host_total" ] ||
	fail "182 without limits sees MemTotal $(meminfo_kb MemTotal 182) kB, the host $host_total"
[ "$(meminfo_kb MemTotal)" = "$host_total" ] || fail "the host's MemTotal changed: $(meminfo_kb MemTotal)"

# Time: uptime from the container's start.
sleep 1
ct_up=$(vzctl exec 181 cut -d. -f1 /proc/uptime)
host_up=$(uptime_s)
[ "$ct_up" -ge 0 ] && [ "$ct_up" -le $((host_up - up0 + 1)) ] ||
	fail "181's uptime is $ct_up s; it started $((host_up - up0)) s ago, the guest $host_up s ago"
# busybox uptime says "up N min" below an hour; the guest's is over 2 min.
bb_up=$(vzctl exec 181 uptime)
if [ "$host_up" -ge 180 ]; then
	case "$bb_up" in
	*" up 0 min"* | *" up 1 min"*) ;;
	*) fail "busybox uptime in 181 shows more than its uptime of $ct_up s: $bb_up" ;;
	esac
fi
btime=$(vzctl exec 181 cat /proc/stat | awk '$1 == "btime" { print $2 }')
[ "$btime" -ge $((t0 - 2)) ] && [ "$btime" -le $(($(date +%s) + 1)) ] ||
	fail "btime in 181 is $btime, it started at $t0"
host_btime=$(awk '$1 == "btime" { print $2 }' /proc/stat)
[ "$host_btime" -lt $((t0 - 3)) ] || fail "the host's btime $host_btime is 181's start $t0"
# /proc/stat: 181's own forks and CPU time, its CPUs, none of the host's
# interrupts.
stat_field() { awk -v f="$1" '$1 == f { print $2 }'; }
vzctl exec 181 'i=0; while [ $i -lt 5 ]; do /bin/true; i=$((i + 1)); done'
ct_stat=$(vzctl exec 181 cat /proc/stat)
ct_forks=$(echo "$ct_stat" | stat_field processes)
host_forks=$(stat_field processes < /proc/stat)
[ "$ct_forks" -ge 5 ] && [ "$ct_forks" -lt "$host_forks" ] ||
	fail "processes in 181 is $ct_forks (the host's $host_forks)"
[ "$(echo "$ct_stat" | stat_field intr)" = 0 ] || fail "181 sees the host's interrupts: $ct_stat"
ct_cpus=$(echo "$ct_stat" | grep -c '^cpu[0-9]')
[ "$ct_cpus" = "$(grep -c '^cpu[0-9]' /proc/stat)" ] || fail "181 has $ct_cpus cpu lines: $ct_stat"
echo "ve_view: 181 sees 512 MB (then 256), 1 GB of swap, ${ct_up} s of uptime against the guest's ${host_up} s, $ct_forks forks against the guest's $host_forks"
