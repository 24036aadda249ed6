#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The overlay layout (VE_LAYOUT=overlay): containers of one template share
# one read-only tree of it, each with a layer of its own on top. Their
# writes, deletions and chmods stay in their layer; the tree keeps the
# template's ids and the containers see them shifted; an updated cache
# gives new containers a new tree and leaves the running ones alone;
# destroy takes only the container's layer.
. /usr/share/vz/testlib
cache=/vz/template/cache
trap 'for c in 121 122 123 124; do drop_ct $c; done
	rm -rf /vz/template/tree/ovltest /tmp/ovltest "$cache/ovltest.tar.gz"' EXIT
for c in 121 122 123 124; do drop_ct $c; done
rm -rf /vz/template/tree/ovltest
cp "$cache/busybox-minimal.tar.gz" "$cache/ovltest.tar.gz"

# Create: an empty layer over one tree for both, CTID.conf says so.
expect_code 0 vzctl create 121 --ostemplate ovltest --layout overlay
expect_code 0 vzctl create 122 --ostemplate ovltest --layout overlay
grep -q '^VE_LAYOUT="overlay"' /etc/vz/conf/121.conf || fail "VE_LAYOUT not saved"
tree=$(readlink /vz/private/121/template)
[ -n "$tree" ] && [ "$tree" = "$(readlink /vz/private/122/template)" ] ||
	fail "two containers of one template have trees '$tree' and '$(readlink /vz/private/122/template)'"
[ -z "$(ls -A /vz/private/121/upper)" ] || fail "a new layer is not empty: $(ls -A /vz/private/121/upper)"
[ "$(stat -c %u "$tree/bin/busybox")" = 0 ] || fail "the tree does not keep the template's ids"
[ "$(stat -c %a /vz/template/tree)" = 700 ] || fail "the trees' directory is open to host users"
expect_code 44 vzctl create 121 --ostemplate ovltest --layout overlay
expect_code 21 vzctl create 124 --ostemplate ovltest --layout ploop

# Start: the tree is seen with the container's ids, once in the page cache.
expect_code 0 vzctl start 121
expect_code 0 vzctl start 122
expect_out '^CTID 121 exist mounted running$' vzctl status 121
expect_out '^0 0$' vzctl exec2 121 "stat -c '%u %g' /bin/busybox"
[ "$(stat -c %u /vz/root/121/bin/busybox)" = $((65536 * 121)) ] ||
	fail "on the host, 121's files are not its shifted ids: $(stat -c %u /vz/root/121/bin/busybox)"
[ "$(stat -c %u /vz/root/122/bin/busybox)" = $((65536 * 122)) ] || fail "122's ids are not shifted"
ino=$(stat -c %i "$tree/bin/busybox")
[ "$(stat -c %i /vz/root/121/bin/busybox)" = "$ino" ] &&
	[ "$(stat -c %i /vz/root/122/bin/busybox)" = "$ino" ] ||
	fail "the containers do not run the tree's busybox (inode $ino)"
grep -q " /vz/private/121/lower " /proc/self/mountinfo && fail "the tree stays attached on lower/"
[ -z "$(ls -A /vz/private/121/lower)" ] || fail "lower/ is not empty"
grep " /vz/root/121 " /proc/self/mountinfo | grep -q nodev || fail "the overlay is not nodev"

# A hostile root writes, deletes, chmods and links the template's files.
sum=$(cksum < "$tree/etc/passwd")
mode=$(stat -c %a "$tree/bin/busybox")
expect_code 0 vzctl exec2 121 'echo evil::0:0::/:/bin/sh >> /etc/passwd'
expect_code 0 vzctl exec2 121 'chmod 4777 /bin/busybox && rm /etc/group && ln /bin/busybox /hl'
expect_code 0 vzctl exec2 121 'touch /bin/new && mv /etc/passwd /etc/passwd.moved'
[ "$(cksum < "$tree/etc/passwd")" = "$sum" ] || fail "121's write reached the tree"
[ "$(stat -c %a "$tree/bin/busybox")" = "$mode" ] || fail "121's chmod reached the tree"
[ -e "$tree/etc/group" ] || fail "121's rm reached the tree"
[ "$(stat -c %h "$tree/bin/busybox")" = 1 ] || fail "121's link reached the tree"
[ -e "$tree/bin/new" ] && fail "121's new file is in the tree"
expect_code 0 vzctl exec2 122 'test -e /etc/group && ! grep -q evil /etc/passwd && ! test -e /bin/new'
[ "$(stat -c %u /vz/private/121/upper/etc/passwd.moved)" = $((65536 * 121)) ] ||
	fail "121's copied-up file is not its shifted root's"

# Its layer outlives a restart; stop leaves nothing mounted.
expect_code 0 vzctl stop 121 --fast
grep -q " /vz/root/121 " /proc/self/mountinfo && fail "121 still mounted after stop"
expect_code 0 vzctl start 121
expect_code 0 vzctl exec2 121 'test -e /bin/new && ! test -e /etc/group && grep -q evil /etc/passwd.moved'

# An updated cache: new containers get a new tree, running ones keep theirs.
mkdir -p /tmp/ovltest
tar -xzf "$cache/ovltest.tar.gz" -C /tmp/ovltest || fail "cannot unpack the cache"
echo v2 > /tmp/ovltest/etc/template-version
tar -czf "$cache/ovltest.tar.gz.new" -C /tmp/ovltest . && mv "$cache/ovltest.tar.gz.new" "$cache/ovltest.tar.gz" ||
	fail "cannot repack the cache"
expect_code 0 vzctl create 123 --ostemplate ovltest --layout overlay
tree2=$(readlink /vz/private/123/template)
[ "$tree2" != "$tree" ] || fail "an updated cache gave the same tree"
expect_code 0 vzctl start 123
expect_out '^v2$' vzctl exec2 123 cat /etc/template-version
expect_code 1 vzctl exec2 122 test -e /etc/template-version

# Destroy takes the layer, not the tree another container runs on.
expect_code 0 vzctl stop 121 --fast
expect_code 0 vzctl destroy 121
[ -e /vz/private/121 ] && fail "destroy left 121's private area"
[ -e "$tree/bin/busybox" ] || fail "destroy of 121 removed the shared tree"
expect_out '^ok$' vzctl exec2 122 echo ok

# A tree that is gone: a clear error, nothing left mounted.
expect_code 0 vzctl stop 122 --fast
mv "$tree" "$tree.away"
out2=$(vzctl start 122 2>&1) && fail "122 started without its template tree"
mv "$tree.away" "$tree"
echo "$out2" | grep -q "template tree .* is gone" || fail "no clear error for a missing tree: $out2"
grep -q " /vz/root/122 " /proc/self/mountinfo && fail "a failed start left 122 mounted"
expect_code 0 vzctl start 122
exit 0
