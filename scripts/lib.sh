# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for the project's shell tools. Source it; do not run it.
#
# Every path a tool uses is derived here, so that one variable moves the
# whole build elsewhere:
#   VZ_BUILD_DIR   where build trees, objects and guest images live
#                  (default: <repo>/build)

VZ_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VZ_BUILD_DIR=${VZ_BUILD_DIR:-$VZ_TOP/build}
VZ_PATCHES=${VZ_PATCHES:-$VZ_TOP/kernel-patches}
VZ_SRC_TREE=$VZ_BUILD_DIR/linux          # git tree: pristine base + one commit per patch
# The kernel flavour: "test" (the guest's kernel) or "debug" (the same plus
# KASAN, lockdep, kmemleak, UBSAN and fault injection; configs/debug.config).
VZ_KERNEL_FLAVOUR=${VZ_KERNEL_FLAVOUR:-test}
if [ "$VZ_KERNEL_FLAVOUR" = debug ]; then
	VZ_KOBJ=$VZ_BUILD_DIR/kernel-debug-obj
else
	VZ_KOBJ=$VZ_BUILD_DIR/kernel-obj     # out-of-tree kernel objects (make O=)
fi
VZ_KSRC_TARBALL=${VZ_KSRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
VZ_JOBS=${VZ_JOBS:-$(nproc)}

# Identity used for commits in the build tree; never leaks into patches,
# which keep the author recorded in each .patch file.
export GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-vz build tree}
export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-vz-build@localhost}

if [ -t 2 ]; then
	_vz_red=$'\e[31m' _vz_yel=$'\e[33m' _vz_bold=$'\e[1m' _vz_off=$'\e[0m'
else
	_vz_red='' _vz_yel='' _vz_bold='' _vz_off=''
fi

say()  { printf '%s==> %s%s\n' "$_vz_bold" "$*" "$_vz_off" >&2; }
warn() { printf '%swarning:%s %s\n' "$_vz_yel" "$_vz_off" "$*" >&2; }
die()  { printf '%serror:%s %s\n' "$_vz_red" "$_vz_off" "$*" >&2; exit 1; }

# The patch files named by kernel-patches/series, in order, one per line.
series_patches() {
	local line
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%%#*}
		line=${line//[[:space:]]/}
		[ -z "$line" ] || printf '%s\n' "$VZ_PATCHES/$line"
	done < "$VZ_PATCHES/series"
}

# The parts of the series from kernel-patches/parts, one "DIR<TAB>SUBJECT"
# line each: the part's directory and the subject of its first patch.
series_parts() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$VZ_PATCHES/parts"
}

# A digest of the series: the series file and every patch it names.
series_digest() {
	{ cat "$VZ_PATCHES/series"; series_patches | xargs -r cat; } |
		sha256sum | cut -d' ' -f1
}

# The value of KEY in kernel-patches/BASE.
base_field() {
	sed -n "s/^$1=//p" "$VZ_PATCHES/BASE"
}

# Run git in the build tree.
tgit() { git -C "$VZ_SRC_TREE" "$@"; }

# The Debian mirror apt on this machine uses (its first non-security source).
debian_mirror() {
	local m
	m=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n1)
	[ -n "$m" ] || m=$(awk '/^deb / && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
	[ -n "$m" ] || return 1
	echo "$m"
}
