#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Disk I/O limits and weights (vzctl --iolimit, --iopslimit, --ioprio) on
# the guest's virtio disk /dev/vda, which holds /vz, measured from each
# container's cgroup (io.stat's rbytes and wbytes over guest time):
#  - --iolimit 5M holds a direct writer to 5 MB/s, within 10%; a live
#    --iolimit 0 lifts it; --iopslimit shows in io.max; the container's
#    root, mounting its own cgroup, cannot write io.max or its weight;
#  - under BFQ, two containers reading at once with --ioprio 1 and 7 get
#    clearly ordered throughput (the second at least 1.5 times the first;
#    under emulation the CPU, not the disk, bounds each reader);
#  - --ioprio on a disk whose scheduler is not BFQ warns.
# The measured rates are printed.
. /usr/share/vz/testlib
sched=/sys/block/vda/queue/scheduler
old_sched=$(sed 's/.*\[\(.*\)\].*/\1/' $sched)
trap 'drop_ct 193; drop_ct 194; drop_ct 195; echo "$old_sched" > $sched' EXIT
drop_ct 193; drop_ct 194; drop_ct 195
cg=/sys/fs/cgroup/vz
disk=$(cat /sys/block/vda/dev)

# io_bytes CTID rbytes|wbytes: the container's bytes on vda so far.
io_bytes() {
	awk -v d="$disk" -v f="$2" '$1 == d {
		for (i = 2; i <= NF; i++) if (index($i, f "=") == 1) print substr($i, length(f) + 2)
	}' "$cg/$1/io.stat" | grep . || echo 0
}
now_cs() { awk '{ printf "%d\n", $1 * 100 }' /proc/uptime; }
# rate CTID FIELD T0 B0: kB/s since T0 (centiseconds) and B0 bytes.
rate() { echo $((($(io_bytes "$1" "$2") - $4) * 100 / 1024 / ($(now_cs) - $3))); }

new_ct 193
expect_code 0 vzctl set 193 --iolimit 5M --iopslimit 2000 --save
want="$disk rbps=5242880 wbps=5242880 riops=2000 wiops=2000"
[ "$(cat $cg/193/io.max)" = "$want" ] || fail "193's io.max: '$(cat $cg/193/io.max)', expected '$want'"
grep -q '^IOLIMIT="5242880"' /etc/vz/conf/193.conf || fail "IOLIMIT not saved in bytes"
# A hostile root inside cannot lift its own limit through its cgroup.
out=$(vzctl exec 193 "mkdir -p /tmp/cg && mount -t cgroup2 none /tmp/cg && echo mounted &&
	{ echo '$disk rbps=max wbps=max' > /tmp/cg/io.max && echo wrote io.max; } 2>/dev/null;
	{ echo 'default 1000' > /tmp/cg/io.bfq.weight && echo wrote io.bfq.weight; } 2>/dev/null;
	umount /tmp/cg" 2>&1)
case "$out" in
*mounted*) ;;
*) fail "the VE's root could not mount its cgroup to try: $out" ;;
esac
case "$out" in
*wrote*) fail "the VE's root changed its own I/O limits: $out" ;;
esac
[ "$(cat $cg/193/io.max)" = "$want" ] || fail "193's io.max changed from inside: $(cat $cg/193/io.max)"
# writer CTID: a direct writer in CTID, on after exec returns.
writer() {
	vzctl exec "$1" 'while :; do dd if=/dev/zero of=/root/w bs=64k count=320 oflag=direct \
		2>/dev/null; done </dev/null >/dev/null 2>&1 &' || fail "no writer in $1"
}
# The rate over 6 s, once the writer has run for 1 s.
writer 193
sleep 1
t0=$(now_cs) b0=$(io_bytes 193 wbytes)
sleep 6
got=$(rate 193 wbytes "$t0" "$b0")
echo "iolimit 5M: a direct writer got $got kB/s (target 5120 +- 10%)"
[ "$got" -ge 4608 ] && [ "$got" -le 5632 ] || fail "--iolimit 5M gave $got kB/s"
expect_code 0 vzctl set 193 --iolimit 0 --iopslimit 0
[ "$(cat $cg/193/io.max)" = "" ] || fail "io.max after --iolimit 0: '$(cat $cg/193/io.max)'"
sleep 1
t0=$(now_cs) b0=$(io_bytes 193 wbytes)
sleep 3
free=$(rate 193 wbytes "$t0" "$b0")
echo "without a limit: $free kB/s"
[ "$free" -gt 5632 ] || fail "after --iolimit 0 the writer still got only $free kB/s"
vzctl exec 193 'killall sh >/dev/null 2>&1'

# Not BFQ: a warning.
echo none > $sched
expect_out "IOPRIO has no effect on vda" vzctl set 193 --ioprio 6
[ "$(cat $cg/193/io.bfq.weight)" = "default 400" ] ||
	fail "193's io.bfq.weight: $(cat $cg/193/io.bfq.weight)"

# Weights under BFQ: two readers at once.
echo bfq > $sched || fail "no bfq scheduler for vda"
echo 0 > /sys/block/vda/queue/iosched/low_latency
new_ct 194
new_ct 195
expect_code 0 vzctl set 194 --ioprio 1 --save
expect_code 0 vzctl set 195 --ioprio 7 --save
for ct in 194 195; do
	vzctl exec $ct dd if=/dev/zero of=/root/r bs=1M count=32 2>/dev/null || fail "dd in $ct"
done
sync
reader() {
	vzctl exec "$1" 'while :; do dd if=/root/r of=/dev/null bs=64k iflag=direct 2>/dev/null; done \
		</dev/null >/dev/null 2>&1 &'
}
reader 194
reader 195
sleep 1
t0=$(now_cs) a0=$(io_bytes 194 rbytes) b0=$(io_bytes 195 rbytes)
sleep 10
low=$(rate 194 rbytes "$t0" "$a0") high=$(rate 195 rbytes "$t0" "$b0")
vzctl exec 194 'killall sh >/dev/null 2>&1'
vzctl exec 195 'killall sh >/dev/null 2>&1'
echo "ioprio 1 vs 7 under bfq: $low kB/s vs $high kB/s"
[ "$high" -gt 0 ] && [ "$high" -ge $((3 * low / 2)) ] ||
	fail "ioprio 7 read $high kB/s, ioprio 1 $low kB/s: not ordered"
echo "ve_io: ok"
