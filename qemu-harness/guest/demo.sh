#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The demo shown by 'make demo': a container's life, as an admin types it.
step() { printf '\n\033[1m# %s\033[0m\n' "$*"; eval "$@"; }

echo "=== vz demo: Virtual Environments on Linux $(uname -r) ==="
step cat /proc/vz/version
step vzctl --version
step ls /vz/template/cache
step vzctl create 101 --ostemplate busybox-minimal --hostname demo101
step vzctl start 101
step vzctl status 101
step cat /proc/vz/veinfo
step "echo 'hostname; id; ps' | vzctl enter 101"
step vzctl exec2 101 cat /proc/self/status '|' grep -E "'^(envID|VPid)'"
step vzctl stop 101
step vzctl status 101
step vzctl destroy 101
