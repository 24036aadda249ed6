// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vzfuzz: the calls. Each one picks an entry of the ABI and arguments from
 * the thread's random stream: valid structs with random and boundary
 * fields, random ioctl numbers, bad pointers, huge and negative lengths.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/beancounter.h>
#include <linux/vzcalluser.h>
#include <linux/vzctl_venet.h>
#include <netinet/in.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "fuzz.h"

#define NR_GETLUID 500
#define NR_SETLUID 501
#define NR_SETUBLIMIT 502
#define NR_UBSTAT 503
#define SCRATCH (64 * 1024)

static __thread char *scratch;	/* SCRATCH bytes per thread */

static void count(long ret)
{
	atomic_fetch_add(&stats->calls, 1);
	if (ret >= 0)
		atomic_fetch_add(&stats->calls_ok, 1);
}

/* Mostly the /dev/vzctl descriptor; sometimes any other of the pool. */
static int pick_fd(struct fuzz_thread *t)
{
	if (t->nr_fds == 0 || rnd_below(t, 8) != 0)
		return t->fds[0];
	return t->fds[rnd_below(t, t->nr_fds)];
}

static void do_ioctl(struct fuzz_thread *t, unsigned long cmd, void *arg,
		     size_t len)
{
	count(ioctl(pick_fd(t), cmd, rnd_ptr(t, arg, len)));
}

static void op_env_create(struct fuzz_thread *t)
{
	static const uint32_t flags[] = { VE_TEST, VE_TEST, VE_ENTER, VE_CREATE,
					  VE_CREATE | VE_EXCLUSIVE, 0, 16, ~0u };
	struct vzctl_env_create *c = (void *)scratch;

	rnd_fill(t, c, sizeof(*c));
	c->veid = rnd_veid(t);
	if (rnd_below(t, 4))
		c->flags = flags[rnd_below(t, 8)];
	do_ioctl(t, VZCTL_ENV_CREATE, c, sizeof(*c));
}

static void op_env_create_data(struct fuzz_thread *t)
{
	struct vzctl_env_create_data *c = (void *)scratch;
	char *param = scratch + 1024;

	rnd_fill(t, c, sizeof(*c));
	rnd_fill(t, param, 64);
	c->veid = rnd_veid(t);
	c->flags = rnd_below(t, 2) ? VE_CREATE : (uint32_t)rnd_value(t);
	c->data = rnd_ptr(t, param, 64);
	c->datalen = rnd_below(t, 2) ? (int)rnd_below(t, 48) : (int)rnd_value(t);
	do_ioctl(t, VZCTL_ENV_CREATE_DATA, c, sizeof(*c));
}

/* A network device name, or something that is not one. */
static char *rnd_devname(struct fuzz_thread *t)
{
	static const char *const names[] = { "lo", "venet0", "vzfz0", "",
					     "veth9100.0", "all", ".", ".." };
	char *name = scratch + 2048;

	switch (rnd_below(t, 4)) {
	case 0:
		rnd_fill(t, name, 64);	/* unterminated for 64 bytes */
		name[rnd_below(t, 64)] = 0;
		return name;
	case 1:
		memset(name, 'a', 4095);	/* far longer than IFNAMSIZ */
		name[4095] = 0;
		return name;
	default:
		strcpy(name, names[rnd_below(t, 8)]);
		return name;
	}
}

static void op_netdev(struct fuzz_thread *t)
{
	struct vzctl_ve_netdev *n = (void *)scratch;

	rnd_fill(t, n, sizeof(*n));
	n->veid = rnd_veid(t);
	n->op = rnd_below(t, 2) ? (int)rnd_below(t, 4) : (int)rnd_value(t);
	n->dev_name = rnd_ptr(t, rnd_devname(t), 16);
	do_ioctl(t, VZCTL_VE_NETDEV, n, sizeof(*n));
}

