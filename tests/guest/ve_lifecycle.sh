#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The whole life of a container as an admin drives it: create, start,
# status, exec, enter, stop, restart, destroy, with OpenVZ's exit codes.
. /usr/share/vz/testlib
trap 'drop_ct 101' EXIT
drop_ct 101

expect_out '^CTID 101 deleted unmounted down$' vzctl status 101
expect_code 0 vzctl create 101 --ostemplate busybox-minimal --hostname ct101
expect_out '^CTID 101 exist unmounted down$' vzctl status 101
grep -q '^OSTEMPLATE="busybox-minimal"' /etc/vz/conf/101.conf || fail "OSTEMPLATE not saved"
grep -q '^HOSTNAME="ct101"' /etc/vz/conf/101.conf || fail "HOSTNAME not saved"
# Files are owned by the container's shifted root (65536 * 101).
[ "$(stat -c %u /vz/private/101/bin/busybox)" = 6619136 ] || fail "ownership not shifted"
expect_code 44 vzctl create 101 --ostemplate busybox-minimal

expect_code 0 vzctl start 101
expect_out '^CTID 101 exist mounted running$' vzctl status 101
expect_code 32 vzctl start 101
expect_code 32 vzctl destroy 101
grep -Eq '^ +101 +0 +[0-9]+$' /proc/vz/veinfo || fail "101 not in /proc/vz/veinfo: $(cat /proc/vz/veinfo)"

# Inside: its own hostname, init as pid 1, OpenVZ's status lines.
expect_out '^ct101$' vzctl exec2 101 hostname
expect_out '^init$' vzctl exec2 101 cat /proc/1/comm
expect_out '^envID:	101$' vzctl exec2 101 grep envID /proc/self/status
expect_out '^ +101 +0 +[0-9]+$' vzctl exec2 101 cat /proc/vz/veinfo
[ "$(vzctl exec2 101 cat /proc/vz/veinfo | wc -l)" = 1 ] || fail "a VE sees other VEs in veinfo"
expect_out '^uid=0\(root\)' vzctl exec2 101 id

# exec: 0 or 8; exec2: the command's status; exec3: argv as given.
expect_code 0 vzctl exec 101 true
expect_code 8 vzctl exec 101 false
expect_code 3 vzctl exec2 101 'exit 3'
expect_out '^a  b$' vzctl exec3 101 /bin/echo 'a  b'
expect_code 127 vzctl exec3 101 /no/such/program
expect_out 'hello-from-ct101' sh -c 'echo "echo hello-from-\$(hostname)" | vzctl enter 101'

# set: live and saved.
expect_code 0 vzctl set 101 --hostname renamed --save
expect_out '^renamed$' vzctl exec2 101 hostname
grep -q '^HOSTNAME="renamed"' /etc/vz/conf/101.conf || fail "set --save did not save"
expect_code 21 vzctl set 101 --hostname 'bad name!' --save

expect_code 0 vzctl restart 101
expect_out '^CTID 101 exist mounted running$' vzctl status 101
expect_out '^renamed$' vzctl exec2 101 hostname

expect_code 0 vzctl stop 101
expect_out '^CTID 101 exist unmounted down$' vzctl status 101
expect_out 'not running' vzctl stop 101
expect_code 31 vzctl exec2 101 true
expect_code 8 vzctl exec 101 true

expect_code 0 vzctl mount 101
expect_out '^CTID 101 exist mounted down$' vzctl status 101
expect_code 0 vzctl umount 101
expect_code 40 vzctl umount 101

expect_code 0 vzctl destroy 101
expect_out '^CTID 101 deleted unmounted down$' vzctl status 101
[ ! -e /vz/private/101 ] || fail "private area left after destroy"
expect_code 14 vzctl start 101
expect_code 21 vzctl start 0
expect_code 21 vzctl start abc
expect_code 20 vzctl frobnicate 101
exit 0
