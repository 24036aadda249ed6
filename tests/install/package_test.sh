#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The tools package: scripts/make-packages --tools from a built tree, then
# what dpkg sees in it: its fields, files, conffiles and maintainer scripts,
# and that it unpacks into an empty root with every file in place.
# Usage: package_test.sh BUILD_DIR (configured with prefix /usr)
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
build=$1
fails=0 checks=0
check() {	# check WHAT CMD...: CMD must succeed
	local what=$1
	shift
	checks=$((checks + 1))
	"$@" > /dev/null 2>&1 || { echo "FAIL: $what"; fails=$((fails + 1)); }
}
"$top/scripts/make-packages" --tools --tools-build "$build" ||
	{ echo "0 passed, 1 failed"; exit 1; }
deb=$(ls "${VZ_BUILD_DIR:-$top/build}"/packages/vzctl_*.deb)
info=$(dpkg-deb -I "$deb")
files=$(dpkg-deb -c "$deb" | awk '{print $6}')
check "Package: vzctl" grep -q '^ Package: vzctl$' <<<"$info"
check "Depends names libnl and libarchive" grep -Eq '^ Depends: .*libnl-route-3-200.*' <<<"$info"
check "Depends names libarchive" grep -q 'libarchive13' <<<"$info"
check "vz.conf is a conffile" grep -qx /etc/vz/vz.conf < <(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./conffiles)
check "postrm runs ldconfig on remove" grep -q ldconfig < <(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./postrm)
check "postinst enables vz.service" grep -q 'systemctl enable vz.service' < <(dpkg-deb --ctrl-tarfile "$deb" | tar -xOf - ./postinst)
for f in ./usr/sbin/vzctl ./usr/sbin/vzlist ./usr/sbin/vzubc ./usr/sbin/vzquota ./usr/sbin/vzeventd \
	./usr/sbin/vzcpucheck \
	./usr/lib/systemd/system/vz.service ./usr/lib/systemd/system/vzeventd.service \
	./usr/libexec/vz/vz-boot ./usr/share/man/man8/vzlist.8 ./usr/share/bash-completion/completions/vzctl \
	./etc/vz/vz.conf ./usr/include/vz/list/listing.h; do
	check "the package holds $f" grep -qx "$f" <<<"$files"
done
check "the package holds libvz.so.0 and libvz.pc" grep -q 'libvz.so.0$' <<<"$files"
check "libvz.pc in the multiarch directory" grep -q '/usr/lib/.*/pkgconfig/libvz.pc$' <<<"$files"
root=$(mktemp -d)
check "the package unpacks" dpkg-deb -x "$deb" "$root"
check "vzlist runs from the unpacked package" "$root/usr/sbin/vzlist" --help
rm -rf "$root"
echo "$((checks - fails)) passed, $fails failed"
[ "$fails" = 0 ]