static void op_setdevperms(struct fuzz_thread *t)
{
	static const uint32_t types[] = {
		S_IFCHR | VE_USE_MINOR, S_IFBLK | VE_USE_MINOR,
		S_IFCHR | VE_USE_MAJOR, S_IFBLK, S_IFCHR, S_IFREG | VE_USE_MINOR,
		S_IFCHR | 020, ~0u,
	};
	struct vzctl_setdevperms *d = (void *)scratch;

	rnd_fill(t, d, sizeof(*d));
	d->veid = rnd_veid(t);
	if (rnd_below(t, 4))
		d->type = types[rnd_below(t, ARRAY_SIZE(types))];
	if (rnd_below(t, 4))
		d->mask = rnd_below(t, 017);
	do_ioctl(t, VZCTL_SETDEVPERMS, d, sizeof(*d));
}

static void op_configure(struct fuzz_thread *t)
{
	struct vzctl_ve_configure *c = (void *)scratch;
	size_t room = SCRATCH - sizeof(*c) - 16;

	rnd_fill(t, scratch, 512);
	c->veid = rnd_veid(t);
	c->key = rnd_below(t, 2) ? rnd_below(t, 5) : (uint32_t)rnd_value(t);
	c->val = (uint32_t)rnd_value(t);
	c->size = rnd_below(t, 2) ? rnd_below(t, 300) : (uint32_t)rnd_value(t);
	if (c->key == VE_CONFIGURE_QUOTA_UGID && c->size >= 8) {
		struct vzctl_ve_quota_ugid q = {
			.fd = rnd_below(t, 2) ? pick_fd(t) : (int)rnd_value(t),
			.flags = rnd_below(t, 2) ? 0 : (uint32_t)rnd_value(t),
		};

		memcpy(c->data, &q, sizeof(q));
	}
	do_ioctl(t, VZCTL_VE_CONFIGURE, c, c->size < room ? c->size : room);
}

/* The size-versioned calls: sizes around the struct's and far off it. */
static uint32_t rnd_size(struct fuzz_thread *t, uint32_t real)
{
	switch (rnd_below(t, 6)) {
	case 0:
		return (uint32_t)rnd_value(t);
	case 1:
		return real + 8 * rnd_below(t, 4);
	case 2:
		return real - 4 * rnd_below(t, 5);
	default:
		return real;
	}
}

static void op_stop(struct fuzz_thread *t)
{
	struct vzctl_ve_stop *s = (void *)scratch;

	memset(scratch, 0, 64);
	if (rnd_below(t, 4) == 0)
		rnd_fill(t, scratch, 64);
	s->size = rnd_size(t, sizeof(*s));
	s->veid = rnd_veid(t);
	s->flags = rnd_below(t, 3) ? 0 : rnd_value(t);
	do_ioctl(t, VZCTL_VE_STOP, s, 64);
}

static void op_announce(struct fuzz_thread *t)
{
	struct vzctl_ve_announce *a = (void *)scratch;

	memset(scratch, 0, 64);
	if (rnd_below(t, 4) == 0)
		rnd_fill(t, scratch, 64);
	a->size = rnd_size(t, sizeof(*a));
	a->veid = rnd_veid(t);
	a->event = rnd_below(t, 4);
	a->flags = rnd_below(t, 3) ? 0 : (uint32_t)rnd_value(t);
	do_ioctl(t, VZCTL_VE_ANNOUNCE, a, 64);
}

static void op_prepare(struct fuzz_thread *t)
{
	count(ioctl(pick_fd(t), VZCTL_VE_PREPARE,
		    rnd_below(t, 2) ? (unsigned long)rnd_veid(t) : rnd_value(t)));
}

