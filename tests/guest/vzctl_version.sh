#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# vzctl --version, as an admin runs it, reports the running kernel's VE
# interface and exits 0.
want=$(cat /proc/vz/version) || exit 1
out=$(vzctl --version) || { echo "vzctl --version exited $?: $out"; exit 1; }
echo "$out"
case "$out" in
*"VE interface $want"*) exit 0 ;;
*) echo "expected 'VE interface $want' in the output"; exit 1 ;;
esac
