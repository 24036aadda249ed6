#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Root of a container holds rights over the container only: modules, the
# clock, disks, /dev/mem, raw I/O and the host's sysctls are out of its
# reach; its own hostname and network sysctls are not; reboot inside
# restarts only the container.
. /usr/share/vz/testlib
trap 'drop_ct 121' EXIT
new_ct 121
cp /usr/libexec/vz/ve_probe /vz/root/121/ve_probe || fail "copy probe"

for verb in deny-insmod deny-settime deny-mknod-disk deny-devmem deny-rawio deny-sysctl; do
	expect_code 0 vzctl exec3 121 /ve_probe $verb
done
# The probe must be able to tell: on the host, as real root, it is allowed.
expect_code 1 /usr/libexec/vz/ve_probe deny-rawio

# sysctl: the host's knobs are read-only inside, whatever the container's
# root may do in its own namespaces; its own uts and network ones are not.
# writable CTID KNOB VALUE: 0 when CTID's root could write VALUE to KNOB.
writable() { vzctl exec2 "$1" "echo $3 > /proc/sys/$2" >/dev/null 2>&1; }
for knob in kernel/core_pattern vm/drop_caches kernel/sysrq; do
	writable 121 $knob 1 && fail "container 121 wrote the host's $knob"
done
writable 121 kernel/hostname ct121 || fail "container 121 could not set its own hostname"
expect_out '^ct121$' vzctl exec2 121 hostname
[ "$(hostname)" != ct121 ] || fail "the container's hostname reached the host"
host_fwd=$(cat /proc/sys/net/ipv4/ip_forward)
writable 121 net/ipv4/ip_forward $((1 - host_fwd)) ||
	fail "container 121 could not write its own net.ipv4.ip_forward"
[ "$(cat /proc/sys/net/ipv4/ip_forward)" = "$host_fwd" ] ||
	fail "the container's ip_forward reached the host"

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