/* An address for the venet map: IPv4, IPv6 or neither, of any length. */
static int rnd_sockaddr(struct fuzz_thread *t, void *buf)
{
	struct sockaddr_in *in = buf;
	struct sockaddr_in6 *in6 = buf;

	rnd_fill(t, buf, 128);
	switch (rnd_below(t, 3)) {
	case 0:
		in->sin_family = AF_INET;
		in->sin_addr.s_addr = rnd_below(t, 2) ?
			htonl(0x0a630000 | rnd_below(t, 4)) : (uint32_t)rnd(t);
		return rnd_below(t, 2) ? (int)sizeof(*in) : (int)rnd_value(t);
	case 1:
		in6->sin6_family = AF_INET6;
		return rnd_below(t, 2) ? (int)sizeof(*in6) : (int)rnd_value(t);
	default:
		return (int)rnd_value(t);
	}
}

static void op_ip_map(struct fuzz_thread *t)
{
	struct vzctl_ve_ip_map *m = (void *)scratch;
	char *addr = scratch + 4096;

	rnd_fill(t, m, sizeof(*m));
	m->veid = rnd_veid(t);
	m->op = rnd_below(t, 2) ? (int)rnd_below(t, 6) : (int)rnd_value(t);
	m->addrlen = rnd_sockaddr(t, addr);
	m->addr = rnd_ptr(t, addr, 128);
	do_ioctl(t, VENETCTL_VE_IP_MAP, m, sizeof(*m));
}

/* Any ioctl number: of our two types, or of none we know. */
static void op_random_ioctl(struct fuzz_thread *t)
{
	static const unsigned int types[] = { VZCTLTYPE, VENETCTLTYPE, 'T', 0 };
	unsigned int type = rnd_below(t, 4) ? types[rnd_below(t, 4)]
					    : rnd_below(t, 256);
	unsigned long cmd = _IOC(rnd_below(t, 4), type, rnd_below(t, 64),
				 rnd_below(t, 4) ? rnd_below(t, 64)
						 : rnd_below(t, 1 << 14));

	rnd_fill(t, scratch, 512);
	if (rnd_below(t, 8) == 0)
		cmd = rnd(t);
	do_ioctl(t, cmd, scratch, 512);
}

static void op_luid(struct fuzz_thread *t)
{
	if (rnd_below(t, 2))
		count(syscall(NR_GETLUID));
	else	/* moves this thread to another UB, made if need be */
		count(syscall(NR_SETLUID, rnd_below(t, 2) ? rnd_veid(t)
							   : rnd_value(t)));
}

static void op_setublimit(struct fuzz_thread *t)
{
	unsigned long *lim = (void *)scratch;
	unsigned long res = rnd_below(t, 4) ? rnd_below(t, UB_RESOURCES + 2)
					    : rnd_value(t);

	lim[0] = rnd_below(t, 2) ? rnd_below(t, 100) : rnd_value(t);
	lim[1] = rnd_below(t, 2) ? lim[0] + rnd_below(t, 100) : rnd_value(t);
	if (rnd_below(t, 4) == 0)
		lim[0] = lim[1] = UB_MAXVALUE;
	count(syscall(NR_SETUBLIMIT, rnd_below(t, 4) ? rnd_veid(t) : rnd_value(t),
		      res, rnd_ptr(t, lim, 2 * sizeof(*lim))));
}

static void op_ubstat(struct fuzz_thread *t)
{
	static const unsigned long cmds[] = {
		UBSTAT_READ_ONE, UBSTAT_READ_ALL, UBSTAT_READ_FULL,
		UBSTAT_UBLIST, UBSTAT_UBPARMNUM, UBSTAT_GETTIME, 0x070000,
	};
	unsigned long func = cmds[rnd_below(t, 7)];
	long size;

	if (func == UBSTAT_READ_ONE)
		func |= rnd_below(t, 4) ? rnd_below(t, UB_RESOURCES + 2) : 0xffff;
	if (rnd_below(t, 8) == 0)
		func = rnd_value(t);
	/* Sizes up to the buffer's: UBSTAT_UBLIST writes as much as it is
	 * allowed to, 4 bytes a UB. Negative ones too. */
	switch (rnd_below(t, 4)) {
	case 0:
		size = (long)(rnd_value(t) % (SCRATCH + 1));
		break;
	case 1:
		size = -(long)rnd_below(t, 4096) - (rnd_below(t, 2) ? 0 : LONG_MAX);
		break;
	default:
		size = rnd_below(t, 4096);
	}
	count(syscall(NR_UBSTAT, func, rnd_below(t, 4) ? rnd_veid(t) : rnd_value(t),
		      rnd_value(t), rnd_ptr(t, scratch, SCRATCH), size));
}

