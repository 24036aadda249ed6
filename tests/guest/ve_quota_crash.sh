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
crash_write 135
expect_code 0 vzctl stop 135 --fast
"$probe" shutdown-fs /vz || fail "could not shut /vz down"
remount || fail "/vz does not mount again after the shutdown"
crash_check 135
exit 0
