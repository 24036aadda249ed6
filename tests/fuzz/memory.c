// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vzfuzz: pointers a call gets. Mostly a good buffer; otherwise NULL, a
 * kernel address, an unmapped page, a read-only page, or a struct that runs
 * into an inaccessible page half-way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz.h"

static long page;
static char *guard_end;	/* first byte of a PROT_NONE page after a RW one */
static char *read_only;	/* a page that is readable only */
static char *no_access;	/* a page that is mapped PROT_NONE */

void fuzz_memory_init(void)
{
	char *m;

	page = sysconf(_SC_PAGESIZE);
	m = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (m == MAP_FAILED) {
		perror("vzfuzz: mmap");
		exit(2);
	}
	guard_end = m + page;
	read_only = m + 2 * page;
	no_access = m + 3 * page;
	if (mprotect(guard_end, page, PROT_NONE) ||
	    mprotect(read_only, page, PROT_READ) ||
	    mprotect(no_access, page, PROT_NONE)) {
		perror("vzfuzz: mprotect");
		exit(2);
	}
}

/*
 * @good holds @len bytes the caller prepared (and one more); return where
 * the call points. Only @good and the page before the guard may be
 * written: a pointer anywhere else in our own memory would let the kernel
 * corrupt the fuzzer itself.
 */
void *rnd_ptr(struct fuzz_thread *t, void *good, size_t len)
{
	size_t half = len / 2 < (size_t)page ? len / 2 : (size_t)page;

	switch (rnd_below(t, 24)) {
	case 0:
		return NULL;
	case 1:
		return (void *)1;
	case 2:
		return (void *)0xffff888000000000ULL;	/* the direct map */
	case 3:
		return (void *)0xffffffff81000000ULL;	/* kernel text */
	case 4:
		return rnd_below(t, 2) ? no_access : (void *)0x8000000000000000ULL;
	case 5:
		return read_only;
	case 6:
		/* The struct's tail lies in the PROT_NONE page. */
		return guard_end - (half ? half : 1);
	case 7:
		return (char *)good + 1;		/* misaligned */
	default:
		return good;
	}
}