/*
 * The files of the ABI under /proc, and those a VE sees its own way:
 * read at any offset, written to.
 */
static void op_proc(struct fuzz_thread *t)
{
	static const char *const files[] = {
		"/proc/vz/version", "/proc/vz/veinfo", "/proc/vz/veip",
		"/proc/user_beancounters", "/proc/bc/resources", "/proc/bc",
		"/proc/meminfo", "/proc/swaps",
	};
	struct sysinfo si;
	char path[64];
	size_t len;
	int fd;

	if (rnd_below(t, 3) == 0)
		snprintf(path, sizeof(path), "/proc/bc/%u/resources", rnd_veid(t));
	else
		snprintf(path, sizeof(path), "%s", files[rnd_below(t, 8)]);
	if (rnd_below(t, 8) == 0)
		count(sysinfo(&si));
	fd = open(path, rnd_below(t, 8) ? O_RDONLY : O_RDWR);
	count(fd);
	if (fd < 0)
		return;
	len = rnd_below(t, 2) ? rnd_below(t, 200) : rnd_below(t, SCRATCH);
	if (rnd_below(t, 3) == 0)
		count(lseek(fd, (off_t)(rnd_value(t) >> 1), SEEK_SET));
	if (rnd_below(t, 6) == 0) {
		rnd_fill(t, scratch, len);
		count(write(fd, scratch, len));
	} else {
		count(read(fd, rnd_ptr(t, scratch, len), len));
		count(read(fd, scratch, SCRATCH));
	}
	close(fd);
}

void fuzz_one(struct fuzz_thread *t)
{
	static void (*const ops[])(struct fuzz_thread *) = {
		op_env_create, op_env_create_data, op_netdev, op_setdevperms,
		op_configure,
		op_stop, op_announce, op_prepare, op_ip_map, op_random_ioctl,
		op_luid, op_setublimit, op_ubstat, op_proc, op_ubstat, op_proc,
	};

	if (!scratch) {
		scratch = calloc(1, SCRATCH + 64);
		if (!scratch)
			abort();
	}
	ops[rnd_below(t, ARRAY_SIZE(ops))](t);
}

int fuzz_budget_left(void)
{
	return !atomic_load(&stats->stop) &&
	       atomic_load(&stats->calls) < opts.calls;
}

struct thread_arg {
	struct fuzz_thread t;
	unsigned long max_calls;	/* this thread's own cap; 0: none */
};

static void *thread_main(void *p)
{
	struct thread_arg *a = p;
	unsigned long n;

	for (n = 0; fuzz_budget_left() && (!a->max_calls || n < a->max_calls); n++)
		fuzz_one(&a->t);
	return NULL;
}

/*
 * Run @threads threads of calls as @who until the run's budget is spent
 * (or each thread made @max_calls, if not 0). Thread i's stream is seeded
 * from (@seed, i): the same seed makes the same calls.
 */
void fuzz_threads(const int *fds, unsigned int nr_fds, enum fuzz_who who,
		  uint64_t seed, unsigned int threads, unsigned long max_calls)
{
	struct thread_arg args[64];
	pthread_t tid[64];
	unsigned int i, started = 0;

	if (threads > 64)
		threads = 64;
	for (i = 0; i < threads; i++) {
		args[i] = (struct thread_arg){
			.t = { .rng = mix_seed(seed, who, i), .who = who,
			       .fds = (int *)fds, .nr_fds = nr_fds },
			.max_calls = max_calls,
		};
		if (pthread_create(&tid[i], NULL, thread_main, &args[i]) == 0)
			started++;
		else
			break;
	}
	for (i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
}
