#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# How long vzlist -a takes over 1000 configured containers (stopped, each
# with a config and a private area), against cat reading the same configs:
# the floor of any listing. Means of 10 runs, timed by /proc/uptime (10 ms
# steps). Prints, never fails on speed.
. /usr/share/vz/testlib
top=/vz/vzlist_bench
trap 'rm -rf "$top"' EXIT
rm -rf "$top"
mkdir -p "$top/etc/vz/conf" "$top/private"
printf 'VE_ROOT=%s/root/$VEID\nVE_PRIVATE=%s/private/$VEID\n' "$top" "$top" > "$top/etc/vz/vz.conf"
i=5000
while [ $i -lt 6000 ]; do
	mkdir "$top/private/$i"
	printf 'HOSTNAME="ct%s.example.com"\nIP_ADDRESS="10.50.%s.%s"\nNUMPROC="240:240"\nDISKSPACE="1G:1.1G"\nONBOOT="yes"\n' \
		$i $((i / 256 % 256)) $((i % 256)) > "$top/etc/vz/conf/$i.conf"
	i=$((i + 1))
done


# uptime in centiseconds (busybox's date has no nanoseconds)
now_cs() { tr -d . < /proc/uptime | cut -d' ' -f1; }
# mean microseconds of 10 runs of CMD... (its last output in /tmp/vzlist_bench.out)
mean_us() {
	t0=$(now_cs)
	for r in 1 2 3 4 5 6 7 8 9 10; do
		"$@" > /tmp/vzlist_bench.out || fail "'$*' failed: $(cat /tmp/vzlist_bench.out)"
	done
	echo $((($(now_cs) - t0) * 1000))
}
export VZ_PREFIX=$top
list=$(mean_us vzlist -a)
[ "$(grep -c ' stopped ' /tmp/vzlist_bench.out)" = 1000 ] ||
	fail "vzlist -a listed $(grep -c ' stopped ' /tmp/vzlist_bench.out) of 1000"
json=$(mean_us vzlist -a -j)
floor=$(mean_us sh -c "cat $top/etc/vz/conf/*.conf")
echo "BENCH vzlist: 1000 configured containers: vzlist -a $((list / 1000)) ms," \
	"-j $((json / 1000)) ms, cat of their configs $((floor / 1000)) ms" \
	"(ratio $(awk -v a="$list" -v b="$floor" 'BEGIN { printf "%.1f", a / b }'); target: under 1 s)" >&2
exit 0
