#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# 50 containers started in parallel all run, and all stop cleanly.
. /usr/share/vz/testlib
first=201 last=250
cts=$(seq $first $last)
trap 'for c in $cts; do drop_ct $c; done' EXIT
base=$(ve_count)
for c in $cts; do
	drop_ct $c
	expect_code 0 vzctl --quiet create $c --ostemplate busybox-minimal
done

for c in $cts; do vzctl --quiet start $c > /tmp/start-$c.log 2>&1 & done
wait
for c in $cts; do
	expect_out '^CTID [0-9]+ exist mounted running$' vzctl status $c
done
[ "$(ve_count)" -eq $((base + 50)) ] || fail "expected $((base + 50)) VEs, have $(ve_count)"

for c in $cts; do vzctl --quiet stop $c --fast > /tmp/stop-$c.log 2>&1 & done
wait
for c in $cts; do
	expect_out '^CTID [0-9]+ exist unmounted down$' vzctl status $c
done
[ "$(ve_count)" -eq "$base" ] || fail "VEs left after stop: $(cat /proc/vz/veinfo)"
grep -q ' /vz/root/2[0-9][0-9] ' /proc/mounts && fail "mounts left: $(grep /vz/root /proc/mounts)"
exit 0
