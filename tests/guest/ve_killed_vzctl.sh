#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vzctl killed with SIGKILL at any point of create and start leaves a state
# that the next command handles: a stale lock, a half-unpacked template, a
# half-started container.
. /usr/share/vz/testlib
trap 'drop_ct 131; drop_ct 132' EXIT

# create, killed after 0..9 ms, then created again for real.
for delay in 0 0.002 0.005 0.01 0.02 0.05; do
	drop_ct 131
	vzctl --quiet create 131 --ostemplate busybox-minimal & pid=$!
	sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	expect_code 0 vzctl --quiet create 131 --ostemplate busybox-minimal
	[ -x /vz/private/131/bin/busybox ] || fail "private area incomplete after create (delay $delay)"
	[ ! -e /vz/private/131.tmp-create ] || fail "temporary directory left (delay $delay)"
done

# A start whose vzctl was killed either completes or is undone by the
# container's monitor: wait until the state agrees with itself (a monitor
# exactly when the container runs).
settle() {
	i=0
	while [ $i -lt 300 ]; do
		mon=$(grep -l "^vzmon-$1\$" /proc/[0-9]*/comm 2>/dev/null)
		case "$(vzctl status $1)" in
		*running) [ -n "$mon" ] && return 0 ;;
		*) [ -z "$mon" ] && return 0 ;;
		esac
		sleep 0.1; i=$((i + 1))
	done
	fail "container $1 did not settle: $(vzctl status $1), monitor '$mon'"
}

# unlocked CMD...: run CMD, again while it finds the container locked
# (exit 9): a monitor whose vzctl start was killed before it heard back
# undoes the start under the lock, which a status seen just before cannot
# tell.
unlocked() {
	i=0
	while :; do
		"$@" && return 0
		rc=$?
		[ "$rc" = 9 ] && [ $i -lt 100 ] || return "$rc"
		sleep 0.1; i=$((i + 1))
	done
}

# start, killed at some point, then brought to a clean running state.
expect_code 0 vzctl --quiet create 132 --ostemplate busybox-minimal 2>/dev/null ||
	vzctl --quiet create 132 --ostemplate busybox-minimal
for delay in 0 0.002 0.005 0.01 0.02 0.05; do
	vzctl --quiet start 132 & pid=$!
	sleep $delay; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
	settle 132
	status=$(vzctl status 132)
	case "$status" in
	*running) expect_code 0 unlocked vzctl --quiet stop 132 ;;
	*" mounted "*) expect_code 0 unlocked vzctl --quiet umount 132 ;;
	esac
	expect_code 0 unlocked vzctl --quiet start 132
	expect_out 'running$' vzctl status 132
	expect_code 0 vzctl --quiet stop 132 --fast
done
exit 0
