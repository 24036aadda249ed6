#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Allocation failures injected at every step of VE create, UB creation, the
# venet map and each charge point (tests/fuzz/vzfault.c): each must fail
# cleanly and leave the VEs, beancounters, venet map and counters as they
# were. Needs the debug kernel's /proc/thread-self/fail-nth.
. /usr/share/vz/testlib
[ -e /proc/thread-self/fail-nth ] ||
	{ echo "no fail-nth: fault injection needs the debug kernel"; exit 77; }
/usr/libexec/vz/vzfault || fail "vzfault found broken invariants (above)"
exit 0
