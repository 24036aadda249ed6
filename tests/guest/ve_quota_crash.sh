#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Disk quota across a power loss: usage is kept in ext4's journal with the
# files, so after the scratch disk is shut down without flushing its
# journal (as a power loss would leave it) and mounted again, the
# container's usage is what its files hold, its limits are still there and
# still enforced, and nothing had to be rescanned. The container, created
# just before, starts again: create leaves nothing unwritten.
. /usr/share/vz/testlib
probe=/usr/libexec/vz/ve_probe
remount() { umount /vz && mount -t ext4 -o prjquota /dev/vda /vz; }
trap 'drop_ct 135' EXIT
drop_ct 135
# Something else holding /vz would make the remount fail after the
# shutdown and leave the disk dead for the tests that follow: try first.
# Say what holds it, so that the holder can be found.
holders() {
	grep ' /vz' /proc/self/mountinfo | sed 's/^/mount: /'
	for p in /proc/[0-9]*; do
		held=$(ls -l "$p/cwd" "$p/root" "$p"/fd/ 2>/dev/null | grep -c ' -> /vz')
		[ "$held" -gt 0 ] && echo "process ${p#/proc/} ($(cat "$p/comm" 2>/dev/null)): $held"
	done
	sed "s/^/ve: /" /proc/vz/veinfo
}
remount || { echo "/vz is busy: skipped"; holders; exit 77; }

new_ct 135 --diskspace 8M:8M --diskinodes 1000:1000
# No sync here: create puts the private area on disk before it returns
# (without that, the container's binaries read back empty after the crash).
expect_code 0 vzctl exec2 135 "dd if=/dev/zero of=/synced bs=1k count=2048 conv=fsync 2>/dev/null"
# Written, not synced: some of it may be lost with the journal's tail.
expect_code 0 vzctl exec2 135 "dd if=/dev/zero of=/unsynced bs=1k count=1024 2>/dev/null; mkdir /d; touch /d/a /d/b"
expect_code 0 vzctl stop 135 --fast
"$probe" shutdown-fs /vz || fail "could not shut /vz down"
remount || fail "/vz does not mount again after the shutdown"
dmesg | grep -q "vda.*recovery complete" || echo "note: no journal recovery was needed" >&2

# The quota's numbers are what the files hold.
blocks=$(vzquota stat 135 | awk '$1 == "1k-blocks" {print $2 " " $4}')
inodes=$(vzquota stat 135 | awk '$1 == "inodes" {print $2 " " $4}')
set -- $blocks
[ "$2" = 8192 ] || fail "the block limit after the crash: $(vzquota stat 135)"
du=$(du -sk /vz/private/135 | awk '{print $1}')
[ "$1" -ge $((du - 8)) ] && [ "$1" -le $((du + 8)) ] ||
	fail "after the crash the quota counts $1 KiB, the files hold $du KiB"
set -- $inodes
n=$(find /vz/private/135 | wc -l)
[ "$1" = "$n" ] || fail "after the crash the quota counts $1 inodes, the area has $n"
[ "$2" = 1000 ] || fail "the inode limit after the crash: $(vzquota stat 135)"
[ "$(stat -c %s /vz/private/135/synced)" = 2097152 ] || fail "a synced file was lost"

# The container starts and is held to its limit.
expect_code 0 vzctl start 135
out=$(vzctl exec2 135 "dd if=/dev/zero of=/more bs=1k count=8192 2>&1")
echo "$out" | grep -q "Disk quota exceeded" || fail "no limit after the crash: '$out'"
exit 0
