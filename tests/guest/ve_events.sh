#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The kernel's VE events as "vzctl events" prints them: each start, stop
# and reboot inside, and each mount and unmount of the private area, once
# and in order; a stop returns with the CTID free (vzctl stop waits for
# ve-stop).
. /usr/share/vz/testlib
# Not $out: testlib's expect_code sets that.
log=/tmp/ve_events.$$
ev= evj=
trap 'kill $ev $evj 2>/dev/null; drop_ct 131; rm -f "$log".*' EXIT
drop_ct 131

before=$(listeners)
vzctl events > "$log.txt" 2> "$log.err" & ev=$!
vzctl events --json > "$log.json" 2>&1 & evj=$!
wait_for $((before + 2)) listeners || fail "vzctl events did not start listening: $(cat "$log.err")"

new_ct 131
expect_code 0 vzctl stop 131
# The CTID is free the moment stop returns.
expect_code 0 vzctl start 131
old_init=$(ve_init_pid 131)
vzctl exec2 131 reboot -f >/dev/null 2>&1
came_back() { p=$(ve_init_pid 131); [ -n "$p" ] && [ "$p" != "$old_init" ] && echo yes; }
wait_for yes came_back || fail "container 131 did not come back after reboot"
# --verbose shows where stop's time went, stage by stage.
expect_out ' ms +monitor ended$' vzctl --verbose stop 131 --fast
# Mounting alone, without a start, is announced too.
expect_code 0 vzctl mount 131
expect_code 0 vzctl umount 131

ours() { grep -c '131' "$1"; }
wait_for 12 ours "$log.txt" || fail "vzctl events printed: $(cat "$log.txt" "$log.err")"
wait_for 12 ours "$log.json" || fail "vzctl events --json printed: $(cat "$log.json")"
# A reboot keeps the private area mounted: the monitor starts init again.
expected='ve-mount 131
ve-start 131
ve-stop 131
ve-umount 131
ve-mount 131
ve-start 131
ve-reboot 131
ve-start 131
ve-stop 131
ve-umount 131
ve-mount 131
ve-umount 131'
[ "$(grep 131 "$log.txt")" = "$expected" ] || fail "events: $(cat "$log.txt"), expected: $expected"
[ "$(grep 131 "$log.json" | sed -n 7p)" = '{"action":"ve-reboot","ctid":131}' ] ||
	fail "JSON events: $(cat "$log.json")"

# A command that is not for containers takes no CTID and no unknown option.
expect_code 20 vzctl events --no-such-option
exit 0
