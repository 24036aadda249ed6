#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The ABI fuzzer (tests/fuzz), on the debug kernel: the harness fails the run
# on any report the kernel prints meanwhile; vzfuzz itself fails when a
# worker crashes or when fuzz VEs or beancounters outlive the run.
# vz.fuzz.calls=N, vz.fuzz.seed=S and vz.fuzz.duration=SEC on the kernel
# command line (make fuzz) override the defaults; on the test kernel it runs
# only when asked for that way.
. /usr/share/vz/testlib
calls="" seed="" duration=600 debug=0
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	vz.debug=1) debug=1 ;;
	vz.fuzz.calls=*) calls=${arg#vz.fuzz.calls=} ;;
	vz.fuzz.seed=*) seed=${arg#vz.fuzz.seed=} ;;
	vz.fuzz.duration=*) duration=${arg#vz.fuzz.duration=} ;;
	esac
done
if [ -z "$calls" ]; then
	[ "$debug" = 1 ] || { echo "the fuzzer runs on the debug kernel (make fuzz)"; exit 77; }
	calls=100000
fi
set -- --calls "$calls" --duration "$duration"
[ -z "$seed" ] || set -- "$@" --seed "$seed"
base_ve=$(ve_count)
/usr/libexec/vz/vzfuzz "$@" || fail "vzfuzz failed (its replay line is above)"
[ "$(ve_count)" -eq "$base_ve" ] || fail "VEs left after the fuzzer: $(cat /proc/vz/veinfo)"
exit 0
