// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vzfuzz: the manager, a single-threaded host process that keeps the fuzz
 * VEs coming and going while the workers' calls hit them: it starts VEs
 * as vzctl does, stops them by VZCTL_VE_STOP or by killing their init,
 * lowers their numproc limit, sends host tasks into them with setns(2),
 * and hands descriptors from one VE to another.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/beancounter.h>
#include <linux/vzcalluser.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "ve_spawn.h"

struct slot {
	pid_t init;	/* 0: no VE in this slot */
	int sock;	/* the manager's end of the VE's socket */
	unsigned int gen;
};

static struct slot slots[FUZZ_VE_SLOTS];

/* What the child of start_ve() needs. */
struct ve_child_arg {
	unsigned int veid;
	int sock, manager_sock;	/* its end of the socket pair, and ours */
	uint64_t seed;
};

/* The child side of start_ve(): wait for the maps, create, live. */
static void ve_child(int vzfd, int go, void *arg)
{
	struct ve_child_arg *a = arg;
	struct vzctl_env_create req = { .veid = a->veid,
					.flags = VE_CREATE | VE_EXCLUSIVE };
	char c;

	close(a->manager_sock);
	if (read(go, &c, 1) != 1)
		_exit(2);
	close(go);
	/* After the uid change, which clears it: die with the manager. */
	if (ve_become_root() || prctl(PR_SET_PDEATHSIG, SIGKILL) ||
	    ioctl(vzfd, VZCTL_ENV_CREATE, &req) < 0)
		_exit(3);
	atomic_fetch_add(&stats->ve_started, 1);
	ve_life(vzfd, a->sock, a->seed);
}

/* Start the VE of @s as vzctl does: prepare, clone, map, create. */
static void start_ve(struct slot *s, unsigned int veid, uint64_t seed)
{
	int vzfd = open("/dev/vzctl", O_RDWR | O_CLOEXEC);
	struct ve_child_arg arg = { .veid = veid,
				    .seed = mix_seed(seed, veid, s->gen) };
	struct ve_spawn sp = { .veid = veid, .map = FUZZ_VE_MAP,
			       .child = ve_child, .arg = &arg };
	int go, sv[2];
	pid_t pid;

	if (vzfd < 0)
		return;
	atomic_fetch_add(&stats->calls, 1);
	if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, sv)) {
		close(vzfd);
		return;
	}
	arg.sock = sv[1];
	arg.manager_sock = sv[0];
	sp.vzfd = vzfd;
	pid = ve_spawn(&sp, &go);
	close(sv[1]);
	close(vzfd);
	if (pid < 0) {
		close(sv[0]);
		return;
	}
	if (write(go, "g", 1) != 1)
		kill(pid, SIGKILL);
	close(go);
	s->init = pid;
	s->sock = sv[0];
	s->gen++;
}

static void stop_ve(struct slot *s, unsigned int veid, int how)
{
	struct vzctl_ve_stop req = { .size = sizeof(req), .veid = veid };
	int vzfd;

	atomic_fetch_add(&stats->calls, 1);
	if (how) {
		kill(s->init, SIGKILL);
		atomic_fetch_add(&stats->ve_killed, 1);
		return;
	}
	vzfd = open("/dev/vzctl", O_RDWR | O_CLOEXEC);
	if (vzfd >= 0 && ioctl(vzfd, VZCTL_VE_STOP, &req) == 0)
		atomic_fetch_add(&stats->ve_stop_ioctl, 1);
	if (vzfd >= 0)
		close(vzfd);
}

/*
 * A host task joins the VE's namespaces, makes calls there, and leaves. It
 * opens them all first: once in the VE's user namespace it may no longer
 * look at the VE's init (no longer dumpable after its setresuid).
 */
