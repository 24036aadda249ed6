#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Two containers and the host: each sees only its own processes, hostname,
# IPC objects and network devices.
. /usr/share/vz/testlib
probe=/usr/libexec/vz/ve_probe
trap 'drop_ct 111; drop_ct 112' EXIT
new_ct 111 --hostname one
new_ct 112 --hostname two
for ct in 111 112; do cp "$probe" "/vz/root/$ct/ve_probe" || fail "copy probe into $ct"; done

# Processes: init is pid 1 and no host or neighbour process shows.
pids=$(vzctl exec3 111 /ve_probe pids | tr '\n' ' ')
case " $pids " in *" 1 "*) ;; *) fail "no pid 1 in 111: $pids" ;; esac
[ "$(echo $pids | wc -w)" -lt 10 ] || fail "111 sees too many processes: $pids"
vzctl exec2 112 'sleep 1000 >/dev/null 2>&1 &'
ps | grep -q '[s]leep 1000' || fail "the host does not see 112's sleep"
vzctl exec2 111 ps | grep -q '[s]leep 1000' && fail "111 sees 112's processes"
vzctl exec2 111 ps | grep -q '[v]zmon' && fail "111 sees the host's monitor process"

# Hostname.
expect_out '^one$' vzctl exec2 111 hostname
expect_out '^two$' vzctl exec2 112 hostname
[ "$(hostname)" = vz-guest ] || fail "host name changed to $(hostname)"

# IPC: a segment made in 111 is not in 112 or on the host.
host_before=$($probe shm-count)
expect_code 0 vzctl exec3 111 /ve_probe shm-create 4242
expect_out '^1$' vzctl exec3 111 /ve_probe shm-count
expect_out '^0$' vzctl exec3 112 /ve_probe shm-count
[ "$($probe shm-count)" = "$host_before" ] || fail "the host sees 111's segment"

# Network: only lo (and the container's own venet0, on a kernel with
# venet) inside; the host's devices stay outside.
links=$(vzctl exec2 111 ip -o link | awk -F': ' '{print $2}' | sed 's/@.*//' | sort | tr '\n' ' ')
[ "$links" = "lo " ] || [ "$links" = "lo venet0 " ] || fail "111 has network devices: $links"
exit 0
