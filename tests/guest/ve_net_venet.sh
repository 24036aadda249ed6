#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# venet: two containers with IPv4 and IPv6 addresses reach the host and each
# other (ping and TCP); an address of one cannot be given to the other (78),
# not even by a start, which then fails cleanly; DNS settings reach
# resolv.conf at once and at start, without following a link planted
# inside; --ipdel all and start/stop cycles leave no host route or map
# entry behind. VZ_NET_CYCLES sets the number of cycles (default 100,
# each a new VE).
. /usr/share/vz/testlib
[ -e /proc/vz/veip ] || { echo "the kernel has no venet"; exit 77; }
cycles=${VZ_NET_CYCLES:-100}
trap 'drop_ct 151; drop_ct 152; drop_ct 153
	ip addr del 10.0.0.254/32 dev venet0 2>/dev/null
	ip -6 addr del fd00::fe/128 dev venet0 2>/dev/null' EXIT
drop_ct 151; drop_ct 152; drop_ct 153

# route_of ADDRESS: the host's route to ADDRESS through venet0, if any.
route_of() { { ip route show dev venet0; ip -6 route show dev venet0; } | grep -E "^$1( |$)"; }
# veip_of CTID: the addresses the kernel maps to CTID, one a line.
veip_of() { awk -v ct="$1" 'NR > 1 && $2 == ct {print $1}' /proc/vz/veip; }
# http_get HOST PORT: the body of GET / from a busybox httpd (busybox's
# static wget crashes resolving names, so speak HTTP through nc).
http_get() { printf 'GET / HTTP/1.0\r\n\r\n' | nc -w 3 "$1" "$2" 2>/dev/null | tail -n 1; }
# wait_http HOST PORT TEXT: a busybox httpd just started answers TEXT.
wait_http() {
	i=0
	while [ $i -lt 20 ]; do
		[ "$(http_get "$1" "$2")" = "$3" ] && return 0
		sleep 0.5; i=$((i + 1))
	done
	fail "no '$3' from $1 port $2"
}

ip link set lo up
echo 1 > /proc/sys/net/ipv4/ip_forward
echo 1 > /proc/sys/net/ipv6/conf/all/forwarding
# The host's own addresses toward the containers (the guest has no uplink):
# the source of what the host sends them, and what they reach it by.
ip addr add 10.0.0.254/32 dev venet0 || fail "cannot address the host's venet0"
ip -6 addr add fd00::fe/128 dev venet0 || fail "cannot address the host's venet0 (IPv6)"

# 151 gets its IPv4 address at create, applied at start, and IPv6 live.
new_ct 151 --ipadd 10.0.0.1
grep -q '^IP_ADDRESS="10.0.0.1"$' /etc/vz/conf/151.conf || fail "create --ipadd not saved"
expect_code 0 vzctl set 151 --ipadd fd00::1 --save
grep -q '^IP_ADDRESS="10.0.0.1 fd00::1"$' /etc/vz/conf/151.conf || fail "IP_ADDRESS not saved"
new_ct 152
expect_code 0 vzctl set 152 --ipadd 10.0.0.2/24 --ipadd fd00::2 --save

# Kernel map, host routes, the containers' own side.
[ "$(veip_of 151 | sort | tr '\n' ' ')" = "10.0.0.1 fd00::1 " ] ||
	fail "151 maps: $(veip_of 151 | tr '\n' ' ')"
route_of 10.0.0.1 >/dev/null || fail "no host route to 10.0.0.1: $(ip route)"
route_of fd00::1 >/dev/null || fail "no host route to fd00::1: $(ip -6 route)"
expect_out 'inet 10\.0\.0\.1/32' vzctl exec2 151 ip -o addr show dev venet0
expect_out 'inet6 fd00::1/128' vzctl exec2 151 ip -o addr show dev venet0
expect_out 'inet 10\.0\.0\.2/24' vzctl exec2 152 ip -o addr show dev venet0
expect_out '^default dev venet0' vzctl exec2 151 ip route
expect_out '^default dev venet0' vzctl exec2 151 ip -6 route
expect_out 'UP' vzctl exec2 151 ip -o link show dev lo

