/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vzfuzz: a fuzzer for the VE ABI (the /dev/vzctl ioctls, syscalls 500-503,
 * /proc/vz, /proc/bc and /proc/user_beancounters). docs/testing.md describes it.
 */
#ifndef VZFUZZ_H
#define VZFUZZ_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The VEs the fuzzer starts, stops and aims most of its calls at. */
#define FUZZ_VEID_FIRST 9100
#define FUZZ_VE_SLOTS 4
/* Host uid and gid of a fuzz VE's root, as vzctl would map it. */
#define FUZZ_VE_MAP "0 200000 65536\n"
/* The unprivileged host user. */
#define FUZZ_NOBODY 65534

/* Who makes a call: the kernel must tell them apart. */
enum fuzz_who { WHO_HOST_ROOT, WHO_HOST_USER, WHO_VE_ROOT, WHO_SETNS };

/* Counters shared by every process of a run (an anonymous shared mapping). */
struct fuzz_stats {
	atomic_ulong calls;		/* ABI calls made, all workers */
	atomic_ulong calls_ok;		/* of which the kernel accepted */
	atomic_ulong ve_started;
	atomic_ulong ve_stop_ioctl;	/* ended by VZCTL_VE_STOP */
	atomic_ulong ve_killed;		/* init killed by the host */
	atomic_ulong ve_rebooted;	/* init called reboot(2) */
	atomic_ulong ve_exited;		/* init exited by itself */
	atomic_ulong setns_entered;	/* host tasks that joined a VE */
	atomic_ulong fds_passed;	/* descriptors sent between VEs */
	atomic_ulong fork_storms;
	atomic_ulong forks_refused;	/* forks a numproc limit refused */
	atomic_ulong crashed;		/* fuzzer tasks that died of a fault */
	atomic_int stop;		/* set when the run is over */
};

/* Run parameters, the same in every process. */
struct fuzz_opts {
	uint64_t seed;
	unsigned long calls;	/* stop after this many calls in all */
	unsigned int duration;	/* or after this many seconds */
	unsigned int threads;	/* threads per worker process */
};

/* One thread's state: its random stream and the descriptors it uses. */
struct fuzz_thread {
	uint64_t rng;
	enum fuzz_who who;
	int *fds;		/* the process's descriptor pool */
	unsigned int nr_fds;
};

extern struct fuzz_stats *stats;
extern struct fuzz_opts opts;

/* rng.c */
uint64_t mix_seed(uint64_t seed, uint64_t a, uint64_t b);
uint64_t rnd(struct fuzz_thread *t);
unsigned int rnd_below(struct fuzz_thread *t, unsigned int n);
uint64_t rnd_value(struct fuzz_thread *t);
uint32_t rnd_veid(struct fuzz_thread *t);
void rnd_fill(struct fuzz_thread *t, void *buf, size_t len);

/* memory.c: where a call's pointer points */
void fuzz_memory_init(void);
void *rnd_ptr(struct fuzz_thread *t, void *good, size_t len);

/* ops.c: one random ABI call */
void fuzz_one(struct fuzz_thread *t);
int fuzz_budget_left(void);
void fuzz_threads(const int *fds, unsigned int nr_fds, enum fuzz_who who,
		  uint64_t seed, unsigned int threads, unsigned long max_calls);

/* main.c: count a child that died of anything but SIGKILL or SIGHUP */
void note_status(int status);

/* ve_life.c: what the init of a fuzz VE does */
void ve_life(int vzfd, int sock, uint64_t seed);

/* manager.c: starts, stops, enters and links the fuzz VEs */
void run_manager(uint64_t seed);
int fuzz_ves_left(void);

#endif
