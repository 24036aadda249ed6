#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: TCP throughput and request/response latency
# from the host to a container over venet, to a container over veth on a
# bridge, and over the host's loopback, measured in one run and printed as
# ratios (the target is venet >= 0.95 of veth). It fails only when a
# measurement cannot be made. VZ_BENCH_SECONDS sets each measurement's length.
. /usr/share/vz/testlib
secs=${VZ_BENCH_SECONDS:-3}
bench=/usr/libexec/vz/netbench
trap 'drop_ct 121; drop_ct 122; kill $lo_srv 2>/dev/null; ip link del vzbr0 2>/dev/null' EXIT

ip link set lo up
ip link add vzbr0 type bridge || fail "cannot make bridge vzbr0"
ip addr add 10.8.0.1/24 dev vzbr0 && ip link set vzbr0 up || fail "cannot set up vzbr0"

new_ct 121 --ipadd 10.9.0.21
new_ct 122
expect_code 0 vzctl set 122 --netif_add eth0,,,,vzbr0
expect_code 0 vzctl exec 122 'ip addr add 10.8.0.22/24 dev eth0 && ip link set eth0 up'

for ct in 121 122; do
	cp "$bench" "/vz/root/$ct/netbench" || fail "copy netbench into $ct"
	vzctl exec2 "$ct" '/netbench server 5001 >/dev/null 2>&1 &'
done
"$bench" server 5001 >/dev/null 2>&1 &
lo_srv=$!
sleep 1

# measure NAME ADDRESS: one line of netbench results, echoed for the log.
measure() {
	out=$("$bench" client "$2" 5001 "$secs") || fail "netbench to $1 ($2) failed: $out"
	echo "BENCH $1: $out" >&2
	echo "$out"
}
venet=$(measure venet 10.9.0.21)
veth=$(measure veth+bridge 10.8.0.22)
lo=$(measure loopback 127.0.0.1)

# field NAME LINE: the value of NAME=... in LINE
field() { echo "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
for m in mbit_per_s transactions_per_s; do
	echo "BENCH ratio $m: venet/veth=$(ratio "$(field $m "$venet")" "$(field $m "$veth")")" \
		"venet/loopback=$(ratio "$(field $m "$venet")" "$(field $m "$lo")")" \
		"veth/loopback=$(ratio "$(field $m "$veth")" "$(field $m "$lo")")" >&2
done
exit 0
