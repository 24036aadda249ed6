#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# CPU shares, limits and views (vzctl --cpuunits, --cpulimit, --cpus,
# --cpumask), on the guest's 2 CPUs, measured from each container's cgroup
# (cpu.stat's usage_usec over a window of guest time):
#  - two busy containers with cpuunits 1000 and 3000 on the same one CPU
#    share it 1:3, within 10%, over 20 s;
#  - --cpulimit 25 holds a busy container to 25% of a CPU, ±5 points; its
#    root, mounting its own cgroup, cannot write cpu.max, cpu.weight or
#    cpuset.cpus there;
#  - --cpus 1 holds four busy loops to one CPU's worth, and the container
#    sees one CPU (nproc, /proc/cpuinfo, /sys/devices/system/cpu/online);
#    a live set --cpus 2 shows two at once;
#  - --cpumask 1 shows one CPU, number 0; a CPU the guest lacks exits 146,
#    a node it lacks 149, and change nothing (what the command wrote before
#    is taken back); bad values exit 21.
# The measured ratios are printed.
. /usr/share/vz/testlib
trap 'drop_ct 191; drop_ct 192' EXIT
drop_ct 191; drop_ct 192

[ "$(nproc)" -ge 2 ] || { echo "SKIP: needs 2 CPUs"; exit 0; }
cg=/sys/fs/cgroup/vz

usage() { awk '$1 == "usage_usec" { print $2 }' "$cg/$1/cpu.stat"; }
# The guest's uptime in microseconds (10 ms steps).
now_us() { awk '{ printf "%d\n", $1 * 1000000 }' /proc/uptime; }
# busy CTID N: N busy loops in CTID, running on after exec returns.
busy() {
	vzctl exec "$1" "i=0; while [ \$i -lt $2 ]; do (while :; do :; done) \
		</dev/null >/dev/null 2>&1 & i=\$((i + 1)); done" ||
		fail "could not start busy loops in $1"
}
idle() { vzctl exec "$1" 'killall sh >/dev/null 2>&1; exit 0'; }
# share CTID [CTID2]: each one's CPU time over a window of $window s, in
# thousandths of one CPU.
share() {
	a0=$(usage "$1") b0=${2:+$(usage "$2")} t0=$(now_us)
	sleep "$window"
	t1=$(now_us) a1=$(usage "$1") b1=${2:+$(usage "$2")}
	d=$((t1 - t0))
	echo "$(((a1 - a0) * 1000 / d))${2:+ $(((b1 - b0) * 1000 / d))}"
}
cpus_seen() {
	printf '%s %s %s %s' "$(vzctl exec "$1" nproc)" \
		"$(vzctl exec "$1" grep -c ^processor /proc/cpuinfo)" \
		"$(vzctl exec "$1" cat /sys/devices/system/cpu/online)" \
		"$(vzctl exec "$1" "sed -n 's/^processor[^0-9]*//p' /proc/cpuinfo" | tail -1)"
}

# Weights: 1000 and 3000 on CPU 0.
new_ct 191
new_ct 192
expect_code 0 vzctl set 191 --cpuunits 1000 --cpumask 0 --save
expect_code 0 vzctl set 192 --cpuunits 3000 --cpumask 0 --save
[ "$(cat $cg/192/cpu.weight)" = 300 ] || fail "192's cpu.weight is $(cat $cg/192/cpu.weight)"
busy 191 1
busy 192 1
window=20
set -- $(share 191 192)
echo "cpuunits 1000:3000 on one CPU over ${window}s: $1 and $2 thousandths"
[ "$1" -gt 0 ] || fail "191 got no CPU at all"
ratio=$(($2 * 100 / $1))
printf "cpuunits ratio: %d.%02d (target 3.00 +- 10%%)\n" $((ratio / 100)) $((ratio % 100))
[ "$ratio" -ge 270 ] && [ "$ratio" -le 330 ] || fail "cpuunits 3000:1000 gave $2:$1"
idle 191
idle 192

