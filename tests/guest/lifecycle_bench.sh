#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Benchmark, not a timed test: a busybox container's start+stop (with and
# without halting it), status, exec and create+destroy (simfs and overlay
# layouts), as ratios to the kernel's floor for the same namespaces and to
# Debian's crun running the same rootfs (tests/helpers/lifecycle_bench.cc),
# all measured in one boot. No network. It fails only when an operation
# fails. VZ_BENCH_ROUNDS sets the rounds per operation.
. /usr/share/vz/testlib
rounds=${VZ_BENCH_ROUNDS:-20}
bundle=/tmp/lifecycle-crun
trap 'drop_ct 191; drop_ct 192; rm -rf "$bundle"' EXIT
drop_ct 191
drop_ct 192
expect_code 0 vzctl create 191 --ostemplate busybox-minimal
# What create wrote reaches the disk now, not during the first measurements.
sync
unit="time"
grep -qw vz.icount=1 /proc/cmdline && unit="instructions (QEMU -icount)"
echo "BENCH lifecycle: measured in $unit, $rounds rounds, medians" >&2
# crun's bundle: the same template, crun's default spec running true. The
# spec's device rules go: crun enforces them with a cgroup BPF program, and
# the test kernel has no BPF.
mkdir -p /run "$bundle/rootfs"
tar -xzf /vz/template/cache/busybox-minimal.tar.gz -C "$bundle/rootfs" || fail "cannot unpack for crun"
(cd "$bundle" && crun spec) || fail "crun spec failed"
sed -i 's/"terminal": true/"terminal": false/; s/"sh"$/"true"/; /"resources": {/,/^\t\t},/d' \
	"$bundle/config.json"
crun run --bundle "$bundle" lifecycle-probe || fail "crun cannot run the bundle"
/usr/libexec/vz/lifecycle_bench 191 192 "$rounds" "$bundle" || fail "lifecycle_bench failed"
exit 0
