#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Root of a container holds rights over the container only.
. /usr/share/vz/testlib
trap 'drop_ct 121' EXIT
new_ct 121
cp /usr/libexec/vz/ve_probe /vz/root/121/ve_probe || fail "copy probe"

for verb in deny-insmod deny-settime deny-mknod-disk deny-devmem deny-rawio deny-sysctl; do
	expect_code 0 vzctl exec3 121 /ve_probe $verb
done
# The probe must be able to tell: on the host, as real root, it is allowed.
expect_code 1 /usr/libexec/vz/ve_probe deny-rawio

# reboot inside restarts only the container: a new init, the host lives.
old_init=$(ve_init_pid 121)
[ -n "$old_init" ] || fail "no init with envID 121 and VPid 1"
vzctl exec2 121 reboot -f >/dev/null 2>&1
i=0
new_init=$old_init
while [ $i -lt 300 ] && { [ -z "$new_init" ] || [ "$new_init" = "$old_init" ]; }; do
	sleep 0.1; i=$((i + 1))
	new_init=$(ve_init_pid 121)
done
[ -n "$new_init" ] && [ "$new_init" != "$old_init" ] ||
	fail "container 121 did not come back after reboot (init $old_init, now '$new_init')"
expect_out '^CTID 121 exist mounted running$' vzctl status 121
expect_code 0 vzctl exec2 121 test -e /ve_probe
exit 0