static void enter_ve(struct slot *s, uint64_t seed)
{
	static const char *const ns[] = { "user", "mnt", "pid", "net", "ipc",
					  "uts" };
	int fds[6], i;
	pid_t pid = fork();
	char path[64];

	if (pid != 0)
		return;
	alarm(60);
	for (i = 0; i < 6; i++) {
		snprintf(path, sizeof(path), "/proc/%d/ns/%s", s->init, ns[i]);
		fds[i] = open(path, O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0)
			_exit(0);	/* the VE ended meanwhile */
	}
	for (i = 0; i < 6; i++)
		if (setns(fds[i], 0)) {
			if (errno != ESRCH && errno != ENOENT)
				fprintf(stderr, "vzfuzz: setns into VE %d, %s: %s\n",
					(int)(s - slots) + FUZZ_VEID_FIRST, ns[i],
					strerror(errno));
			_exit(0);
		}
	atomic_fetch_add(&stats->setns_entered, 1);
	fds[0] = open("/dev/vzctl", O_RDWR | O_CLOEXEC);
	fuzz_threads(fds, 1, WHO_SETNS, seed, 2, 50);
	_exit(0);
}

/* Take the descriptors VEs sent and give each to another running VE. */
static void relay_fds(struct fuzz_thread *t)
{
	char c, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct cmsghdr *cm;
	int i, fd;

	for (i = 0; i < FUZZ_VE_SLOTS; i++) {
		struct slot *to = &slots[rnd_below(t, FUZZ_VE_SLOTS)];

		if (!slots[i].init)
			continue;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof(cbuf);
		if (recvmsg(slots[i].sock, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) <= 0)
			continue;
		cm = CMSG_FIRSTHDR(&msg);
		if (!cm || cm->cmsg_type != SCM_RIGHTS)
			continue;
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
		if (to->init && to != &slots[i] &&
		    sendmsg(to->sock, &msg, MSG_DONTWAIT | MSG_NOSIGNAL) == 1)
			atomic_fetch_add(&stats->fds_passed, 1);
		close(fd);
	}
}

/* Collect ended children; free the slots of ended VEs. */
static void reap(void)
{
	int i, status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		note_status(status);
		for (i = 0; i < FUZZ_VE_SLOTS; i++)
			if (slots[i].init == pid) {
				slots[i].init = 0;
				close(slots[i].sock);
			}
	}
}

static void set_numproc(unsigned int veid, struct fuzz_thread *t)
{
	unsigned long lim[2];

	lim[0] = lim[1] = rnd_below(t, 3) ? 5 + rnd_below(t, 40) : UB_MAXVALUE;
	atomic_fetch_add(&stats->calls, 1);
	syscall(502, veid, UB_NUMPROC, lim);
}

static void manager_step(struct fuzz_thread *t, uint64_t seed)
{
	unsigned int i = rnd_below(t, FUZZ_VE_SLOTS);
	unsigned int veid = FUZZ_VEID_FIRST + i;
	struct slot *s = &slots[i];
	struct timespec nap = { 0, 1000000L * rnd_below(t, 5) };

	switch (rnd_below(t, 10)) {
	case 0: case 1: case 2: case 3:
		if (!s->init)
			start_ve(s, veid, seed);
		break;
	case 4: case 5:
		if (s->init)
			stop_ve(s, veid, rnd_below(t, 2));
		break;
	case 6:
		if (s->init)
			enter_ve(s, mix_seed(seed, 55, s->gen));
		break;
	case 7:
		if (s->init)
			set_numproc(veid, t);
		break;
	default:
		break;
	}
	relay_fds(t);
	nanosleep(&nap, NULL);
	reap();
}

/* The manager process: returns when the run is over and its VEs ended. */
void run_manager(uint64_t seed)
{
	struct fuzz_thread t = { .rng = mix_seed(seed, 100, 0) };
	int i;

	while (fuzz_budget_left())
		manager_step(&t, seed);
	for (i = 0; i < FUZZ_VE_SLOTS; i++)
		if (slots[i].init)
			stop_ve(&slots[i], FUZZ_VEID_FIRST + i, 1);
	while (waitpid(-1, NULL, 0) > 0 || errno == EINTR)
		;
}

/* How many fuzz VEs /proc/vz/veinfo still lists. */
int fuzz_ves_left(void)
{
	FILE *f = fopen("/proc/vz/veinfo", "r");
	unsigned int veid;
	char line[256];
	int n = 0;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%u", &veid) == 1 && veid >= FUZZ_VEID_FIRST &&
		    veid <= FUZZ_VEID_FIRST + FUZZ_VE_SLOTS)
			n++;
	fclose(f);
	return n;
}
