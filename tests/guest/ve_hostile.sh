#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a hostile container root (or template) plants cannot wedge vzctl,
# leak the admin's descriptors into the container or outlive destroy.
. /usr/share/vz/testlib
trap 'drop_ct 131; drop_ct 132' EXIT
new_ct 131

# M1: a descriptor vzctl inherited does not reach a program run inside.
exec 7</proc/version
fds=$(vzctl exec2 131 sh -c 'ls /proc/$$/fd') || fail "exec2: $fds"
echo "$fds" | grep -qx 7 && fail "fd 7 of the admin leaked into the container: $fds"
exec 7<&-

# M5: a FIFO as /etc/hostname neither hangs set nor start.
rm -f /vz/root/131/etc/hostname && mkfifo /vz/root/131/etc/hostname || fail "mkfifo"
expect_code 0 timeout 60 vzctl set 131 --hostname hostile1 --save
[ -f /vz/root/131/etc/hostname ] && [ ! -p /vz/root/131/etc/hostname ] ||
	fail "/etc/hostname is not a regular file after set"
expect_code 0 vzctl stop 131
rm -f /vz/private/131/etc/hostname && mkfifo /vz/private/131/etc/hostname || fail "mkfifo"
expect_code 0 timeout 60 vzctl start 131
expect_out '^hostile1$' vzctl exec2 131 cat /etc/hostname

# M4: a tree deeper than vzctl's descriptor limit is destroyed for good.
expect_code 0 vzctl exec2 131 sh -c \
	'i=0; while [ $i -lt 3000 ]; do mkdir d && cd d || exit 1; i=$((i + 1)); done'
expect_code 0 vzctl stop 131
expect_code 0 sh -c 'ulimit -n 64 && vzctl destroy 131'
ls -d /vz/private/131* 2>/dev/null && fail "destroy left $(ls -d /vz/private/131*)"

# H1: a private area that is a symlink is never mounted.
expect_code 0 vzctl create 132 --ostemplate busybox-minimal
mv /vz/private/132 /vz/private/132.real || fail "mv"
ln -s /etc /vz/private/132 || fail "ln"
expect_code 43 vzctl start 132
grep -q " /vz/root/132 " /proc/self/mountinfo && fail "/vz/root/132 was mounted"
rm /vz/private/132 && mv /vz/private/132.real /vz/private/132 || fail "restore"
exit 0
