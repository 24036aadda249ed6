#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: what an idle container costs in memory, in
# each layout, against the bare namespace set (ns_hold: a sleeping pid 1 in
# the six namespaces vzctl uses). Kernel memory is Slab + PageTables +
# KernelStack of /proc/meminfo; "used" is MemTotal - MemFree; both after
# sync and drop_caches. Prints per container and a projection to 4 GiB.
# It fails only when the first container cannot be made.
#
# vz.density=N on the kernel command line (make bench-density) sets how
# many containers of each layout to start; it stops earlier when less than
# 64 MB is available, or a create or start fails.
. /usr/share/vz/testlib
max=40
for arg in $(cat /proc/cmdline); do
	case "$arg" in vz.density=*) max=${arg#vz.density=} ;; esac
done
first=20001
fifo=/tmp/density.fifo hold_out=/tmp/density.hold
made=0
cleanup() {
	i=0
	while [ $i -lt "$made" ]; do drop_ct $((first + i)); i=$((i + 1)); done
	made=0
}
trap 'exec 3>&-; cleanup; rm -f "$fifo" "$hold_out"' EXIT

meminfo() { awk -v k="$1:" '$1 == k { print $2 }' /proc/meminfo; }
settle() { sync; echo 3 > /proc/sys/vm/drop_caches; }
kmem() { settle; echo $(($(meminfo Slab) + $(meminfo PageTables) + $(meminfo KernelStack))); }
used() { settle; echo $(($(meminfo MemTotal) - $(meminfo MemFree))); }
# The kernel memory once it stops changing: namespaces and devices of what
# ran before go in work items, after their processes.
quiet_kmem() {
	prev=$(kmem) n=0
	while :; do
		sleep 0.5
		cur=$(kmem) n=$((n + 1))
		d=$((cur - prev))
		[ "${d#-}" -lt 256 ] || [ $n -ge 20 ] && break
		prev=$cur
	done
	echo "$cur"
}

# The bare set: N sleeping pid 1s in namespaces of their own.
k0=$(quiet_kmem); u0=$(used)
rm -f "$fifo"; mkfifo "$fifo"
/usr/libexec/vz/ns_hold "$max" < "$fifo" > "$hold_out" & hold=$!
exec 3> "$fifo"
until grep -q '^held' "$hold_out" 2>/dev/null; do
	kill -0 $hold 2>/dev/null || fail "ns_hold died: $(cat "$hold_out")"
	sleep 0.2
done
sets=$(awk '{ print $2 }' "$hold_out")
bare_k=$((($(kmem) - k0) / sets)) bare_u=$((($(used) - u0) / sets))
exec 3>&-
wait $hold
echo "BENCH density bare: sets=$sets kernel_per_set=${bare_k}kB used_per_set=${bare_u}kB" >&2

for layout in simfs overlay; do
	k0=$(quiet_kmem); u0=$(used)
	while [ "$made" -lt "$max" ]; do
		id=$((first + made))
		vzctl create $id --ostemplate busybox-minimal --layout $layout >/dev/null 2>&1 || break
		made=$((made + 1))
		vzctl start $id >/dev/null 2>&1 || break
		[ "$(meminfo MemAvailable)" -gt 65536 ] || break
	done
	[ "$made" -gt 0 ] || fail "no $layout container could be made"
	running=$(($(wc -l < /proc/vz/veinfo) - 1))
	k=$((($(kmem) - k0) / running)) u=$((($(used) - u0) / running))
	ratio=$(awk -v a="$k" -v b="$bare_k" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	fits=$(awk -v u="$u" -v u0="$u0" \
		'BEGIN { printf "%d", (u > 0 ? (4194304 - u0) / u : 0) }')
	echo "BENCH density $layout: ves=$running kernel_per_ve=${k}kB kernel_ratio_to_bare=$ratio" \
		"used_per_ve=${u}kB fit_in_4GiB=$fits (targets: ratio <= 1.5; overlay >= 3000 in 4 GiB)" >&2
	cleanup
done
exit 0
