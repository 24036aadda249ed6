#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vz-boot (what vz.service runs): start starts the ONBOOT=yes containers,
# highest BOOTORDER first, reports one that fails and starts the rest;
# stop stops every running one.
. /usr/share/vz/testlib
boot=/usr/libexec/vz/vz-boot
log=/tmp/ve_boot.$$
ev=
trap 'kill $ev 2>/dev/null; sed -i "/^VE_PARALLEL=/d" /etc/vz/vz.conf; for c in 191 192 193 194; do drop_ct $c; done; rm -f "$log"*' EXIT
for c in 191 192 193 194; do
	drop_ct $c
	expect_code 0 vzctl create $c --ostemplate busybox-minimal
done
expect_code 0 vzctl set 191 --onboot yes --save
expect_code 0 vzctl set 192 --onboot yes --save
expect_code 0 vzctl set 193 --onboot no --save
expect_code 0 vzctl set 194 --onboot yes --save
echo 'BOOTORDER="1"' >> /etc/vz/conf/191.conf
echo 'BOOTORDER="9"' >> /etc/vz/conf/192.conf
# 194 cannot boot: its init is gone.
rm -f /vz/private/194/sbin/init
# One at a time, so that the order shows.
echo 'VE_PARALLEL="1"' >> /etc/vz/vz.conf

vzctl events > "$log.events" 2>&1 & ev=$!
sleep 1
$boot start > "$log.out" 2>&1; rc=$?
[ "$rc" = 1 ] || fail "vz-boot start exited $rc with a broken container: $(cat "$log.out")"
grep -q 'failed to start: 194' "$log.out" || fail "the failure is not named: $(cat "$log.out")"
[ "$(vzlist -H -o status 191 192 193 194 | tr -d ' ' | tr '\n' ,)" = "running,running,stopped,stopped," ] ||
	fail "after vz-boot start: $(vzlist -a -o ctid,onboot,status); it printed $(cat "$log.out")"
order=$(grep -E '^ve-start 19[12]$' "$log.events" | tr '\n' ,)
[ "$order" = "ve-start 192,ve-start 191," ] || fail "start order (BOOTORDER 9 first): $order"
# Started ones are left alone by a second start.
rm -rf /vz/private/194 /etc/vz/conf/194.conf
expect_out 'no container to start|started 0' $boot start
expect_out '^ +19[12] ' $boot status

expect_out 'stopped 2' $boot stop
[ -z "$(vzlist -H 2>/dev/null)" ] || fail "containers run after vz-boot stop: $(vzlist)"
expect_out 'no container runs' $boot stop
expect_code 2 $boot bogus
exit 0
