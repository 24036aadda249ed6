// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vzfuzz: the supervisor. Forks the workers (host root, an unprivileged
 * host user, the VE manager whose VEs run calls as their root), stops them
 * when the budget of calls or time is spent, and checks that the fuzz VEs
 * and the beancounters they made are gone afterwards.
 *
 * Usage: vzfuzz [--seed N] [--calls N] [--duration SEC] [--threads N]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <linux/beancounter.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz.h"
#include "ve_spawn.h"

struct fuzz_stats *stats;
struct fuzz_opts opts = { .calls = 100000, .duration = 600, .threads = 3 };

/*
 * A task of the fuzzer that ended by a signal other than SIGKILL (a stop)
 * or SIGHUP (reboot(2) in its VE) crashed: the run fails.
 */
void note_status(int status)
{
	if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL &&
	    WTERMSIG(status) != SIGHUP)
		atomic_fetch_add(&stats->crashed, 1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(int rc)
{
	fprintf(rc ? stderr : stdout,
		"usage: vzfuzz [--seed N] [--calls N] [--duration SEC] [--threads N]\n"
		"Fuzzes the VE ABI until N calls (default 100000) or SEC seconds\n"
		"(default 600) have passed. The same seed makes the same calls in\n"
		"each thread; races between threads may land differently.\n");
	exit(rc);
}

static void parse_args(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "calls", required_argument, NULL, 'c' },
		{ "duration", required_argument, NULL, 'd' },
		{ "threads", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	opts.seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	while ((c = getopt_long(argc, argv, "s:c:d:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 's':
			opts.seed = strtoull(optarg, NULL, 0);
			break;
		case 'c':
			opts.calls = strtoul(optarg, NULL, 0);
			break;
		case 'd':
			opts.duration = strtoul(optarg, NULL, 0);
			break;
		case 't':
			opts.threads = strtoul(optarg, NULL, 0);
			break;
		case 'h':
			usage(0);
			break;
		default:
			usage(2);
		}
	}
	if (optind != argc || !opts.calls || !opts.duration || !opts.threads ||
	    opts.threads > 64)
		usage(2);
}

/* Descriptors a host worker starts with: /dev/vzctl and the /proc files. */
static unsigned int host_fds(int *fds)
{
	static const char *const paths[] = {
		"/dev/vzctl", "/proc/vz/veinfo", "/proc/user_beancounters",
		"/proc/vz/veip",
	};
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(paths); i++) {
		int fd = open(paths[i], i == 0 ? O_RDWR : O_RDONLY);

		if (fd >= 0 || i == 0)
			fds[n++] = fd;
	}
	return n;
}

/* Fork a worker running @fn; it dies with the supervisor. */
static pid_t spawn(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setpgid(0, 0);
		fn();
		_exit(0);
	}
	if (pid < 0) {
		perror("vzfuzz: fork");
		exit(2);
	}
	return pid;
}

static void host_root_worker(void)
{
	int fds[8];
	unsigned int n = host_fds(fds);

	fuzz_threads(fds, n, WHO_HOST_ROOT, opts.seed, opts.threads, 0);
}

/* Descriptors opened as root, then used by a user without privileges. */
static void host_user_worker(void)
{
	int fds[8];
	unsigned int n = host_fds(fds);

	if (setgroups(0, NULL) || setresgid(FUZZ_NOBODY, FUZZ_NOBODY, FUZZ_NOBODY) ||
	    setresuid(FUZZ_NOBODY, FUZZ_NOBODY, FUZZ_NOBODY) ||
	    prctl(PR_SET_PDEATHSIG, SIGKILL)) {	/* the uid change cleared it */
		perror("vzfuzz: setresuid");
		_exit(2);
	}
	fuzz_threads(fds, n, WHO_HOST_USER, opts.seed, opts.threads, 0);
}

static void manager_worker(void)
{
	run_manager(opts.seed);
}

static long ub_count(void)
{
	return syscall(503, UBSTAT_UBLIST, 0, 0, NULL, 0);
}

/* Wait up to @secs for @cond to hold; whether it did. */
static int wait_until(int (*cond)(void), int secs)
{
	double end = now() + secs;

	while (!cond()) {
		if (now() > end)
			return 0;
		usleep(100000);
	}
	return 1;
}

static long ub_baseline;

static int no_fuzz_ves(void)
{
	return fuzz_ves_left() == 0;
}

static int ubs_back(void)
{
	return ub_count() <= ub_baseline;
}

