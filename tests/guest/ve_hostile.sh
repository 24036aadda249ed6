#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# What a hostile container root (or template) plants cannot wedge vzctl,
# leak the admin's descriptors into the container or outlive destroy; host
# users cannot reach containers' roots; init gets the limits of a boot.
# CTIDs 191 and 192 are used by no other guest test.
. /usr/share/vz/testlib

# Puts back a private area that the H1 step replaced by a symlink.
restore_192() {
	if [ -L /vz/private/192 ] && [ -d /vz/private/192.real ]; then
		rm -f /vz/private/192 && mv /vz/private/192.real /vz/private/192
	fi
}
trap 'restore_192; drop_ct 191; drop_ct 192; ip link del vzdad0 2>/dev/null' EXIT
restore_192
drop_ct 191
drop_ct 192
new_ct 191

# M1: a descriptor vzctl inherited does not reach a program run inside.
exec 7</proc/version
# exec2 runs its words through sh -c: $$ is that shell, the first process inside.
fds=$(vzctl exec2 191 'ls /proc/$$/fd') || fail "exec2: $fds"
echo "$fds" | grep -qx 2 || fail "exec2 listed no descriptors of its own: $fds"
echo "$fds" | grep -qx 7 && fail "fd 7 of the admin leaked into the container: $fds"
exec 7<&-

# M1: with a terminal on its stdio (on_pty: busybox has no script), exec
# relays it through pipes: no program inside holds the admin's terminal.
out=$(timeout 60 /usr/libexec/vz/on_pty vzctl exec2 191 ls -l /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2) ||
	fail "exec2 on a pty: $out"
fds=$(echo "$out" | grep '/proc/self/fd/')
[ "$(echo "$fds" | grep -c -- '-> pipe:')" -eq 3 ] || fail "exec2 on a pty handed in: $out"
echo "$fds" | grep -q pts && fail "the admin's pty reached the container: $out"

# M5: a FIFO as /etc/hostname neither hangs set nor start. The container's
# root makes it, so that it owns it and could open it (a FIFO the host made
# is host root's: the open would fail with EACCES instead of hanging).
expect_code 0 vzctl exec2 191 'rm -f /etc/hostname && mkfifo /etc/hostname'
[ -p /vz/root/191/etc/hostname ] || fail "no FIFO made inside"
expect_code 0 timeout 60 vzctl set 191 --hostname hostile1 --save
[ -f /vz/root/191/etc/hostname ] && [ ! -p /vz/root/191/etc/hostname ] ||
	fail "/etc/hostname is not a regular file after set"
expect_out '^hostile1$' timeout 30 vzctl exec2 191 cat /etc/hostname

# An /etc/hostname that cannot be written (here a directory) is a warning:
# the host name is set and --save stores it.
expect_code 0 vzctl exec2 191 'rm -f /etc/hostname && mkdir /etc/hostname'
expect_out 'Warning: .*/etc/hostname' timeout 60 vzctl set 191 --hostname hostile2 --save
expect_out '^hostile2$' timeout 30 vzctl exec2 191 hostname
grep -qx 'HOSTNAME="hostile2"' /etc/vz/conf/191.conf || fail "hostile2 not saved"
expect_code 0 vzctl exec2 191 rmdir /etc/hostname

# L4: a value the config cannot hold is refused before anything is applied.
expect_code 21 vzctl set 191 --hostname hostile3 --description "$(printf 'x\ny')" --save
expect_out '^hostile2$' timeout 30 vzctl exec2 191 hostname
expect_code 0 vzctl set 191 --hostname hostile1 --save

# L7: the monitor lives in the vz cgroup, not in the session of whoever
# ran vzctl start.
mon=$(for s in /proc/[0-9]*/status; do
	grep -q '^Name:[[:space:]]*vzmon-191$' "$s" 2>/dev/null && basename "${s%/status}"
done)
[ -n "$mon" ] || fail "no vzmon-191 process"
grep -qx '0::/vz/monitor' "/proc/$mon/cgroup" ||
	fail "the monitor is in cgroup $(cat "/proc/$mon/cgroup")"

# L7: an address of a host device is not taken, at set or at start (78).
ip link add vzdad0 type dummy && ip addr add 192.0.2.77/32 dev vzdad0 && ip link set vzdad0 up ||
	fail "cannot make dummy device vzdad0"
expect_out 'address 192.0.2.77 is in use on the host \(vzdad0\)' sh -c \
	'vzctl set 191 --ipadd 192.0.2.77 2>&1; echo "rc=$?"'
echo "$out" | grep -qx 'rc=78' || fail "set --ipadd of a host address: $out"
grep -q '192.0.2.77' /proc/vz/veip && fail "192.0.2.77 was mapped to a container"

# M5: the container's root SIGSTOPs every process that appears in the
# container from now on, the helpers vzctl runs inside among them (pids
# come in order: it stops, again and again, the next few pids after the
# last one it saw taken, with shell builtins only, so that it forks
# nothing itself): set returns within its helper timeout (30 s) with a
# clear message, and stop still works, by killing once STOP_TIMEOUT
# passes.
cat > /vz/root/191/stopper.sh <<'STOPPER'
read -r last < /proc/sys/kernel/ns_last_pid || last=$$
echo "$$ $last" > /stopper.state
while :; do
	i=$((last + 1))
	while [ "$i" -le $((last + 20)) ]; do
		kill -STOP "$i" && [ "$i" -gt "$last" ] && last=$i && echo "$$ $last" > /stopper.state
		i=$((i + 1))
	done
