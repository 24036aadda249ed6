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
	crash_write $ct
	echo "VZTEST-POWER-OFF"
	while :; do sleep 3600; done
}

check() {
	mv /vz/crash-$ct.conf /etc/vz/conf/$ct.conf || fail "no $ct.conf kept on /vz"
	# The container was running: it is down now.
	expect_out "^CTID $ct exist unmounted down$" vzctl status $ct
	crash_check $ct
	drop_ct $ct
}

case "$1" in
prep) prep ;;
check)
	if (check); then echo "VZTEST: ok crash.quota_after_power_loss"
	else echo "VZTEST: not ok crash.quota_after_power_loss"; fi ;;
*) echo "usage: crash.sh prep|check" >&2; exit 2 ;;
esac