static void report(double secs)
{
	printf("vzfuzz: %lu calls in %.1f s (%.0f calls/s), %lu accepted by the kernel\n",
	       atomic_load(&stats->calls), secs,
	       atomic_load(&stats->calls) / (secs > 0 ? secs : 1),
	       atomic_load(&stats->calls_ok));
	printf("vzfuzz: VEs started %lu; ended by VZCTL_VE_STOP %lu, by kill %lu, by reboot %lu, by exit %lu; setns into a VE %lu; fds passed %lu; fork storms %lu (%lu forks refused)\n",
	       atomic_load(&stats->ve_started), atomic_load(&stats->ve_stop_ioctl),
	       atomic_load(&stats->ve_killed), atomic_load(&stats->ve_rebooted),
	       atomic_load(&stats->ve_exited), atomic_load(&stats->setns_entered),
	       atomic_load(&stats->fds_passed), atomic_load(&stats->fork_storms),
	       atomic_load(&stats->forks_refused));
}

/* Wait for the workers; a worker that crashed is a failure of the fuzzer. */
static int collect(pid_t *pids, int n)
{
	int i, status, bad = 0;
	double end = now() + 60;

	for (i = 0; i < n; i++) {
		int killed = 0;

		while (waitpid(pids[i], &status, WNOHANG) == 0) {
			if (now() > end && !killed) {
				fprintf(stderr, "vzfuzz: worker %d still runs 60 s after the end: killed\n", i);
				kill(-pids[i], SIGKILL);
				killed = bad = 1;
			}
			usleep(50000);
		}
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGKILL) {
			fprintf(stderr, "vzfuzz: worker %d died of signal %d\n", i,
				WTERMSIG(status));
			bad = 1;
		}
		if (WIFEXITED(status) && WEXITSTATUS(status)) {
			fprintf(stderr, "vzfuzz: worker %d exited with %d\n", i,
				WEXITSTATUS(status));
			bad = 1;
		}
	}
	return bad;
}

/*
 * The fuzzer and the VEs it starts run in a memory cgroup with a limit,
 * so that what a VE's tasks read of memory (/proc/meminfo, /proc/swaps,
 * sysinfo()) takes the VE's view.  Without cgroup v2 they read the host's.
 */
#define FUZZ_CG "/sys/fs/cgroup/vzfuzz"

static void join_fuzz_cgroup(void)
{
	char pid[16];

	ve_write_file("/sys/fs/cgroup/cgroup.subtree_control", "+memory");
	if (mkdir(FUZZ_CG, 0755) && errno != EEXIST)
		return;
	snprintf(pid, sizeof(pid), "%d", getpid());
	if (ve_write_file(FUZZ_CG "/memory.max", "2G") ||
	    ve_write_file(FUZZ_CG "/cgroup.procs", pid))
		printf("vzfuzz: no memory limit for its VEs (%s): they see the host's memory\n",
		       strerror(errno));
}

static void leave_fuzz_cgroup(void)
{
	char pid[16];

	snprintf(pid, sizeof(pid), "%d", getpid());
	ve_write_file("/sys/fs/cgroup/cgroup.procs", pid);
	rmdir(FUZZ_CG);
}

int main(int argc, char **argv)
{
	pid_t pids[3];
	double start, last = 0;
	int bad;

	parse_args(argc, argv);
	setvbuf(stdout, NULL, _IOLBF, 0);
	stats = mmap(NULL, sizeof(*stats), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (stats == MAP_FAILED)
		return 2;
	fuzz_memory_init();
	join_fuzz_cgroup();
	ub_baseline = ub_count();
	printf("vzfuzz: seed %llu, %lu calls, %u s at most, %u threads per worker\n"
	       "vzfuzz: replay: vzfuzz --seed %llu --calls %lu --threads %u\n",
	       (unsigned long long)opts.seed, opts.calls, opts.duration, opts.threads,
	       (unsigned long long)opts.seed, opts.calls, opts.threads);
	start = now();
	pids[0] = spawn(manager_worker);
	pids[1] = spawn(host_root_worker);
	pids[2] = spawn(host_user_worker);
	while (fuzz_budget_left() && now() - start < opts.duration) {
		usleep(200000);
		if (now() - last >= 30) {
			last = now();
			printf("vzfuzz: %lu calls after %.0f s\n",
			       atomic_load(&stats->calls), last - start);
		}
	}
	atomic_store(&stats->stop, 1);
	bad = collect(pids, 3);
	report(now() - start);
	if (atomic_load(&stats->crashed)) {
		fprintf(stderr, "vzfuzz: %lu of its VE inits, VE workers or setns tasks died of a signal\n",
			atomic_load(&stats->crashed));
		bad = 1;
	}
	if (!wait_until(no_fuzz_ves, 30)) {
		fprintf(stderr, "vzfuzz: %d fuzz VEs still exist 30 s after the run\n",
			fuzz_ves_left());
		bad = 1;
	}
	if (!wait_until(ubs_back, 30)) {
		fprintf(stderr, "vzfuzz: %ld beancounters before the run, %ld after\n",
			ub_baseline, ub_count());
		bad = 1;
	}
	leave_fuzz_cgroup();
	if (bad)
		fprintf(stderr, "vzfuzz: FAILED; replay: vzfuzz --seed %llu --calls %lu --threads %u\n",
			(unsigned long long)opts.seed, opts.calls, opts.threads);
	return bad;
}