# ping: host <-> container and container <-> container, both families.
expect_code 0 ping -c 1 -W 3 10.0.0.1
expect_code 0 ping6 -c 1 -W 3 fd00::1
expect_code 0 vzctl exec2 151 ping -c 1 -W 3 10.0.0.254
expect_code 0 vzctl exec2 151 ping6 -c 1 -W 3 fd00::fe
expect_code 0 vzctl exec2 151 ping -c 1 -W 3 10.0.0.2
expect_code 0 vzctl exec2 152 ping6 -c 1 -W 3 fd00::1

# TCP: busybox httpd in 151, asked from the host and from 152.
expect_code 0 vzctl exec2 151 'mkdir -p /www && echo hello-151 > /www/index.html && httpd -p 8080 -h /www'
wait_http 10.0.0.1 8080 hello-151
wait_http fd00::1 8080 hello-151
get='printf "GET / HTTP/1.0\r\n\r\n" | nc -w 3'
expect_out '^hello-151$' vzctl exec2 152 "$get 10.0.0.1 8080 | tail -n 1"
expect_out '^hello-151$' vzctl exec2 152 "$get fd00::1 8080 | tail -n 1"
# And the other way: a server on the host, reached from a container.
mkdir -p /tmp/www && echo hello-host > /tmp/www/index.html
httpd -f -p 10.0.0.254:8081 -h /tmp/www &
host_httpd=$!
sleep 1
expect_out '^hello-host$' vzctl exec2 151 "$get 10.0.0.254 8081 | tail -n 1"
kill $host_httpd

# An address of 151 cannot go to 152 (78, naming it), nor to a starting
# container: that start fails, leaves it down and 151's route alone.
out=$(vzctl set 152 --ipadd 10.0.0.1 2>&1); rc=$?
[ $rc -eq 78 ] || fail "--ipadd of 151's address to 152 exited $rc: $out"
echo "$out" | grep -q '10\.0\.0\.1' || fail "the message does not name the address: $out"
[ -z "$(veip_of 152 | grep -x 10.0.0.1)" ] || fail "152 got 151's address"
expect_code 0 vzctl create 153 --ostemplate busybox-minimal --ipadd 10.0.0.3 --ipadd 10.0.0.1
out=$(vzctl start 153 2>&1); rc=$?
[ $rc -eq 78 ] || fail "start with 151's address exited $rc: $out"
expect_out 'down$' vzctl status 153
[ -z "$(veip_of 153)" ] || fail "153 left map entries: $(veip_of 153)"
route_of 10.0.0.3 && fail "the failed start left a route to 10.0.0.3"
route_of 10.0.0.1 >/dev/null || fail "the failed start removed 151's route"
expect_code 0 ping -c 1 -W 3 10.0.0.1
drop_ct 153
expect_code 71 vzctl set 152 --ipadd 10.0.0.300
expect_code 71 vzctl set 152 --ipdel bogus

# A raw socket in 151 sends from an address that is not 151's: venet drops
# it, counts it as a transmit drop of 151's venet0 and logs it; from 151's
# own address the same datagram passes.
cp /usr/libexec/vz/ve_probe /vz/root/151/ve_probe || fail "copy probe into 151"
tx_drops() { vzctl exec2 151 cat /proc/net/dev | sed -n 's/^ *venet0://p' | awk '{print $12}'; }
before=$(tx_drops)
[ -n "$before" ] || fail "no venet0 in 151's /proc/net/dev"
expect_code 0 vzctl exec2 151 /ve_probe send-from 10.0.0.1 10.0.0.254
[ "$(tx_drops)" = "$before" ] || fail "a datagram from 151's own address was dropped"
expect_code 0 vzctl exec2 151 /ve_probe send-from 10.66.6.6 10.0.0.254
[ "$(tx_drops)" = $((before + 1)) ] || fail "forged datagram not counted: $before -> $(tx_drops)"
dmesg | grep -q 'VE 151: dropped a packet from 10\.66\.6\.6' ||
	fail "no log line for the forged datagram: $(dmesg | tail -5)"

