# SPDX-License-Identifier: GPL-2.0-or-later
# Entry points. Every target installs what it needs (scripts/install-deps).
.PHONY: all demo test test-debug fuzz shell check-series kernel guest deps clean install packages bench-density

all: test

## demo: boot the patched kernel in QEMU and show the tools at work
demo: deps
	qemu-harness/run --mode demo

## test: run every test: host unit tests, the series checks, the QEMU guest
test:
	scripts/run-tests

## test-debug: the debug kernel (KASAN, lockdep, kmemleak, UBSAN) with the
##   kselftests, the hardest suites, the fuzzer and the fault injection
##   (make test runs a shorter list; about 20 min under emulation), then a
##   boot that checks that KASAN, UBSAN and DEBUG_LIST reports fail a run
test-debug: deps
	qemu-harness/run --debug --timeout 2700 --only \
		'*.ksft,ve_lifecycle.sh,ve_parallel.sh,ve_leaks.sh,ve_ubc.sh,ve_net_venet.sh,vzfuzz.sh,fault_inject.sh'
	tests/harness/selftests --debug

## fuzz: the ABI fuzzer on the debug kernel for DURATION seconds (default
##   600); SEED=N replays a run (its first line prints the seed)
DURATION ?= 600
SEED ?=
fuzz: deps
	qemu-harness/run --debug --only vzfuzz.sh --timeout $$(( $(DURATION) + 900 )) \
		--cmdline "vz.fuzz.calls=4000000000 vz.fuzz.duration=$(DURATION)$(if $(SEED), vz.fuzz.seed=$(SEED))"

## shell: an interactive root shell in the QEMU guest, vzctl ready to use
shell: deps
	qemu-harness/run --shell

## check-series: every patch applies, passes checkpatch and builds on its own
check-series: deps
	scripts/check-series

## kernel: build the test kernel from kernel-patches/ (incremental)
kernel: deps
	scripts/kernel-build

## guest: build the initramfs and scratch disk for the QEMU guest
guest: deps
	qemu-harness/build-guest

## bench-density: start idle containers in a 4 GiB guest until memory or 4000 (long)
DENSITY ?= 4000
bench-density: deps
	qemu-harness/run --mem 4096 --only density_bench.sh --cmdline vz.density=$(DENSITY) \
		--timeout 14400

## install: build the tools and libvz and install them (PREFIX=/usr/local, DESTDIR)
PREFIX ?= /usr/local
install: deps
	cmake -S . -B build/install -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVZ_TESTS=OFF \
		-DCMAKE_INSTALL_PREFIX=$(PREFIX) >/dev/null
	cmake --build build/install -j2
	DESTDIR=$(DESTDIR) cmake --install build/install

## packages: Debian packages of the tools and of the patched kernel, in build/packages
packages: deps
	scripts/make-packages

deps:
	scripts/install-deps

## clean: remove every build product (the kernel build tree included)
clean:
	rm -rf build

help:
	@sed -n 's/^## //p' Makefile