done
STOPPER
expect_code 0 vzctl exec2 191 'sh /stopper.sh </dev/null >/dev/null 2>&1 &'
# (The sample config sets STOP_TIMEOUT="60"; the first value counts.)
sed -i '/^STOP_TIMEOUT=/d' /etc/vz/conf/191.conf && echo 'STOP_TIMEOUT="5"' >> /etc/vz/conf/191.conf ||
	fail "cannot set STOP_TIMEOUT"
t0=$(date +%s)
out=$(timeout 120 vzctl set 191 --hostname stopped-helper 2>&1)
rc=$? t1=$(date +%s)
# What the container runs, as the host sees it: pid, name, state.
ct_procs() {
	for st in /proc/[0-9]*/status; do
		awk '/^Name:/ {n=$2} /^State:/ {s=$2} /^envID:/ {e=$2} /^VPid:/ {v=$2}
			END {if (e == 191) print v, n, s}' "$st" 2>/dev/null
	done
}
[ "$rc" -ne 0 ] || fail "set --hostname succeeded with its helper stopped: $out;" \
	"stopper: $(cat /vz/root/191/stopper.state 2>&1); processes: $(ct_procs | tr '\n' ';')"
echo "$out" | grep -q 'did not finish within 30 s and was killed' ||
	fail "set --hostname with a stopped helper said: $out"
[ $((t1 - t0)) -le 50 ] || fail "set --hostname took $((t1 - t0)) s with a stopped helper"
t0=$(date +%s)
expect_code 0 timeout 120 vzctl stop 191
t1=$(date +%s)
[ $((t1 - t0)) -le 45 ] || fail "stop took $((t1 - t0)) s with its halt helper stopped"
rm -f /vz/private/191/stopper.sh /vz/private/191/stopper.state

# L7: at start too, with the address in the config; nothing runs then.
expect_code 0 vzctl set 191 --ipadd 192.0.2.77 --save
expect_code 78 vzctl start 191
[ "$(vzctl status 191)" = "CTID 191 exist unmounted down" ] ||
	fail "a refused start left $(vzctl status 191)"
expect_code 0 vzctl set 191 --ipdel 192.0.2.77 --save
ip link del vzdad0

# Before start, from the host: owned by the container's root, and open to
# anyone besides.
owner=$(stat -c %u:%g /vz/private/191/etc) || fail "stat /vz/private/191/etc"
rm -f /vz/private/191/etc/hostname && mkfifo -m 666 /vz/private/191/etc/hostname &&
	chown "$owner" /vz/private/191/etc/hostname || fail "mkfifo in the private area"
# M2: VE_ROOT's parent is host root's only; start makes it so where it is
# open (this guest's /init made it with mkdir -p), and init still gets in.
# L7: init starts with the boot's limits, not the admin shell's.
chmod 0755 /vz/root || fail "chmod /vz/root"
expect_code 0 timeout 60 sh -c 'ulimit -n 100 && vzctl start 191'
[ "$(stat -c %a /vz/root)" = 700 ] || fail "/vz/root is $(stat -c %a /vz/root) after start"
expect_out '^hostile1$' timeout 30 vzctl exec2 191 cat /etc/hostname
expect_out '^Max open files +1024 +4096 ' timeout 30 vzctl exec2 191 cat /proc/1/limits

# L7: umount does nothing while it cannot tell whether the container runs
# (a /dev/vzctl that answers no ioctl).
mount --bind /dev/null /dev/vzctl || fail "bind /dev/null on /dev/vzctl"
vzctl umount 191 >/dev/null 2>&1
rc=$?
umount /dev/vzctl || fail "umount /dev/vzctl"
[ "$rc" -ne 0 ] || fail "umount went on without knowing the status"
grep -q ' /vz/root/191 ' /proc/mounts || fail "umount unmounted a container of unknown status"

# M4: a tree deeper than vzctl's descriptor limit is destroyed for good.
# cd -P: busybox ash's logical cd fails once $PWD passes 4096 bytes.
expect_code 0 vzctl exec2 191 \
	'i=0; while [ $i -lt 3000 ]; do mkdir d && cd -P d || exit 1; i=$((i + 1)); done'
expect_code 0 vzctl stop 191
expect_code 0 sh -c 'ulimit -n 64 && vzctl destroy 191'
ls -d /vz/private/191* 2>/dev/null && fail "destroy left $(ls -d /vz/private/191*)"

# H1: a private area that is a symlink is never mounted.
expect_code 0 vzctl create 192 --ostemplate busybox-minimal
mv /vz/private/192 /vz/private/192.real || fail "mv"
ln -s /etc /vz/private/192 || fail "ln"
expect_code 43 vzctl start 192
restore_192
[ -d /vz/private/192 ] && [ ! -L /vz/private/192 ] || fail "restore"
exit 0
