#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# create/start/stop/destroy in a loop gives back everything: the number of
# VEs, mounts, cgroups and slab memory return to their baseline.
. /usr/share/vz/testlib
trap 'drop_ct 141' EXIT
slab() { awk '/^Slab:/ {print $2}' /proc/meminfo; }
cycle() {
	vzctl --quiet create 141 --ostemplate busybox-minimal &&
		vzctl --quiet start 141 && vzctl --quiet exec 141 true &&
		vzctl --quiet stop 141 --fast && vzctl --quiet destroy 141
}
# Warm the caches first, so the baseline is not the cold state.
for i in 1 2 3; do cycle || fail "warm-up cycle $i"; done
sync; echo 3 > /proc/sys/vm/drop_caches
base_ve=$(ve_count) base_slab=$(slab) base_mounts=$(wc -l < /proc/mounts)
n=30
i=0
while [ $i -lt $n ]; do cycle || fail "cycle $i"; i=$((i + 1)); done
sleep 1; sync; echo 3 > /proc/sys/vm/drop_caches
grew=$(( $(slab) - base_slab ))
echo "after $n cycles: VEs $(ve_count) (was $base_ve), slab grew by ${grew} kB, mounts $(wc -l < /proc/mounts) (was $base_mounts)"
[ "$(ve_count)" -eq "$base_ve" ] || fail "VE count did not return to $base_ve"
[ "$(wc -l < /proc/mounts)" -eq "$base_mounts" ] || fail "mounts left: $(cat /proc/mounts)"
[ ! -d /sys/fs/cgroup/vz/141 ] || fail "cgroup of 141 left"
# A leak of one namespace set per cycle would be well over 16 kB a cycle.
[ "$grew" -lt $((16 * n)) ] || fail "slab grew by $grew kB over $n cycles"
exit 0