# A limit of 25% of a CPU, set live.
expect_code 0 vzctl set 191 --cpulimit 25 --cpumask all
[ "$(cat $cg/191/cpu.max)" = "25000 100000" ] || fail "191's cpu.max: $(cat $cg/191/cpu.max)"
# A hostile root inside mounts its cgroup (the root of its cgroup
# namespace) and tries to lift its own limits: the files are the host's.
out=$(vzctl exec 191 'mkdir -p /tmp/cg && mount -t cgroup2 none /tmp/cg && echo mounted &&
	for kv in "cpu.max=max 100000" cpu.weight=10000 cpuset.cpus=0-1; do
		echo "${kv#*=}" > "/tmp/cg/${kv%%=*}" 2>/dev/null && echo "wrote ${kv%%=*}"
	done; umount /tmp/cg' 2>&1)
case "$out" in
*mounted*) ;;
*) fail "the VE's root could not mount its cgroup to try: $out" ;;
esac
case "$out" in
*wrote*) fail "the VE's root changed its own CPU limits: $out" ;;
esac
[ "$(cat $cg/191/cpu.max)" = "25000 100000" ] && [ "$(cat $cg/191/cpu.weight)" = 100 ] ||
	fail "191's limits changed from inside: $(cat $cg/191/cpu.max), $(cat $cg/191/cpu.weight)"
busy 191 2
window=10
got=$(share 191)
echo "cpulimit 25: $got thousandths of a CPU (target 250 +- 50)"
[ "$got" -ge 200 ] && [ "$got" -le 300 ] || fail "--cpulimit 25 gave $got thousandths"
idle 191
expect_code 0 vzctl set 191 --cpulimit 0
[ "$(cat $cg/191/cpu.max)" = "max 100000" ] || fail "--cpulimit 0 left cpu.max $(cat $cg/191/cpu.max)"

# --cpus 1 on 2 CPUs: one CPU's worth, one CPU seen; the host sees both.
expect_code 0 vzctl set 192 --cpus 1 --cpumask all --save
expect_code 0 vzctl restart 192
seen=$(cpus_seen 192)
[ "$seen" = "1 1 0 0" ] || fail "192 with --cpus 1 sees '$seen' (nproc, cpuinfo, online, last)"
[ "$(nproc)" = 2 ] && [ "$(cat /sys/devices/system/cpu/online)" = 0-1 ] ||
	fail "the host sees $(nproc) CPUs, online $(cat /sys/devices/system/cpu/online)"
busy 192 4
got=$(share 192)
echo "cpus 1 with 4 busy loops: $got thousandths of a CPU (target 1000 +- 150)"
[ "$got" -ge 800 ] && [ "$got" -le 1150 ] || fail "--cpus 1 gave $got thousandths"
idle 192
expect_code 0 vzctl set 192 --cpus 2
seen=$(cpus_seen 192)
[ "$seen" = "2 2 0-1 1" ] || fail "after a live --cpus 2, 192 sees '$seen'"

# A cpumask of CPU 1: one CPU, number 0 inside.
expect_code 0 vzctl set 191 --cpumask 1 --save
seen=$(cpus_seen 191)
[ "$seen" = "1 1 0 0" ] || fail "191 with --cpumask 1 sees '$seen'"
grep -q '^CPUMASK="1"' /etc/vz/conf/191.conf || fail "CPUMASK not saved: $(grep CPU /etc/vz/conf/191.conf)"

# Refusals change nothing.
conf=$(cat /etc/vz/conf/191.conf)
expect_code 146 vzctl set 191 --cpumask 5 --cpuunits 2000 --save
[ "$(cat /etc/vz/conf/191.conf)" = "$conf" ] || fail "a refused --cpumask changed 191.conf"
[ "$(cat $cg/191/cpuset.cpus)" = 1 ] || fail "a refused --cpumask left cpuset.cpus $(cat $cg/191/cpuset.cpus)"
# The CPUs are written before the nodes: a refused node takes them back.
expect_code 149 vzctl set 191 --cpumask 0 --nodemask 5 --save
[ "$(cat $cg/191/cpuset.cpus)" = 1 ] || fail "a refused --nodemask left cpuset.cpus $(cat $cg/191/cpuset.cpus)"
[ "$(cat /etc/vz/conf/191.conf)" = "$conf" ] || fail "a refused --nodemask changed 191.conf"
expect_code 21 vzctl set 191 --cpuunits 7 --save
expect_code 21 vzctl set 191 --cpumask 1-0 --save
[ "$(cat /etc/vz/conf/191.conf)" = "$conf" ] || fail "a bad value changed 191.conf"
echo "ve_cpu: ok"
