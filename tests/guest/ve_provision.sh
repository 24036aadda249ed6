#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The libvz example (examples/provision.cc) against the kernel: three
# containers made, limited, started and listed as JSON; then removed.
. /usr/share/vz/testlib
prov=/usr/libexec/vz/vz-provision
trap '$prov --remove 181 3 >/dev/null 2>&1; drop_ct 181; drop_ct 182; drop_ct 183' EXIT
for c in 181 182 183; do drop_ct $c; done

json=$($prov 181 3 busybox-minimal) || fail "vz-provision failed: $json"
for c in 181 182 183; do
	echo "$json" | grep -q "\"ctid\": $c" || fail "no $c in: $json"
done
[ "$(echo "$json" | grep -c '"status": "running"')" = 3 ] || fail "not all running: $json"
echo "$json" | grep -q '"10.77.0.3"' || fail "the third address: $json"
[ "$(echo "$json" | grep -c '"numproc_limit": 100')" = 3 ] || fail "limits: $json"
expect_out '^ +183 +[0-9]+ running +10\.77\.0\.3 +ct183\.example$' vzlist 183
expect_out '^ +100$' vzlist -H -o numproc.l 182
# A second run fails for containers that exist, and leaves them alone.
expect_code 1 $prov 183 1 busybox-minimal
expect_out 'running' vzlist -H -o status 183

expect_code 0 $prov --remove 181 3
for c in 181 182 183; do
	[ -e /etc/vz/conf/$c.conf ] && fail "container $c left a config"
	[ -e /vz/private/$c ] && fail "container $c left its private area"
done
exit 0
