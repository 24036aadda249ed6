// SPDX-License-Identifier: GPL-2.0-or-later
/* vzfuzz: the random streams. Same seed, same calls in every thread. */
#include <string.h>

#include "fuzz.h"

/* splitmix64: the seed of stream (@a, @b) of a run seeded @seed. */
uint64_t mix_seed(uint64_t seed, uint64_t a, uint64_t b)
{
	uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (a * 1000003 + b + 1);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	z ^= z >> 31;
	return z ? z : 1;
}

/* xorshift64* */
uint64_t rnd(struct fuzz_thread *t)
{
	t->rng ^= t->rng >> 12;
	t->rng ^= t->rng << 25;
	t->rng ^= t->rng >> 27;
	return t->rng * 0x2545f4914f6cdd1dULL;
}

unsigned int rnd_below(struct fuzz_thread *t, unsigned int n)
{
	return n ? (unsigned int)(rnd(t) % n) : 0;
}

/* A value for an integer argument: mostly the edges where bugs live. */
uint64_t rnd_value(struct fuzz_thread *t)
{
	static const uint64_t edges[] = {
		0, 1, 2, 7, 8, 15, 16, 17, 24, 25, 31, 32, 63, 64, 4095, 4096,
		0x7fff, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
		0x100000000ULL, 0x7fffffffffffffffULL, 0x8000000000000000ULL,
		~0ULL, ~0ULL - 1, (uint64_t)-4096,
	};

	switch (rnd_below(t, 4)) {
	case 0:
		return rnd(t);
	case 1:
		return rnd_below(t, 64);
	default:
		return edges[rnd_below(t, ARRAY_SIZE(edges))];
	}
}

/* A veid: mostly the fuzz VEs, sometimes the host's or nonsense. */
uint32_t rnd_veid(struct fuzz_thread *t)
{
	switch (rnd_below(t, 10)) {
	case 0:
		return 0;
	case 1:
		return (uint32_t)rnd_value(t);
	case 2:
		return FUZZ_VEID_FIRST + FUZZ_VE_SLOTS;
	default:
		return FUZZ_VEID_FIRST + rnd_below(t, FUZZ_VE_SLOTS);
	}
}

/* Random bytes, or a pattern that looks like a valid struct of small ints. */
void rnd_fill(struct fuzz_thread *t, void *buf, size_t len)
{
	unsigned char *p = buf;
	size_t i;

	if (rnd_below(t, 3) == 0) {
		memset(buf, 0, len);
		for (i = 0; i + 4 <= len; i += 4)
			if (rnd_below(t, 3) == 0) {
				uint32_t v = (uint32_t)rnd_value(t);

				memcpy(p + i, &v, 4);
			}
		return;
	}
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)rnd(t);
}
