// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vzfuzz: the init of a fuzz VE. As the VE's root it runs threads of calls
 * on the descriptor the host prepared for it, storms forks into its numproc
 * limit, trades descriptors with other VEs through the manager, and ends by
 * exiting, by reboot(2), or by waiting for the host to stop it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/reboot.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"

static void nap_ms(unsigned int ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Fork until the numproc limit says no (or 200 children); reap them. */
static void fork_storm(void)
{
	pid_t pids[200];
	int i, n;

	atomic_fetch_add(&stats->fork_storms, 1);
	for (n = 0; n < 200; n++) {
		pids[n] = fork();
		if (pids[n] == 0) {
			nap_ms(20);
			_exit(0);
		}
		if (pids[n] < 0) {
			if (errno == EAGAIN)
				atomic_fetch_add(&stats->forks_refused, 1);
			break;
		}
	}
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
}

/* Send one of our descriptors to the manager, which hands it on. */
static void send_fd(int sock, int fd)
{
	char c = 'f', cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm = CMSG_FIRSTHDR(&msg);

	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	sendmsg(sock, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
}

/* A descriptor another VE sent us, or -1. */
static int recv_fd(int sock)
{
	char c, cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &c, .iov_len = 1 };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_control = cbuf,
			      .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	int fd = -1;

	if (recvmsg(sock, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) <= 0)
		return -1;
	cm = CMSG_FIRSTHDR(&msg);
	if (cm && cm->cmsg_type == SCM_RIGHTS)
		memcpy(&fd, CMSG_DATA(cm), sizeof(int));
	return fd;
}

/* Calls on a descriptor from another VE, as this VE's root. */
static void use_foreign_fd(int fd, uint64_t seed, unsigned int round)
{
	int fds[1] = { fd };
	struct fuzz_thread t = { .rng = mix_seed(seed, 77, round),
				 .who = WHO_VE_ROOT, .fds = fds, .nr_fds = 1 };
	int i;

	for (i = 0; i < 20 && fuzz_budget_left(); i++)
		fuzz_one(&t);
}

/* What the main thread does while the VE's threads make their calls. */
static void ve_main_loop(int vzfd, int sock, uint64_t seed)
{
	struct fuzz_thread t = { .rng = mix_seed(seed, 99, 0) };
	int own[3] = { vzfd, open("/proc/vz/veinfo", O_RDONLY | O_CLOEXEC),
		       open("/proc/user_beancounters", O_RDONLY | O_CLOEXEC) };
	unsigned int round;

	for (round = 0; round < 20 && fuzz_budget_left(); round++) {
		int fd;

		if (rnd_below(&t, 4) == 0)
			fork_storm();
		send_fd(sock, own[rnd_below(&t, 3)]);
		fd = recv_fd(sock);
		if (fd >= 0) {
			use_foreign_fd(fd, seed, round);
			close(fd);
		}
		nap_ms(rnd_below(&t, 20));
	}
}

/*
 * Run in the init of a fuzz VE, after VE_CREATE succeeded. @vzfd is the
 * descriptor the host prepared, @sock this VE's end of the manager's
 * socket. Never returns.
 */
void ve_life(int vzfd, int sock, uint64_t seed)
{
	int fds[2] = { vzfd, sock };
	struct fuzz_thread t = { .rng = mix_seed(seed, 98, 0) };
	unsigned int end = rnd_below(&t, 3);
	pid_t worker;

	/* The calls run in a child so that init keeps one thread to fork. */
	worker = fork();
	if (worker == 0) {
		fuzz_threads(fds, 2, WHO_VE_ROOT, seed, opts.threads,
			     100 + rnd_below(&t, 400));
		_exit(0);
	}
	ve_main_loop(vzfd, sock, seed);
	if (worker > 0) {
		int status;

		if (waitpid(worker, &status, 0) == worker)
			note_status(status);
	}
	switch (end) {
	case 0:
		atomic_fetch_add(&stats->ve_exited, 1);
		_exit(0);
	case 1:
		atomic_fetch_add(&stats->ve_rebooted, 1);
		syscall(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
			LINUX_REBOOT_CMD_RESTART, NULL);
		_exit(1);	/* reboot(2) refused: end anyway */
	default:
		while (!atomic_load(&stats->stop))	/* the host stops us */
			nap_ms(100);
		_exit(0);
	}
}
