#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Disk quota, second level (QUOTAUGIDLIMIT): user and group quota inside a
# Debian 12 container, with Debian's own quota tools and users made by
# useradd. Its root sets limits and its users hit them; repquota -a lists
# the container's users only; ids the container does not map, its project
# quota and the quota state are out of its reach; the number of ids with
# limits is capped; the device node the tools name cannot be opened. The
# overlay layout is refused. Skipped without the Debian template.
. /usr/share/vz/testlib
trap 'for c in 153 154 155; do drop_ct $c; done; rm -f /vz/host-ugid' EXIT
for c in 153 154 155; do drop_ct $c; done

# A busybox container: the node is there, named as its /proc/mounts names
# the device, and cannot be opened.
new_ct 154 --diskspace 64M
expect_code 0 vzctl set 154 --quotaugidlimit 2 --save
expect_code 0 vzctl restart 154 --fast
dev=$(vzctl exec2 154 "awk '\$2 == \"/\" {print \$1}' /proc/mounts")
case "$dev" in /dev/*) ;; *) fail "the root of 154 is on '$dev', not a device" ;; esac
expect_out "^b" vzctl exec2 154 "ls -l $dev"
out=$(vzctl exec2 154 "dd if=$dev of=/dev/null bs=512 count=1" 2>&1) &&
	fail "the container's root read its disk through $dev: $out"
expect_code 0 vzctl set 154 --quotaugidlimit 0 --save
expect_code 0 vzctl restart 154 --fast
vzctl exec2 154 "test -e $dev" && fail "$dev is still there with QUOTAUGIDLIMIT=0"

# The overlay layout cannot have it: set and start say why.
expect_code 0 vzctl create 155 --layout overlay
out=$(vzctl set 155 --quotaugidlimit 5 --save 2>&1)
code=$?
[ $code = 60 ] || fail "set --quotaugidlimit on overlay exited $code: $out"
echo "$out" | grep -q simfs || fail "no reason given: $out"
echo 'QUOTAUGIDLIMIT="5"' >> /etc/vz/conf/155.conf
out=$(vzctl start 155 2>&1)
code=$?
[ $code = 60 ] || fail "overlay with QUOTAUGIDLIMIT started (exit $code): $out"
echo "$out" | grep -q simfs || fail "no reason given: $out"
expect_out '^CTID 155 exist unmounted down$' vzctl status 155
drop_ct 155

[ -e /vz/template/cache/debian-12-x86_64.tar.gz ] || { echo "no Debian template: skipped"; exit 77; }
new_ct 153 --ostemplate debian-12-x86_64 --hostname q153
expect_code 0 vzctl set 153 --quotaugidlimit 3 --save
expect_code 0 vzctl restart 153 --fast
in153() { vzctl exec2 153 "$@"; }
expect_code 0 in153 "useradd -m alice && useradd -m bob && useradd carol && useradd dave"

# The tools find the filesystem of / and see quota on (quotaon -p exits
# with the number of filesystems that have it on).
out=$(in153 quotaon -pug / 2>&1)
echo "$out" | grep -Eq "^user quota on / \(/dev/[a-z0-9]+\) is on" || fail "quotaon -pu /: $out"
echo "$out" | grep -Eq "^group quota on / \(/dev/[a-z0-9]+\) is on" || fail "quotaon -pg /: $out"
expect_code 0 in153 quotaon -ug /

# The root sets a limit; the user reads it and hits it.
expect_code 0 in153 setquota -u alice 100 200 0 0 /
expect_out "200" in153 "su alice -s /bin/sh -c 'quota -u alice'"
out=$(in153 "su alice -s /bin/sh -c 'dd if=/dev/zero of=/home/alice/f bs=1k count=400 conv=fsync'" 2>&1)
echo "$out" | grep -q "Disk quota exceeded" || fail "alice wrote 400 KiB under a 200 KiB limit: $out"
kib=$(in153 "du -k /home/alice/f" | cut -f1)
[ "$kib" -le 200 ] || fail "alice holds $kib KiB past her 200 KiB limit"

# edquota -p copies limits; repquota -a lists the container's users only.
expect_code 0 in153 edquota -p alice bob
expect_out "^bob +[-+]+ +[0-9]+ +100 +200" in153 repquota -a
# A host file owned by the first host uid past the container's range.
base=$(awk '{print $2; exit}' /proc/"$(ve_init_pid 153)"/uid_map)
[ -n "$base" ] || fail "no uid map for 153"
dd if=/dev/zero of=/vz/host-ugid bs=1k count=16 2>/dev/null || fail "the host cannot write"
chown $((base + 65536)) /vz/host-ugid
out=$(in153 repquota -a)
echo "$out" | grep -q "alice" || fail "repquota -a inside does not list alice: $out"
echo "$out" | grep -Eq "^#?[0-9]+ " && fail "repquota -a inside lists an id it cannot name: $out"

# The cap: 3 ids with limits (alice, bob, carol); dave is one too many,
# until the host allows 4.
expect_code 0 in153 setquota -u carol 10 20 0 0 /
out=$(in153 setquota -u dave 10 20 0 0 / 2>&1) && fail "a 4th id got limits under QUOTAUGIDLIMIT=3"
echo "$out" | grep -q "No space left" || fail "setquota for a 4th id: $out"
expect_code 0 vzctl set 153 --quotaugidlimit 4
expect_code 0 in153 setquota -u dave 10 20 0 0 /

# Out of reach: an id the container does not map, its project, the grace
# times, quota off. A user of the container sets nothing.
out=$(in153 setquota -u 70000 10 20 0 0 / 2>&1) && fail "set quota of an unmapped id: $out"
out=$(in153 "touch /tmp/u && chown 70000 /tmp/u" 2>&1) && fail "chown to an unmapped id: $out"
out=$(in153 setquota -P 153 1 1 0 0 / 2>&1) && fail "the container's root set its project quota: $out"
out=$(in153 setquota -t -u 1 1 / 2>&1) && fail "the container's root set the grace times: $out"
out=$(in153 quotaoff -u / 2>&1) && fail "the container's root turned user quota off: $out"
out=$(in153 "su bob -s /bin/sh -c 'setquota -u bob 0 0 0 0 /'" 2>&1) && fail "bob lifted his limits: $out"

# warnquota mails alice, who is past her soft limit.
in153 "sed -i 's|^MAIL_CMD.*|MAIL_CMD = \"cat >> /tmp/warnquota.mail\"|' /etc/warnquota.conf"
expect_code 0 in153 warnquota
expect_out "alice" in153 "cat /tmp/warnquota.mail"

# Limits and usage survive a restart; the host and a neighbour keep writing.
expect_code 0 vzctl restart 153 --fast
expect_out "^alice +\+- +[0-9]+ +100 +200" in153 repquota -a
expect_out "^bob +-- +[0-9]+ +100 +200" in153 repquota -a

# QUOTAUGIDLIMIT=0 live: the root loses the right at once.
expect_code 0 vzctl set 153 --quotaugidlimit 0
out=$(in153 setquota -u alice 0 0 0 0 / 2>&1) && fail "set quota after QUOTAUGIDLIMIT=0: $out"
exit 0
