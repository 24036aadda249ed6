#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# veth and moved devices: two containers with --netif_add on a host bridge
# reach each other and the host, keep their MACs over a restart, and their
# host ends go away with them; a host device moved in with --netdev_add is
# inside, and back on the host once the container stops. Start/stop cycles
# leave no device behind. VZ_NET_CYCLES sets the number of cycles (default
# 100).
. /usr/share/vz/testlib
[ -e /proc/vz/veip ] || { echo "the kernel has no VE networking"; exit 77; }
cycles=${VZ_NET_CYCLES:-100}
trap 'drop_ct 161; drop_ct 162; ip link del vzbr1 2>/dev/null; ip link del vznd0 2>/dev/null' EXIT
drop_ct 161; drop_ct 162
ip link del vzbr1 2>/dev/null
ip link del vznd0 2>/dev/null

# gone DEVICE: waits up to 5 s for a host device to disappear.
gone() {
	i=0
	while [ -e "/sys/class/net/$1" ]; do
		[ $i -lt 25 ] || return 1
		sleep 0.2; i=$((i + 1))
	done
}
# netif_mac CTID: the container-side MAC its config keeps, lower case.
netif_mac() { sed -n 's/^NETIF=".*ifname=eth0,[^;]*mac=\([0-9A-F:]*\),host_ifname.*/\1/p' \
	"/etc/vz/conf/$1.conf" | tr 'A-F' 'a-f'; }

ip link set lo up
ip link add vzbr1 type bridge || { echo "no bridge support"; exit 77; }
ip addr add 192.168.77.254/24 dev vzbr1 && ip link set vzbr1 up || fail "cannot set up vzbr1"

new_ct 161
new_ct 162
expect_code 0 vzctl set 161 --netif_add eth0,,,,vzbr1 --save
expect_code 0 vzctl set 162 --netif_add eth0,,,,vzbr1 --save
grep -q '^NETIF="ifname=eth0,bridge=vzbr1,mac=00:18:51:' /etc/vz/conf/161.conf ||
	fail "NETIF not saved: $(grep NETIF /etc/vz/conf/161.conf)"
for ct in 161 162; do
	[ -e /sys/class/net/veth$ct.0 ] || fail "no host end veth$ct.0"
	[ "$(basename "$(readlink /sys/class/net/veth$ct.0/master)")" = vzbr1 ] ||
		fail "veth$ct.0 is not on vzbr1"
	expect_out "^$(netif_mac $ct)\$" vzctl exec2 $ct cat /sys/class/net/eth0/address
	expect_code 0 vzctl exec $ct "ip addr add 192.168.77.${ct#16}/24 dev eth0 && ip link set eth0 up"
done
expect_code 0 vzctl exec2 161 ping -c 1 -W 3 192.168.77.2
expect_code 0 vzctl exec2 162 ping -c 1 -W 3 192.168.77.1
expect_code 0 ping -c 1 -W 3 192.168.77.1
expect_code 21 vzctl set 161 --netif_add eth0
expect_code 21 vzctl set 161 --netif_add 'eth0,not-a-mac'

# A restart gives the same MAC; a stop takes the host end away.
mac=$(vzctl exec2 161 cat /sys/class/net/eth0/address)
expect_code 0 vzctl restart 161
expect_out "^$mac\$" vzctl exec2 161 cat /sys/class/net/eth0/address
[ "$(basename "$(readlink /sys/class/net/veth161.0/master)")" = vzbr1 ] ||
	fail "veth161.0 is not on vzbr1 after the restart"
expect_code 0 vzctl stop 161
gone veth161.0 || fail "veth161.0 stayed after stop"
# --netif_del on a running container removes the pair at once.
expect_code 0 vzctl set 162 --netif_del eth0 --save
gone veth162.0 || fail "veth162.0 stayed after --netif_del"
grep -q '^NETIF=""$' /etc/vz/conf/162.conf || fail "NETIF not emptied"

# A host device moved in and given back; a stop gives it back too.
ip link add vznd0 type veth || fail "cannot make a veth on the host"
expect_code 0 vzctl set 162 --netdev_add vznd0
[ -e /sys/class/net/vznd0 ] && fail "vznd0 is still on the host"
expect_out 'vznd0' vzctl exec2 162 ip -o link show dev vznd0
expect_code 0 vzctl set 162 --netdev_del vznd0
[ -e /sys/class/net/vznd0 ] || fail "vznd0 did not come back"
expect_code 0 vzctl set 162 --netdev_add vznd0 --save
expect_code 0 vzctl stop 162
i=0
while [ ! -e /sys/class/net/vznd0 ] && [ $i -lt 25 ]; do sleep 0.2; i=$((i + 1)); done
[ -e /sys/class/net/vznd0 ] || fail "vznd0 did not come back when 162 stopped"
# NETDEV is applied at start.
expect_code 0 vzctl start 162
[ -e /sys/class/net/vznd0 ] && fail "start did not move vznd0 in"
expect_out 'vznd0' vzctl exec2 162 ip -o link show dev vznd0
expect_code 21 vzctl set 162 --netdev_add venet0
expect_code 21 vzctl set 162 --netdev_add lo
expect_code 104 vzctl set 162 --netdev_add vznosuch0
expect_code 0 vzctl set 162 --netdev_del vznd0 --save

# Cycles: every start makes the pair again, every stop takes it away.
links=$(ip -o link | wc -l)
i=0
while [ $i -lt "$cycles" ]; do
	vzctl --quiet start 161 || fail "start $i"
	[ -e /sys/class/net/veth161.0 ] || fail "no veth161.0 in cycle $i"
	vzctl --quiet stop 161 --fast || fail "stop $i"
	i=$((i + 1))
done
gone veth161.0 || fail "veth161.0 stayed after the cycles"
[ "$(ip -o link | wc -l)" -eq "$links" ] || fail "devices left: $(ip -o link)"
exit 0
