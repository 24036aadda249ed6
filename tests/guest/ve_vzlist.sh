#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vzlist against the kernel: a running, a mounted and a stopped container
# show their state, task count, addresses, beancounters, disk quota and
# uptime from the kernel and the rest from their configs; names resolve;
# JSON carries the same; bad input is refused.
. /usr/share/vz/testlib
trap 'drop_ct 161; drop_ct 162; drop_ct 163' EXIT
drop_ct 161; drop_ct 162; drop_ct 163

t0=$(cut -d' ' -f1 /proc/uptime)
new_ct 161 --ipadd 10.16.1.1 --hostname ct161.test --diskspace 1G:1.1G --diskinodes 100000:110000
expect_code 0 vzctl set 161 --ipadd fd00::161 --name web161 --onboot yes --save
expect_code 0 vzctl create 162 --ostemplate busybox-minimal --hostname ct162.test --ipadd 10.16.2.1
expect_code 0 vzctl mount 162
expect_code 0 vzctl create 163 --ostemplate busybox-minimal
expect_code 0 vzctl set 163 --numproc 123:456 --save

# The default columns: running containers only.
expect_out '^ +161 +[1-9][0-9]* running +10\.16\.1\.1 +ct161\.test$' vzlist
vzlist -H | grep -q '^ *16[23] ' && fail "vzlist shows a container that does not run: $(vzlist)"
# Every state with -a; stopped ones show '-' for the task count.
states=$(vzlist -aH -o ctid,status,numproc 161 162 163)
[ "$(echo "$states" | awk '{print $1 $2}')" = "161running
162mounted
163stopped" ] || fail "states: $states"
echo "$states" | grep -Eq '^ +163 stopped +-$' || fail "a stopped container's numproc: $states"
expect_out '^ +162$' vzlist -S -1 162

# numproc is the kernel's own count of the VE's tasks.
held=$(awk '$1 == "161:" {ct=1} ct && $1 == "numproc" {print $2; exit}' /proc/user_beancounters)
[ "$(vzlist -H -o numproc 161 | tr -d ' ')" = "$held" ] ||
	fail "vzlist numproc $(vzlist -H -o numproc 161), the kernel's $held"
# A stopped container's barrier and limit come from its config.
expect_out '^ +123 +456$' vzlist -H -o numproc.b,numproc.l 163
# Every address in the last column, the first elsewhere.
expect_out '^ +161 10\.16\.1\.1 fd00::161$' vzlist -H -o ctid,ip 161
expect_out '^10\.16\.1\.1 +161$' vzlist -H -o ip,ctid 161
# Disk usage from the filesystem's quota while running; limits everywhere.
disk=$(vzlist -H -o diskspace,diskspace.s,diskspace.h,diskinodes.h 161)
echo "$disk" | grep -Eq '^ +[1-9][0-9]* +1048576 +1153433 +110000$' || fail "disk fields: $disk"
# A stopped one: no usage, the limits of its config (the sample's 2G:2.2G).
expect_out '^ +- +2097152 +2306867$' vzlist -H -o diskspace,diskspace.s,diskspace.h 163
# Uptime counts from the container's start, not the host's boot.
up=$(vzlist -H -o uptime 161)
echo "$up" | grep -Eq '^000d00h:0[0-4]m:[0-5][0-9]s$' || fail "uptime of a new container: '$up'"
expect_out '^ +- *$' vzlist -H -o uptime 163
# Names resolve, filters match, sorting orders.
expect_out '^ +161$' vzlist -1 web161
expect_out '^ +161$' vzlist -a1 -N 'web*'
[ "$(vzlist -a1 -h 'ct16*.test' | tr -d ' ' | tr '\n' ,)" = "161,162," ] ||
	fail "hostname filter: $(vzlist -a1 -h 'ct16*.test')"
[ "$(vzlist -1 -s -ctid 161 162 163 | tr -d ' ' | tr '\n' ,)" = "163,162,161," ] ||
	fail "reverse sort: $(vzlist -1 -s -ctid 161 162 163)"

# JSON: OpenVZ's layout, the same values.
json=$(vzlist -j 161)
for want in '"ctid": 161' '"status": "running"' '"hostname": "ct161.test"' '"onboot": true' \
	'"name": "web161"' '"10.16.1.1",' '"fd00::161"' '"held": '"$held"',' '"softlimit": 1048576'; do
	echo "$json" | grep -qF "$want" || fail "vzlist -j lacks $want: $json"
done
[ "$(echo "$json" | head -n 1)" = "[" ] && [ "$(echo "$json" | tail -n 1)" = "]" ] ||
	fail "vzlist -j is not one array: $json"
expect_out '^\[\]$' vzlist -j -S 161

# A hostile root names a task like the rest of a /proc/PID/stat line (a
# parser that splits on blanks would take a small number for its start):
# the uptime still counts from the container's start.
vzctl exec 161 'echo -n "a) 1 1 1 1 1 1" > /proc/$$/comm; while :; do sleep 1; done' \
	>/dev/null 2>&1 &
hostile() { grep -l '^a) 1 1 1 1 1 1$' /proc/[0-9]*/comm 2>/dev/null | wc -l; }
wait_for 1 hostile || fail "the hostile task did not come up"
up=$(vzlist -j -o uptime 161 | grep -o '"uptime": [0-9.]*' | cut -d' ' -f2)
now=$(cut -d' ' -f1 /proc/uptime)
awk -v u="$up" -v t0="$t0" -v now="$now" 'BEGIN { exit !(u != "" && u <= now - t0 + 1) }' ||
	fail "uptime with a hostile task name: '$up' s, the container is at most $now - $t0 s old"

# Bad input: an error and exit 1, as OpenVZ.
expect_code 1 vzlist -o ctid,nosuchfield
expect_code 1 vzlist -j -o numproc.m
expect_code 1 vzlist -s nosuchfield
expect_code 1 vzlist nosuchname
expect_code 1 vzlist 4000
msg=$(vzlist -o bogus 2>&1) && fail "vzlist -o bogus succeeded"
[ "$msg" = "vzlist: Unknown field: bogus" ] || fail "vzlist -o bogus printed: $msg"
exit 0
