#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Device access (DEVICES, DEVNODES): a container opens the kernel's default
# devices and no other; --devnodes net/tun:rw puts the host's copy of the
# node into its /dev (/dev/.vz/176/net%2Ftun, owned by the container's
# root, though the host's node is 0600 root) and lets it open it, live and
# again at the next start, with the row in the host's /proc/vz/devperms;
# taking the access back (by name, or none) leaves a node that cannot be
# opened (EPERM) and removes the copy; a read-only access refuses writing;
# a whole major; bad values exit 21 and change nothing; a node the host
# lacks at start fails it with 86; a stop drops the rows and the copies;
# the container cannot read /proc/vz/devperms. One start and one restart.
. /usr/share/vz/testlib
[ -e /proc/vz/devperms ] || { echo "the kernel has no device permissions"; exit 77; }
[ -c /dev/net/tun ] || { echo "the guest has no /dev/net/tun"; exit 77; }
trap 'drop_ct 176; rm -f /dev/vzloop7' EXIT
drop_ct 176
rm -f /dev/vzloop7
conf=/etc/vz/conf/176.conf

# access TYPE MAJOR:MINOR: the mask /proc/vz/devperms lists for 176 (empty
# when none). rows: 176's rows of major 10 (the kernel's default devices
# aside); all_rows: every row of 176.
access() { awk -v t="$1" -v d="$2" '$1 == 176 && $2 == t && $4 == d {print $3}' /proc/vz/devperms; }
rows() { awk '$1 == 176 && $4 ~ /^10:/' /proc/vz/devperms; }
all_rows() { awk '$1 == 176' /proc/vz/devperms; }
# opens REDIR: whether 176's shell can open /dev/net/tun with REDIR (<>, <).
opens() { vzctl exec2 176 "exec 3$1/dev/net/tun" 2>&1; }
# The host's copies of 176's nodes; the host uid and gid of 176's root (the
# automatic id map: 65536 * CTID).
copies=/dev/.vz/176
ct_root=$((65536 * 176)):$((65536 * 176))
# owned_inside: /dev/net/tun inside is a node of 10:200 that 176's root
# owns, with the host node's mode (ls -ln: "crw------- 1 0 0 10, 200 ...").
owned_inside() {
	expect_out '^crw------- +[0-9]+ +0 +0 +10, +200 ' vzctl exec2 176 "ls -ln /dev/net/tun"
}

# The host's node is the host root's alone, as the kernel makes it: the
# container's root gets in through its own copy only.
[ "$(stat -c %a:%u:%g /dev/net/tun)" = 600:0:0 ] ||
	fail "the guest's /dev/net/tun is $(stat -c %a:%u:%g /dev/net/tun), not 600:0:0"
new_ct 176
head -n 1 /proc/vz/devperms | grep -qx 'Version: 2.7' ||
	fail "/proc/vz/devperms starts with '$(head -n 1 /proc/vz/devperms)'"
# The kernel's default devices; tun is neither there nor granted.
expect_code 0 vzctl exec2 176 "exec 3<>/dev/null 4<>/dev/zero 5</dev/urandom"
expect_code 1 vzctl exec2 176 "test -e /dev/net/tun"
[ -z "$(access c 10:200)" ] || fail "a new container has c 10:200: $(rows)"

# Live, without --save: the node and its access, nothing stored.
expect_code 0 vzctl set 176 --devnodes net/tun:rw
[ "$(access c 10:200)" = 006 ] || fail "after --devnodes net/tun:rw: $(rows)"
owned_inside
[ "$(stat -c %F:%t:%T:%a:%u:%g "$copies/net%2Ftun")" = "character special file:a:c8:600:$ct_root" ] ||
	fail "the host's copy: $(ls -ln "$copies/net%2Ftun" 2>&1)"
