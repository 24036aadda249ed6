#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Disk quota, first level: a container's private area is its project on
# /vz (ext4, prjquota). Inside, df shows the limits; writes stop with
# EDQUOT at the hard limit, at the soft one once the grace time ran out,
# and at the inode limits; the host and a neighbour keep writing; limits
# change live, both ways, and come back from the config at start; the
# container's root cannot move its files out of the project or lift its
# limits; the overlay layout is held to its limits as simfs is.
. /usr/share/vz/testlib
probe=/usr/libexec/vz/ve_probe
trap 'vzctl set 131 --quotatime 604800 >/dev/null 2>&1
	for c in 131 132 133; do drop_ct $c; done; rm -f /vz/host-fill' EXIT
for c in 131 132 133; do drop_ct $c; done

# vzquota stat's numbers: "1k-blocks USED SOFT HARD" / "inodes USED SOFT HARD".
quota_field() { vzquota stat "$1" | awk -v r="$2" -v f="$3" '$1 == r {print $f}'; }
# Writes N KiB to FILE inside CT; prints dd's complaint, if any.
fill() { vzctl exec2 "$1" "dd if=/dev/zero of=$2 bs=1k count=$3 conv=fsync 2>&1 >/dev/null | grep -v records"; }

new_ct 131 --diskspace 2M:3M
grep -q '^DISKSPACE="2048:3072"' /etc/vz/conf/131.conf || fail "DISKSPACE not stored: $(grep DISK /etc/vz/conf/131.conf)"
expect_out '^131 inherit$' "$probe" project /vz/private/131
expect_out '^131 noinherit$' "$probe" project /vz/private/131/bin/busybox
[ "$(quota_field 131 1k-blocks 3)" = 2048 ] && [ "$(quota_field 131 1k-blocks 4)" = 3072 ] ||
	fail "vzquota stat: $(vzquota stat 131)"
used=$(quota_field 131 1k-blocks 2)
[ "$used" -gt 1000 ] || fail "the template's blocks are not counted: $used KiB"

# df inside: the soft limit is the size, the usage is used.
expect_out "^[^ ]+ +2048 +[0-9]+ " vzctl exec2 131 "df -Pk / | tail -n 1"
df_used=$(vzctl exec2 131 "df -Pk / | tail -n 1" | awk '{print $3}')
[ $((df_used - used)) -le 64 ] && [ $((used - df_used)) -le 64 ] ||
	fail "df inside says $df_used KiB used, vzquota $used"

# The hard limit: a write past it fails with EDQUOT; the neighbour and the
# host keep writing.
new_ct 132
out=$(fill 131 /fill 4096)
echo "$out" | grep -q "Disk quota exceeded" || fail "writing 4 MiB past a 3 MiB limit: '$out'"
[ "$(quota_field 131 1k-blocks 2)" -le 3072 ] || fail "usage above the hard limit: $(vzquota stat 131)"
[ -z "$(fill 132 /fill 4096)" ] || fail "the neighbour could not write 4 MiB"
dd if=/dev/zero of=/vz/host-fill bs=1k count=4096 2>/dev/null || fail "the host could not write"

# The container's root can neither leave the project nor lift its limits.
cp "$probe" /vz/root/131/ve_probe || fail "copy probe into 131"
expect_code 0 vzctl exec3 131 /ve_probe deny-project /ve_probe
expect_code 0 vzctl exec3 131 /ve_probe deny-noinherit /
expect_code 0 vzctl exec3 131 /ve_probe deny-noinherit /bin
expect_code 0 vzctl exec3 131 /ve_probe deny-quotactl /
expect_out '^131 inherit$' "$probe" project /vz/private/131
# A hard link and a rename across directories stay in the project.
expect_code 0 vzctl exec2 131 "ln /fill /etc/fill2 && mv /fill /bin/fill3"
out=$(fill 131 /more 64)
echo "$out" | grep -q "Disk quota exceeded" || fail "a write after ln and mv: '$out'"
expect_out '^131 noinherit$' "$probe" project /vz/private/131/bin/fill3
vzctl exec2 131 "rm -f /etc/fill2 /bin/fill3 /more"

