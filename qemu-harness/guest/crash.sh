#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A power loss with a running container, in two boots of the guest
# (qemu-harness/run --mode crash). "crash.sh prep" creates container 136
# with disk limits, writes to it, some of it synced and some not, and asks
# the host to kill QEMU while the container still runs. "crash.sh check",
# in the next boot on the same disk: ext4 replayed its journal at mount,
# nothing was rescanned, the container's quota is what its files hold, its
# limits are still there, and it starts and is held to them.
. /usr/share/vz/testlib
ct=136

prep() {
	drop_ct $ct
	new_ct $ct --diskspace 8M:8M --diskinodes 1000:1000
	# The guest's /etc is in memory: the config goes to the disk, as a
	# real host's /etc/vz would be there.
	cp /etc/vz/conf/$ct.conf /vz/crash-$ct.conf && sync -f /vz || fail "keep $ct.conf"
	expect_code 0 vzctl exec2 $ct "dd if=/dev/zero of=/synced bs=1k count=2048 conv=fsync 2>/dev/null"
	# Written, not synced: some of it may be lost with the page cache.
	expect_code 0 vzctl exec2 $ct "dd if=/dev/zero of=/unsynced bs=1k count=1024 2>/dev/null; mkdir /d; touch /d/a /d/b"
	echo "VZTEST-POWER-OFF"
	while :; do sleep 3600; done
}

check() {
	mv /vz/crash-$ct.conf /etc/vz/conf/$ct.conf || fail "no $ct.conf kept on /vz"
	dmesg | grep -q "vda.*recovery complete" || echo "note: no journal recovery was needed" >&2
	blocks=$(vzquota stat $ct | awk '$1 == "1k-blocks" {print $2 " " $4}')
	inodes=$(vzquota stat $ct | awk '$1 == "inodes" {print $2 " " $4}')
	set -- $blocks
	[ "$2" = 8192 ] || fail "the block limit after the crash: $(vzquota stat $ct)"
	du=$(du -sk /vz/private/$ct | awk '{print $1}')
	[ "$1" -ge $((du - 8)) ] && [ "$1" -le $((du + 8)) ] ||
		fail "after the crash the quota counts $1 KiB, the files hold $du KiB"
	set -- $inodes
	n=$(find /vz/private/$ct | wc -l)
	[ "$1" = "$n" ] || fail "after the crash the quota counts $1 inodes, the area has $n"
	[ "$2" = 1000 ] || fail "the inode limit after the crash: $(vzquota stat $ct)"
	[ "$(stat -c %s /vz/private/$ct/synced)" = 2097152 ] || fail "a synced file was lost"
	# The container was running: it is down now, and starts again.
	expect_out "^CTID $ct exist unmounted down$" vzctl status $ct
	expect_code 0 vzctl start $ct
	out=$(vzctl exec2 $ct "dd if=/dev/zero of=/more bs=1k count=8192 2>&1")
	echo "$out" | grep -q "Disk quota exceeded" || fail "no limit after the crash: '$out'"
	drop_ct $ct
}

case "$1" in
prep) prep ;;
check)
	if (check); then echo "VZTEST: ok crash.quota_after_power_loss"
	else echo "VZTEST: not ok crash.quota_after_power_loss"; fi ;;
*) echo "usage: crash.sh prep|check" >&2; exit 2 ;;
esac
