#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A container from the Debian 12 template (templates/make-debian-template)
# starts and runs its own init; with --ram 512M --swap 1G, procps free -m
# shows 512 MB and 1024 MB of swap, and procps uptime counts from the
# container's start. Skipped when the guest has no such template.
. /usr/share/vz/testlib
[ -e /vz/template/cache/debian-12-x86_64.tar.gz ] || { echo "no Debian template: skipped"; exit 77; }
trap 'drop_ct 151' EXIT
drop_ct 151
expect_code 0 vzctl create 151 --ostemplate debian-12-x86_64 --hostname deb151
expect_code 0 vzctl set 151 --ram 512M --swap 1G --save
expect_code 0 vzctl start 151
expect_out '^12\.' vzctl exec2 151 cat /etc/debian_version
# pid 1 is Debian's own sysvinit, not busybox.
expect_out '^(/usr)?/sbin/init$' vzctl exec2 151 readlink -f /proc/1/exe
expect_out 'sysvinit' vzctl exec2 151 dpkg-query -W sysvinit-core
expect_out '^deb151$' vzctl exec2 151 hostname
# procps reads /proc/meminfo and /proc/uptime, not sysinfo(2).
expect_out '^Mem: +512 ' vzctl exec2 151 free -m
expect_out '^Swap: +1024 ' vzctl exec2 151 free -m
if [ "$(cut -d. -f1 /proc/uptime)" -ge 180 ]; then
	expect_out ' up [01] min' vzctl exec2 151 uptime
fi
expect_code 0 vzctl stop 151
expect_out '^CTID 151 exist unmounted down$' vzctl status 151

# Ctrl-C in the middle of unpacking a large template leaves nothing behind.
drop_ct 152
vzctl create 152 --ostemplate debian-12-x86_64 > /tmp/create-152.log 2>&1 & pid=$!
i=0
while [ $i -lt 100 ] && [ ! -d /vz/private/152.tmp-create ]; do sleep 0.05; i=$((i + 1)); done
kill -INT $pid
wait $pid
code=$?
[ "$code" -ne 0 ] || fail "create 152 was not interrupted (it finished first?)"
[ ! -e /vz/private/152 ] && [ ! -e /vz/private/152.tmp-create ] ||
	fail "interrupted create left $(ls -d /vz/private/152* 2>/dev/null)"
[ ! -e /etc/vz/conf/152.conf ] || fail "interrupted create left 152.conf"
expect_out '^CTID 152 deleted unmounted down$' vzctl status 152
exit 0
