#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The demo shown by 'make demo': what the system can do so far.
step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }

echo "=== VZ demo: a Linux 6.1 kernel with the VE patch series ==="
step uname -r
step cat /proc/vz/version
step vzctl --version
step ls /usr/share/vz/template/cache
