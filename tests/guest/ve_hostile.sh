#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a hostile container root (or template) plants cannot wedge vzctl,
# leak the admin's descriptors into the container or outlive destroy; host
# users cannot reach containers' roots; init gets the limits of a boot.
# CTIDs 191 and 192 are used by no other guest test.
. /usr/share/vz/testlib

# Puts back a private area that the H1 step replaced by a symlink.
restore_192() {
	if [ -L /vz/private/192 ] && [ -d /vz/private/192.real ]; then
		rm -f /vz/private/192 && mv /vz/private/192.real /vz/private/192
	fi
}
trap 'restore_192; drop_ct 191; drop_ct 192' EXIT
restore_192
drop_ct 191
drop_ct 192
new_ct 191

# M1: a descriptor vzctl inherited does not reach a program run inside.
exec 7</proc/version
# exec2 runs its words through sh -c: $$ is that shell, the first process inside.
fds=$(vzctl exec2 191 'ls /proc/$$/fd') || fail "exec2: $fds"
echo "$fds" | grep -qx 2 || fail "exec2 listed no descriptors of its own: $fds"
echo "$fds" | grep -qx 7 && fail "fd 7 of the admin leaked into the container: $fds"
exec 7<&-

# M1: with a terminal on its stdio (on_pty: busybox has no script), exec
# relays it through pipes: no program inside holds the admin's terminal.
out=$(timeout 60 /usr/libexec/vz/on_pty vzctl exec2 191 ls -l /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2) ||
	fail "exec2 on a pty: $out"
fds=$(echo "$out" | grep '/proc/self/fd/')
[ "$(echo "$fds" | grep -c -- '-> pipe:')" -eq 3 ] || fail "exec2 on a pty handed in: $out"
echo "$fds" | grep -q pts && fail "the admin's pty reached the container: $out"

# M5: a FIFO as /etc/hostname neither hangs set nor start. The container's
# root makes it, so that it owns it and could open it (a FIFO the host made
# is host root's: the open would fail with EACCES instead of hanging).
expect_code 0 vzctl exec2 191 'rm -f /etc/hostname && mkfifo /etc/hostname'
[ -p /vz/root/191/etc/hostname ] || fail "no FIFO made inside"
expect_code 0 timeout 60 vzctl set 191 --hostname hostile1 --save
[ -f /vz/root/191/etc/hostname ] && [ ! -p /vz/root/191/etc/hostname ] ||
	fail "/etc/hostname is not a regular file after set"
expect_out '^hostile1$' timeout 30 vzctl exec2 191 cat /etc/hostname

# An /etc/hostname that cannot be written (here a directory) is a warning:
# the host name is set and --save stores it.
expect_code 0 vzctl exec2 191 'rm -f /etc/hostname && mkdir /etc/hostname'
expect_out 'Warning: .*/etc/hostname' timeout 60 vzctl set 191 --hostname hostile2 --save
expect_out '^hostile2$' timeout 30 vzctl exec2 191 hostname
grep -qx 'HOSTNAME="hostile2"' /etc/vz/conf/191.conf || fail "hostile2 not saved"
expect_code 0 vzctl exec2 191 rmdir /etc/hostname

# L4: a value the config cannot hold is refused before anything is applied.
expect_code 21 vzctl set 191 --hostname hostile3 --description "$(printf 'x\ny')" --save
expect_out '^hostile2$' timeout 30 vzctl exec2 191 hostname
expect_code 0 vzctl set 191 --hostname hostile1 --save

expect_code 0 vzctl stop 191
# Before start, from the host: owned by the container's root, and open to
# anyone besides.
owner=$(stat -c %u:%g /vz/private/191/etc) || fail "stat /vz/private/191/etc"
rm -f /vz/private/191/etc/hostname && mkfifo -m 666 /vz/private/191/etc/hostname &&
	chown "$owner" /vz/private/191/etc/hostname || fail "mkfifo in the private area"
# M2: VE_ROOT's parent is host root's only; start makes it so where it is
# open (this guest's /init made it with mkdir -p), and init still gets in.
# L7: init starts with the boot's limits, not the admin shell's.
chmod 0755 /vz/root || fail "chmod /vz/root"
expect_code 0 timeout 60 sh -c 'ulimit -n 100 && vzctl start 191'
[ "$(stat -c %a /vz/root)" = 700 ] || fail "/vz/root is $(stat -c %a /vz/root) after start"
expect_out '^hostile1$' timeout 30 vzctl exec2 191 cat /etc/hostname
expect_out '^Max open files +1024 +4096 ' timeout 30 vzctl exec2 191 cat /proc/1/limits

# L7: umount does nothing while it cannot tell whether the container runs
# (a /dev/vzctl that answers no ioctl).
mount --bind /dev/null /dev/vzctl || fail "bind /dev/null on /dev/vzctl"
vzctl umount 191 >/dev/null 2>&1
rc=$?
umount /dev/vzctl || fail "umount /dev/vzctl"
[ "$rc" -ne 0 ] || fail "umount went on without knowing the status"
grep -q ' /vz/root/191 ' /proc/mounts || fail "umount unmounted a container of unknown status"

# M4: a tree deeper than vzctl's descriptor limit is destroyed for good.
# cd -P: busybox ash's logical cd fails once $PWD passes 4096 bytes.
expect_code 0 vzctl exec2 191 \
	'i=0; while [ $i -lt 3000 ]; do mkdir d && cd -P d || exit 1; i=$((i + 1)); done'
expect_code 0 vzctl stop 191
expect_code 0 sh -c 'ulimit -n 64 && vzctl destroy 191'
ls -d /vz/private/191* 2>/dev/null && fail "destroy left $(ls -d /vz/private/191*)"

# H1: a private area that is a symlink is never mounted.
expect_code 0 vzctl create 192 --ostemplate busybox-minimal
mv /vz/private/192 /vz/private/192.real || fail "mv"
ln -s /etc /vz/private/192 || fail "ln"
expect_code 43 vzctl start 192
restore_192
[ -d /vz/private/192 ] && [ ! -L /vz/private/192 ] || fail "restore"
exit 0
