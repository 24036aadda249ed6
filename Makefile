# SPDX-License-Identifier: GPL-2.0-or-later
# Entry points. Every target installs what it needs (scripts/install-deps).
.PHONY: all demo test shell check-series kernel guest deps clean

all: test

## demo: boot the patched kernel in QEMU and show the tools at work
demo: deps
	qemu-harness/run --mode demo

## test: run every test: host unit tests, the series checks, the QEMU guest
test:
	scripts/run-tests

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

deps:
	scripts/install-deps

## clean: remove every build product (the kernel build tree included)
clean:
	rm -rf build

help:
	@sed -n 's/^## //p' Makefile
