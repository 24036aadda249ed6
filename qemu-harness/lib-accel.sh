# SPDX-License-Identifier: GPL-2.0-or-later
# Choosing QEMU's accelerator and booting the guest with it; sourced by
# qemu-harness/run, which sets qemu_bin, smp, kernel, guest, kvm_dev,
# kvm_cache, timeout and the array qemu before calling these.
#
# VZ_QEMU_KVM decides:
#   unset  KVM if $kvm_dev opens and KVM boots the test kernel and initramfs
#          to userspace (the probe; its verdict is cached per kernel and
#          QEMU); a KVM that fails later in a run stops the VM at once and
#          that boot runs again under software emulation (TCG)
#   1      KVM without a probe; a KVM failure fails the run
#   0      TCG

# Lines QEMU prints when KVM cannot go on; the VM then sits paused forever.
kvm_failure_re='^(KVM internal error|emulation failure|KVM: entry failed|error: kvm run failed)'
kvm_probe_timeout=${VZ_KVM_PROBE_TIMEOUT:-10}

accel_name() {
	case "$1" in
	kvm) echo "KVM" ;;
	*) echo "software emulation" ;;
	esac
}

# What a cached verdict depends on: the kernel image and the QEMU binary.
kvm_key() {
	local bin
	bin=$(command -v "$qemu_bin") || return 1
	cat "$kernel" "$bin" | sha256sum | cut -c1-32
}

remember_kvm() {	# remember_kvm yes|no
	local key
	key=$(kvm_key) || return 0
	mkdir -p "$(dirname "$kvm_cache")"
	echo "$key $1" > "$kvm_cache.tmp" && mv "$kvm_cache.tmp" "$kvm_cache"
}

cached_kvm() {	# prints yes or no when a verdict for this kernel and QEMU exists
	local key k v
	key=$(kvm_key) || return 1
	read -r k v < "$kvm_cache" 2>/dev/null || return 1
	[ "$k" = "$key" ] && echo "$v"
}

# Boot the real test kernel and initramfs under KVM in the guest's probe
# mode, which prints a marker as soon as its userspace runs and powers off.
kvm_probe() {
	local out
	out=$(timeout -s KILL "$kvm_probe_timeout" "$qemu_bin" -accel kvm -cpu max -smp "$smp" \
		-m 1024 -nodefaults -no-user-config -no-reboot -display none -serial stdio \
		-kernel "$kernel" -initrd "$guest/initramfs.cpio.gz" \
		-append "console=ttyS0 panic=-1 loglevel=1 vz.mode=probe" < /dev/null 2>&1)
	grep -q '^VZ-PROBE: userspace runs' <<<"$out"
}

# Prints kvm or tcg, and says on stderr why when it is not KVM.
choose_accel() {
	case "${VZ_QEMU_KVM:-}" in
	1) echo kvm; return ;;
	0) echo tcg; return ;;
	esac
	if ! [ -r "$kvm_dev" ] || ! [ -w "$kvm_dev" ]; then
		say "No usable $kvm_dev: using QEMU's software emulation (slower)"
		echo tcg
		return
	fi
	local verdict
	if verdict=$(cached_kvm); then
		[ "$verdict" = yes ] || say "KVM cannot run this guest (cached verdict, $kvm_cache): using software emulation"
	elif kvm_probe; then
		verdict=yes
		remember_kvm yes
	else
		verdict=no
		remember_kvm no
		say "KVM did not boot the test guest within ${kvm_probe_timeout}s (probe): using software emulation"
	fi
	if [ "$verdict" = yes ]; then echo kvm; else echo tcg; fi
}

# Stream the console to stdout; at QEMU's first KVM failure line, note it in
# the file $1 and stop the VM by signalling the watchdog whose pid is in $2
# (timeout(1) passes the signal on to QEMU).
watch_console() {
	local flag=$1 pidfile=$2 line
	while IFS= read -r line; do
		printf '%s\n' "$line"
		if [[ $line =~ $kvm_failure_re ]] && [ ! -s "$flag" ]; then
			printf '%s\n' "$line" > "$flag"
			kill -TERM "$(cat "$pidfile")" 2> /dev/null || true
		fi
		# The guest asks to lose power (--mode crash): QEMU, the child
		# of the watchdog, is killed at once.
		if [ "$line" = VZTEST-POWER-OFF ]; then
			pkill -KILL -P "$(cat "$pidfile")" 2> /dev/null || true
		fi
	done
}

# boot_guest LOG: run "${qemu[@]}" under the watchdog, console to the
# terminal and LOG. Sets qemu_rc, and accel_error to QEMU's KVM failure
# line when there was one.
boot_guest() {
	local log=$1 state
	state=$(mktemp -d)
	set +e
	{
		timeout -s KILL "$timeout" "${qemu[@]}" < /dev/null 2>&1 &
		echo $! > "$state/pid"
		wait $!
	} | stdbuf -oL tr -d '\r' | watch_console "$state/kvm-error" "$state/pid" | tee "$log"
	qemu_rc=${PIPESTATUS[0]}
	set -e
	accel_error=$(cat "$state/kvm-error" 2> /dev/null || true)
	rm -rf "$state"
}
