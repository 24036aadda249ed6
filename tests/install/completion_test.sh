#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The bash completion (etc/bash-completion/vz) with the programs just built:
# commands, options, CTIDs and vzlist's fields complete.
# Usage: completion_test.sh SOURCE_DIR BUILD_DIR
set -u
src=$1 build=$2
PATH=$build/vzctl:$build/vzlist:$build/vzubc:$PATH
. "$src/etc/bash-completion/vz"
fails=0
# expect "WANT" WORD...: completing the last WORD gives exactly WANT.
expect() {
	local want=$1
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	"_${COMP_WORDS[0]}"
	if [ "${COMPREPLY[*]}" != "$want" ]; then
		echo "FAIL: '$*' completes to '${COMPREPLY[*]}', expected '$want'"
		fails=$((fails + 1))
	fi
}
_vz_ctids() { printf '101\n102\n'; }  # not this host's /etc/vz
expect "start stop status" vzctl st
expect "101 102" vzctl start ""
expect "--ipadd" vzctl set 101 --ipa
expect "--json" vzctl events --js
expect "ctid,numproc ctid,numproc.m ctid,numproc.b ctid,numproc.l ctid,numproc.f" \
	vzlist -o ctid,numpr
expect "-bootorder" vzlist -s -boot
expect "--no-header --no-trim" vzlist --no
expect "0 101 102" vzubc ""
expect "--json" vzubc --js
[ "$fails" = 0 ] && echo "completion: all passed"
exit "$fails"