[ "$(stat -c %a:%u:%g $copies)" = 700:0:0 ] || fail "$copies is $(stat -c %a:%u:%g $copies)"
out=$(opens "<>") || fail "could not open its granted /dev/net/tun: $out"
grep -q DEVNODES $conf && fail "stored without --save: $(grep DEVNODES $conf)"
# Taken back by name: the node stays, opening it fails with EPERM; the
# copy is gone.
expect_code 0 vzctl set 176 --devnodes net/tun:none
[ -z "$(access c 10:200)" ] || fail "after net/tun:none: $(rows)"
expect_code 0 vzctl exec2 176 "test -c /dev/net/tun"
out=$(opens "<>") && fail "opened /dev/net/tun without access: $out"
echo "$out" | grep -q "not permitted" || fail "expected EPERM: $out"
[ -e "$copies/net%2Ftun" ] && fail "net/tun:none left $copies/net%2Ftun"

# Read only: reading opens, writing does not.
expect_code 0 vzctl set 176 --devices c:10:200:r --save
[ "$(access c 10:200)" = 004 ] || fail "after c:10:200:r: $(rows)"
out=$(opens "<") || fail "could not open /dev/net/tun to read: $out"
out=$(opens "<>") && fail "opened /dev/net/tun to write with r only: $out"
# A whole major, in place of the single device.
expect_code 0 vzctl set 176 --devices c:10:all:rw --devices c:10:200:none --save
grep -qx 'DEVICES="c:10:all:rw"' $conf || fail "DEVICES: $(grep DEVICES $conf)"
[ "$(access c '10:*')" = 006 ] || fail "after c:10:all:rw: $(rows)"
[ -z "$(access c 10:200)" ] || fail "c:10:200:none left: $(rows)"
out=$(opens "<>") || fail "c:10:all:rw does not open /dev/net/tun: $out"
expect_code 0 vzctl set 176 --devices none --save
[ -z "$(rows)" ] || fail "after --devices none: $(rows)"

# The host's list is not the container's to read.
out=$(vzctl exec2 176 cat /proc/vz/devperms 2>&1) && fail "read /proc/vz/devperms inside: $out"

# Bad values: 21, and the config as it was.
mknod /dev/vzloop7 b 7 0 || fail "mknod /dev/vzloop7"
before=$(cat $conf)
for bad in "--devices x:1:2:rw" "--devices b:7:0:rw" "--devices c:1:3:rx" \
	"--devnodes ../etc:rw" "--devnodes /dev/net/tun:rw" "--devnodes vzloop7:rw" \
	"--devnodes vznosuch:rw" "--devnodes net:rw"; do
	# shellcheck disable=SC2086 # the option and its value
	expect_code 21 vzctl set 176 $bad --save
done
[ "$(cat $conf)" = "$before" ] || fail "a refused value changed $conf"
[ -z "$(rows)" ] || fail "a refused value changed the access: $(rows)"

# Stored: given again at the next start, with the node in /dev.
expect_code 0 vzctl set 176 --devnodes net/tun:rw --save
grep -qx 'DEVNODES="net/tun:rw"' $conf || fail "DEVNODES: $(grep DEVNODES $conf)"
expect_code 0 vzctl restart 176 --fast
[ "$(access c 10:200)" = 006 ] || fail "after the restart: $(rows)"
out=$(opens "<>") || fail "no working /dev/net/tun after the restart: $out"
owned_inside
expect_code 0 vzctl set 176 --devnodes none --save
[ -z "$(rows)" ] || fail "after --devnodes none: $(rows)"
out=$(opens "<>") && fail "opened /dev/net/tun after --devnodes none: $out"
expect_code 0 vzctl set 176 --devnodes net/tun:rw --save
[ -c "$copies/net%2Ftun" ] || fail "no copy after --devnodes net/tun:rw: $(ls -la $copies 2>&1)"
expect_code 0 vzctl stop 176
[ -z "$(all_rows)" ] || fail "a stopped container keeps its rows: $(all_rows)"
[ -e $copies ] && fail "a stopped container keeps its copies: $(ls -la $copies)"

# A node the host does not have: the start fails with 86 and names it.
sed -i 's|^DEVNODES=.*|DEVNODES="vznosuch:rw"|' $conf
expect_code 86 vzctl start 176
echo "$out" | grep -q vznosuch || fail "the missing node is not named: $out"  # expect_code's
expect_out '^CTID 176 exist unmounted down$' vzctl status 176
[ -e $copies ] && fail "a failed start left copies: $(ls -la $copies)"
exit 0