# Live: shrink below usage (allowed; writes fail), grow again (they work),
# and nothing is saved without --save.
expect_code 0 vzctl set 131 --diskspace 1M:1M
out=$(fill 131 /small 64)
echo "$out" | grep -q "Disk quota exceeded" || fail "a write below a shrunk limit: '$out'"
expect_code 0 vzctl set 131 --diskspace 8M:8M
[ -z "$(fill 131 /small 2048)" ] || fail "no write after growing the limit"
expect_out "^[^ ]+ +8192 " vzctl exec2 131 "df -Pk / | tail -n 1"
grep -q '^DISKSPACE="2048:3072"' /etc/vz/conf/131.conf || fail "set without --save changed the config"

# Start sets the stored limits again; usage survives the restart.
used=$(quota_field 131 1k-blocks 2)
expect_code 0 vzctl restart 131 --fast
[ "$(quota_field 131 1k-blocks 4)" = 3072 ] || fail "start did not set the stored limit: $(vzquota stat 131)"
[ "$(quota_field 131 1k-blocks 2)" -ge $((used - 64)) ] || fail "usage lost by a restart: $(vzquota stat 131)"
vzctl exec2 131 "rm -f /small /ve_probe"

# Inodes: at the limit, a new file fails.
inodes=$(quota_field 131 inodes 2)
expect_code 0 vzctl set 131 --diskinodes $((inodes + 20)):$((inodes + 30)) --save
out=$(vzctl exec2 131 "mkdir /many && cd /many && i=0; while [ \$i -lt 60 ]; do touch f\$i || exit 1; i=\$((i+1)); done" 2>&1)
echo "$out" | grep -q "Disk quota exceeded" || fail "60 new files under a limit of 30 more: '$out'"
n=$(ls /vz/private/131/many | wc -l)
[ "$n" -ge 20 ] && [ "$n" -le 30 ] || fail "$n files made under an inode limit 30 above usage"
expect_out "^[^ ]+ +$((inodes + 20)) " vzctl exec2 131 "df -Pi / | tail -n 1"
vzctl exec2 131 "rm -rf /many"

# The soft limit holds after the grace time (one for the whole filesystem).
expect_code 0 vzctl set 131 --diskspace 3M:8M --diskinodes unlimited --quotatime 5
echo "$out" | grep -q "one for all its containers" || fail "no warning that QUOTATIME is for all: '$out'"
used=$(quota_field 131 1k-blocks 2)
[ "$used" -lt 3072 ] || fail "usage $used KiB is past the soft limit before the test"
[ -z "$(fill 131 /soft $((3072 - used + 512)))" ] || fail "a write past the soft limit within the grace time"
sleep 6
out=$(fill 131 /soft2 256)
echo "$out" | grep -q "Disk quota exceeded" || fail "a write past the soft limit after the grace time: '$out'"
expect_code 0 vzctl set 131 --quotatime 604800
vzctl exec2 131 "rm -f /soft /soft2"

# The overlay layout: overlayfs writes the container's layer without
# CAP_SYS_RESOURCE (it drops it itself): the limits hold there too.
drop_ct 133
expect_code 0 vzctl create 133 --layout overlay --diskspace 1M:1M
expect_code 0 vzctl start 133
expect_out '^133 inherit$' "$probe" project /vz/private/133/upper
expect_out "^[^ ]+ +1024 " vzctl exec2 133 "df -Pk / | tail -n 1"
out=$(fill 133 /fill 2048)
echo "$out" | grep -q "Disk quota exceeded" || fail "overlay: 2 MiB past a 1 MiB limit: '$out'"
[ "$(quota_field 133 1k-blocks 2)" -le 1024 ] || fail "overlay: usage above the limit: $(vzquota stat 133)"

# Destroy removes the limits with the area; quotaoff/quotaon and vzquota
# on a container without an area.
expect_code 0 vzctl stop 133 --fast
expect_code 0 vzctl quotaoff 133
[ "$(quota_field 133 1k-blocks 4)" = 0 ] || fail "quotaoff left a limit: $(vzquota stat 133)"
expect_code 0 vzctl quotaon 133
[ "$(quota_field 133 1k-blocks 4)" = 1024 ] || fail "quotaon did not set the limit: $(vzquota stat 133)"
expect_code 0 vzctl destroy 133
expect_code 11 vzquota stat 133
exit 0
