#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vzeventd runs the admin's script for each VE event with VEID and EVENT
# set, kills one that runs past its time (with its children), and stops
# cleanly on SIGTERM.
. /usr/share/vz/testlib
dir=/tmp/ve_eventd.d
log=/tmp/ve_eventd.log
ev=
trap 'kill $ev 2>/dev/null; drop_ct 171; rm -rf "$dir" "$log"*' EXIT
drop_ct 171
rm -rf "$dir" "$log"*
mkdir -p "$dir"
for e in start stop mount umount; do
	printf '#!/bin/sh\necho "$EVENT $VEID" >> %s.scripts\n' "$log" > "$dir/vzevent-$e"
	chmod 755 "$dir/vzevent-$e"
done
# The reboot script hangs, with a child: both must be killed after 2 s.
printf '#!/bin/sh\necho "$EVENT $VEID" >> %s.scripts\nsleep 1001 &\nsleep 1002\n' "$log" > "$dir/vzevent-reboot"
chmod 755 "$dir/vzevent-reboot"

before=$(listeners)
vzeventd --scripts "$dir" --timeout 2 -v 2> "$log.daemon" & ev=$!
wait_for $((before + 1)) listeners || fail "vzeventd did not start listening: $(cat "$log.daemon")"

new_ct 171
expect_code 0 vzctl stop 171 --fast
expect_code 0 vzctl start 171
old_init=$(ve_init_pid 171)
vzctl exec2 171 reboot -f >/dev/null 2>&1
came_back() { p=$(ve_init_pid 171); [ -n "$p" ] && [ "$p" != "$old_init" ] && echo yes; }
wait_for yes came_back || fail "container 171 did not come back after reboot"
expect_code 0 vzctl stop 171 --fast

lines() { wc -l < "$log.scripts"; }
wait_for 10 lines || fail "scripts ran: $(cat "$log.scripts"); vzeventd: $(cat "$log.daemon")"
for want in "ve-start 171:3" "ve-stop 171:2" "ve-reboot 171:1" "ve-mount 171:2" "ve-umount 171:2"; do
	n=$(grep -cx "${want%:*}" "$log.scripts")
	[ "$n" = "${want#*:}" ] || fail "'${want%:*}' ran $n times: $(cat "$log.scripts")"
done
killed() { grep -c 'vzevent-reboot 171 ran past 2 s and was killed' "$log.daemon"; }
wait_for 1 killed || fail "the hanging script was not killed: $(cat "$log.daemon")"
hung() { pgrep -f 'sleep 100[12]' | wc -l; }
wait_for 0 hung || fail "the hanging script's processes survive: $(pgrep -fa 'sleep 100')"
grep -q '^vzeventd: ve-reboot 171$' "$log.daemon" || fail "-v did not log the event: $(cat "$log.daemon")"

# SIGTERM right after a stop, as at shutdown: the stop's script still runs
# to its end before vzeventd exits.
printf '#!/bin/sh\nsleep 1\necho "late $VEID" >> %s.scripts\n' "$log" > "$dir/vzevent-stop"
expect_code 0 vzctl start 171
expect_code 0 vzctl stop 171 --fast
kill -TERM $ev
wait $ev; rc=$?
ev=
[ "$rc" = 0 ] || fail "vzeventd exited $rc on SIGTERM: $(cat "$log.daemon")"
grep -qx 'late 171' "$log.scripts" || fail "vzeventd exited before the stop's script ended: $(cat "$log.scripts")"
expect_code 2 vzeventd --no-such-option
exit 0