# DNS: live, at start, and never through a link planted in the container.
expect_code 0 vzctl set 151 --nameserver 10.0.0.254 --nameserver fd00::fe --searchdomain example.com --save
expect_out '^nameserver 10\.0\.0\.254$' vzctl exec2 151 cat /etc/resolv.conf
expect_out '^nameserver fd00::fe$' vzctl exec2 151 cat /etc/resolv.conf
expect_out '^search example\.com$' vzctl exec2 151 cat /etc/resolv.conf
expect_code 72 vzctl set 151 --nameserver ns.example.com
expect_code 73 vzctl set 151 --searchdomain 'bad..example'
expect_code 0 vzctl exec2 151 'cp /etc/passwd /passwd.orig && ln -sf /etc/passwd /etc/resolv.conf'
expect_code 0 vzctl set 151 --searchdomain example.org
expect_code 0 vzctl exec2 151 'cmp /etc/passwd /passwd.orig && [ ! -L /etc/resolv.conf ]'
expect_out '^search example\.org$' vzctl exec2 151 cat /etc/resolv.conf
expect_code 0 vzctl exec2 151 rm /etc/resolv.conf
expect_code 0 vzctl restart 151
expect_out '^nameserver 10\.0\.0\.254$' vzctl exec2 151 cat /etc/resolv.conf
expect_out 'inet6 fd00::1/128' vzctl exec2 151 ip -o addr show dev venet0
expect_code 0 ping -c 1 -W 3 10.0.0.1

# --ipdel: one address, then all; no host route stays.
expect_code 0 vzctl set 151 --ipdel fd00::1 --save
route_of fd00::1 && fail "route to fd00::1 left after --ipdel"
vzctl exec2 151 ip -o addr show dev venet0 | grep -q fd00::1 && fail "fd00::1 left inside 151"
expect_code 0 vzctl set 152 --ipdel all
[ -z "$(veip_of 152)" ] || fail "152 maps after --ipdel all: $(veip_of 152)"
route_of 10.0.0.2 && fail "route to 10.0.0.2 left after --ipdel all"
route_of fd00::2 && fail "route to fd00::2 left after --ipdel all"
vzctl exec2 152 ip -o addr show dev venet0 | grep -q inet && fail "addresses left inside 152"
grep -q '^IP_ADDRESS="10.0.0.2/24 fd00::2"$' /etc/vz/conf/152.conf ||
	fail "--ipdel without --save changed the config"

# Start/stop cycles with addresses (and one added without --save) leave no
# route, map entry or device behind; neither does a halt from inside.
links=$(ip -o link | wc -l)
drop_ct 152
expect_code 0 vzctl stop 151
i=0
while [ $i -lt "$cycles" ]; do
	vzctl --quiet start 151 || fail "start $i"
	vzctl --quiet set 151 --ipadd 10.0.0.9 || fail "set $i"
	vzctl --quiet stop 151 --fast || fail "stop $i"
	i=$((i + 1))
done
expect_code 0 vzctl start 151
expect_code 0 vzctl set 151 --ipadd 10.0.0.9
vzctl exec 151 halt
i=0
while [ $i -lt 100 ] && vzctl status 151 | grep -q running; do sleep 0.2; i=$((i + 1)); done
sleep 1  # the monitor cleans up once init is gone
for a in 10.0.0.1 fd00::1 10.0.0.9; do
	route_of "$a" && fail "a host route to $a is left"
done
[ -z "$(veip_of 151)" ] || fail "151 still maps: $(veip_of 151)"
[ "$(ip -o link | wc -l)" -eq "$links" ] || fail "devices left: $(ip -o link)"
# ...nor its mount: the monitor unmounts it, so that destroy can remove it.
expect_out '^CTID 151 exist unmounted down$' vzctl status 151
expect_code 0 vzctl destroy 151
exit 0
