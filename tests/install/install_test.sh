#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# "cmake --install" into a DESTDIR puts every file a host needs in its
# place, and the libvz example builds against the installed libvz.pc and
# runs with the installed libvz.so.0, as another program would.
# Usage: install_test.sh SOURCE_DIR BUILD_DIR
set -u
src=$1 build=$2
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# The prefix the build was configured with: libvz.pc and the units name it.
prefix=$(sed -n 's/^CMAKE_INSTALL_PREFIX:PATH=//p' "$build/CMakeCache.txt")
p=${prefix#/}
DESTDIR=$dest cmake --install "$build" > "$dest.log" 2>&1 ||
	{ cat "$dest.log"; rm -f "$dest.log"; echo "FAIL: cmake --install"; exit 1; }
rm -f "$dest.log"
for f in $p/sbin/vzctl $p/sbin/vzlist $p/sbin/vzubc $p/sbin/vzquota $p/sbin/vzeventd \
	$p/sbin/vzcpucheck $p/share/man/man8/vzcpucheck.8 \
	$p/share/man/man8/vzctl.8 $p/share/man/man8/vzlist.8 $p/share/man/man8/vzubc.8 \
	$p/share/man/man8/vzquota.8 $p/share/man/man8/vzeventd.8 \
	$p/share/bash-completion/completions/vzctl $p/share/bash-completion/completions/vzlist \
	$p/share/bash-completion/completions/vzubc $p/libexec/vz/vz-boot \
	$p/lib/systemd/system/vz.service $p/lib/systemd/system/vzeventd.service \
	etc/vz/vz.conf etc/vz/conf/ve-basic.conf-sample $p/include/vz/list/listing.h; do
	[ -e "$dest/$f" ] || fail "$f is not installed"
done
grep -q "^ExecStart=$prefix/libexec/vz/vz-boot start$" "$dest/$p/lib/systemd/system/vz.service" ||
	fail "vz.service does not run the installed vz-boot"

pc=$(find "$dest" -name libvz.pc)
[ -n "$pc" ] || { fail "libvz.pc is not installed"; exit 1; }
lib=$(find "$dest" -name 'libvz.so.0')
[ -n "$lib" ] || { fail "libvz.so.0 is not installed"; exit 1; }
soname=$(objdump -p "$lib" | awk '$1 == "SONAME" {print $2}')
[ "$soname" = libvz.so.0 ] || fail "the soname is '$soname'"
flags=$(PKG_CONFIG_PATH=$(dirname "$pc") PKG_CONFIG_SYSROOT_DIR=$dest pkg-config --cflags --libs libvz) ||
	fail "pkg-config libvz"
# shellcheck disable=SC2086 # the flags are words
c++ -o "$dest/provision" "$src/examples/provision.cc" $flags ||
	fail "the example does not build against libvz.pc ($flags)"
out=$(LD_LIBRARY_PATH=$(dirname "$lib") "$dest/provision" 2>&1); rc=$?
[ "$rc" = 2 ] && [[ $out == usage:* ]] || fail "the example exited $rc: $out"
LD_LIBRARY_PATH=$(dirname "$lib") ldd "$dest/provision" | grep -q "libvz.so.0 => $lib" ||
	fail "the example does not use the installed libvz.so.0"
[ "$fails" = 0 ] && echo "install: all passed"
exit "$fails"
