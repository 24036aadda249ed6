// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vzfault: allocation failures injected at every step of the VE ABI's
 * kernel paths, with /proc/thread-self/fail-nth (the debug kernel's
 * FAULT_INJECTION, FAILSLAB and FAIL_PAGE_ALLOC).
 *
 * For each operation, fail-nth is set to 1, 2, 3, ... before it: the Nth
 * allocation of the call fails. The call then fails, or goes on where the
 * kernel has a fallback (both are counted), and either way everything
 * must be back where it was: the VEs, the beancounters, the venet
 * map, the host's network devices, and each counter of the VE's
 * beancounter. The loop ends at the first
 * N the call no longer reaches. The harness fails the run on any report the
 * kernel prints, and the kmemleak scan at the end finds what leaked.
 *
 * Usage: vzfault [-v] [OPERATION...]   (all of them by default; --list)
 *   -v   print each attempt's result, mark each attempt in the kernel log
 *        and have the kernel print there the stack of each failure it
 *        injects (not for allocations made with __GFP_NOWARN)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/beancounter.h>
#include <linux/io_uring.h>
#include <linux/vzcalluser.h>
#include <linux/vzctl_venet.h>
#include <net/if.h>
/* After <net/if.h>: its ifreq keeps <linux/if.h> from defining one. */
#include <linux/netfilter_ipv4/ip_tables.h>
#include <netinet/in.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ve_spawn.h"

#define FAULT_VEID 9200
#define VE_MAP "0 300000 65536\n"
#define MAX_NTH 5000
#define FLOCK_FILE "/tmp/vzfault.lock"
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* /dev/vzctl, opened before any call is armed (children inherit it). */
static int host_vzfd = -1;

static int failures;	/* broken invariants, all operations */
static int verbose;	/* -v: each attempt's result, and the kernel's stacks */

static void bad(const char *op, unsigned int nth, const char *what)
{
	printf("vzfault: %s, failure %u: %s\n", op, nth, what);
	failures++;
}

static void write_file(const char *path, const char *text)
{
	if (ve_write_file(path, text)) {
		printf("vzfault: cannot write %s: %s\n", path, strerror(errno));
		exit(2);
	}
}

/*
 * Make the fault attributes fail sleeping allocations of any order too,
 * quietly: a stack dump per injected failure would flood the console.
 */
static void setup_fault_attrs(void)
{
	static const char *const dirs[] = { "/sys/kernel/debug/failslab",
					    "/sys/kernel/debug/fail_page_alloc" };
	char path[128];
	unsigned int i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/ignore-gfp-wait", dirs[i]);
		write_file(path, "N");
		snprintf(path, sizeof(path), "%s/verbose", dirs[i]);
		write_file(path, verbose ? "2" : "0");
	}
	write_file("/sys/kernel/debug/fail_page_alloc/min-order", "0");
}

/* fail-nth of the calling thread: arm it with @n, or read what is left. */
static int nth_fd(void)
{
	int fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		printf("vzfault: /proc/thread-self/fail-nth: %s (not the debug kernel?)\n",
		       strerror(errno));
		exit(2);
	}
	return fd;
}

static void arm(int fd, unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(fd, buf, len, 0) != len)
		exit(2);
}

/* Disarm; whether the Nth allocation came (the fault was injected). */
static int disarm(int fd)
{
	char buf[16] = "";
	int left;

	if (pread(fd, buf, sizeof(buf) - 1, 0) < 0)
		exit(2);
	left = atoi(buf);
	arm(fd, 0);
	return left == 0;
}

/* ---- what must come back after each attempt ---- */

static long count_lines(const char *path)
{
	FILE *f = fopen(path, "r");
	long n = 0;
	int c;

	if (!f)
		return -1;
	while ((c = getc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static long ub_count(void)
{
	return syscall(503, UBSTAT_UBLIST, 0, 0, NULL, 0);
}

/*
 * The host's network devices (sysfs shows those of its mounter's netns):
 * how many, and with @print their names too.
 */
static long host_netdevs(int print)
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *e;
	long n = 0;

	if (!d)
		return -1;
	if (print)
		printf("vzfault: the host's network devices:");
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		if (print)
			printf(" %s", e->d_name);
	}
	if (print)
		printf("\n");
	closedir(d);
	return n;
}

struct world {
	long ves, ubs, veip, netdevs;
};

static struct world world_now(void)
{
	return (struct world){ count_lines("/proc/vz/veinfo"), ub_count(),
			       count_lines("/proc/vz/veip"), host_netdevs(0) };
}

/*
 * Wait up to 10 s for the world to be @base again (a VE ends in the
 * background after its init); report what stayed different.
 */
static void check_world(const char *op, unsigned int nth, struct world base)
{
	struct world w;
	char what[192];
	int i;

	for (i = 0; i < 200; i++) {
		w = world_now();
		if (w.ves == base.ves && w.ubs == base.ubs &&
		    w.veip == base.veip && w.netdevs == base.netdevs)
			return;
		usleep(50000);
	}
	snprintf(what, sizeof(what),
		 "VEs %ld (was %ld), beancounters %ld (was %ld), veip lines %ld (was %ld), host netdevs %ld (was %ld)",
		 w.ves, base.ves, w.ubs, base.ubs, w.veip, base.veip,
		 w.netdevs, base.netdevs);
	if (w.netdevs != base.netdevs)
		host_netdevs(1);
	bad(op, nth, what);
}

/* ---- a VE for the calls that need one ---- */

struct ve {
	pid_t init;
	int cmd, res;	/* pipes to and from its init */
};

typedef long (*ve_op)(int nth_fd, unsigned int nth, int *injected);

/* Clone an init-to-be and let it create FAULT_VEID; it runs @body. */
static pid_t clone_ve(int vzfd, void (*body)(int vzfd, int go, void *arg),
		      void *arg, int *go_w)
{
	struct ve_spawn sp = { .vzfd = vzfd, .veid = FAULT_VEID,
			       .map = VE_MAP, .child = body, .arg = arg };

	return ve_spawn(&sp, go_w);
}

/* Become the VE's root (host uid 300000), as vzctl's init-to-be does. */
static void become_ve_root(void)
{
	if (ve_become_root())
		_exit(2);
}

static int wait_go(int go)
{
	char c;

	if (read(go, &c, 1) != 1)
		return 0;
	become_ve_root();
	return 1;
}

/* ---- VE create ---- */

struct create_res {
	long ret, err;
	int injected;
};

static void create_body(int vzfd, int go, void *arg)
{
	int *res_w = arg, fd = nth_fd();
	unsigned int nth;
	struct vzctl_env_create req = { .veid = FAULT_VEID,
					.flags = VE_CREATE | VE_EXCLUSIVE };
	struct create_res r;

	if (read(go, &nth, sizeof(nth)) != sizeof(nth))
		_exit(2);
	become_ve_root();
	arm(fd, nth);
	r.ret = ioctl(vzfd, VZCTL_ENV_CREATE, &req);
	r.err = errno;
	r.injected = disarm(fd);
	if (write(*res_w, &r, sizeof(r)) != sizeof(r))
		_exit(2);
}

/* VZCTL_ENV_CREATE, the VE's namespaces hooked, its UB and venet0 made. */
static int try_create(unsigned int nth, long *err)
{
	int vzfd = open("/dev/vzctl", O_RDWR | O_CLOEXEC), res[2], go = -1;
	struct create_res r = { .ret = -1, .err = EIO };
	pid_t pid;

	if (vzfd < 0 || pipe(res))
		exit(2);
	pid = clone_ve(vzfd, create_body, &res[1], &go);
	if (pid < 0) {
		printf("vzfault: cannot start the init-to-be: %s\n", strerror(errno));
		exit(2);
	}
	close(res[1]);	/* a child that dies must end our read */
	if (write(go, &nth, sizeof(nth)) != sizeof(nth) ||
	    read(res[0], &r, sizeof(r)) != sizeof(r))
		bad("VE create", nth, "the init-to-be died before it reported");
	waitpid(pid, NULL, 0);
	close(go);
	close(res[0]);
	close(vzfd);
	*err = r.ret < 0 ? r.err : 0;
	return r.injected;
}

/* ---- calls made by the host on a running VE, and inside it ---- */

/*
 * The init of the long-lived VE runs charge operations on request. Each
 * operation arms fail-nth around its charging calls only (charge_begin()
 * to charge_end()); undoing them (munmap, close, ...) runs unarmed, since
 * a failure there is not the charge point's and some upstream undo paths
 * cannot report one.
 */
static int charge_nth_fd, charge_injected;
static unsigned int charge_nth;

static void charge_begin(void)
{
	arm(charge_nth_fd, charge_nth);
}

static void charge_end(void)
{
	charge_injected |= disarm(charge_nth_fd);
}

static long run_charge_op(unsigned int op);
static long make_filter_table(void);

/* The VE's loopback up, for the socket operations. */
static int lo_up(void)
{
	struct ifreq ifr = { .ifr_name = "lo" };
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), r;

	if (fd < 0)
		return -1;
	r = ioctl(fd, SIOCGIFFLAGS, &ifr);
	if (!r) {
		ifr.ifr_flags |= IFF_UP;
		r = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return r;
}

static void charge_body(int vzfd, int go, void *arg)
{
	int *pipes = arg;
	struct vzctl_env_create req = { .veid = FAULT_VEID,
					.flags = VE_CREATE | VE_EXCLUSIVE };
	unsigned int msg[2];
	long ok;

	charge_nth_fd = nth_fd();
	if (!wait_go(go))
		_exit(2);
	ok = ioctl(vzfd, VZCTL_ENV_CREATE, &req) < 0 || lo_up() ? -errno : 0;
	if (!ok)
		ok = make_filter_table();
	if (write(pipes[1], &ok, sizeof(ok)) != sizeof(ok) || ok)
		_exit(2);
	while (read(pipes[0], msg, sizeof(msg)) == sizeof(msg)) {
		long r[2];

		charge_nth = msg[1];
		charge_injected = 0;
		r[0] = run_charge_op(msg[0]);
		r[1] = charge_injected;
		if (write(pipes[1], r, sizeof(r)) != sizeof(r))
			_exit(2);
	}
}

static struct ve start_charge_ve(void)
{
	int vzfd = open("/dev/vzctl", O_RDWR | O_CLOEXEC), to[2], from[2], go;
	int pipes[2];
	struct ve ve = { .init = -1 };
	long ok = -EIO;	/* the init died before it reported */

	if (vzfd < 0 || pipe(to) || pipe(from))
		exit(2);
	pipes[0] = to[0];
	pipes[1] = from[1];
	ve.init = clone_ve(vzfd, charge_body, pipes, &go);
	if (ve.init < 0) {
		printf("vzfault: cannot start the init of VE %d: %s\n",
		       FAULT_VEID, strerror(errno));
		exit(2);
	}
	close(to[0]);
	close(from[1]);	/* a child that dies must end our reads */
	if (write(go, "g", 1) != 1 ||
	    read(from[0], &ok, sizeof(ok)) != sizeof(ok) || ok) {
		printf("vzfault: cannot start VE %d: %s\n", FAULT_VEID, strerror(-ok));
		exit(2);
	}
	close(go);
	close(vzfd);
	ve.cmd = to[1];
	ve.res = from[0];
	return ve;
}

/*
 * The VE's counters that our code charges, from /proc/bc/<veid>/resources
 * (the memory cgroup's are left out: they move on their own).
 */
static void ub_held(long *held)
{
	static const char *const ours[] = {
		"lockedpages", "privvmpages", "shmpages", "numproc", "numtcpsock",
		"numflock", "numpty", "numsiginfo", "tcpsndbuf", "tcprcvbuf",
		"othersockbuf", "dgramrcvbuf", "numothersock", "numfile",
	};
	char path[64], name[32];
	unsigned long h;
	unsigned int i;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/bc/%d/resources", FAULT_VEID);
	f = fopen(path, "r");
	memset(held, 0xff, 14 * sizeof(*held));
	while (f && fscanf(f, "%31s %lu %*[^\n]", name, &h) == 2)
		for (i = 0; i < 14; i++)
			if (!strcmp(name, ours[i]))
				held[i] = h;
	if (f)
		fclose(f);
}

static const char *const charge_ops[] = {
	"fork", "open", "tcp-socket", "unix-socketpair", "flock", "pty",
	"sigqueue", "sysv-shm", "mlock", "mmap", "udp-datagram", "tcp-data",
	"io_uring-buffers", "iptables-rules",
};
#define NR_CHARGE_OPS (ARRAY_SIZE(charge_ops))

static long op_flock(void)
{
	int fd = open(FLOCK_FILE, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	long r;

	if (fd < 0)
		return -errno;
	charge_begin();
	r = flock(fd, LOCK_EX) ? -errno : 0;
	charge_end();
	close(fd);
	return r;
}

static long op_sigqueue(void)
{
	sigset_t set;
	union sigval v = { .sival_int = 1 };
	long r;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	charge_begin();
	r = sigqueue(getpid(), SIGRTMIN, v) ? -errno : 0;
	charge_end();
	if (r == 0)
		sigwaitinfo(&set, NULL);
	return r;
}

static long op_shm(void)
{
	char *p = (void *)-1;
	long r = 0;
	int id;

	charge_begin();
	id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600);
	if (id >= 0)
		p = shmat(id, NULL, 0);
	if (id < 0 || p == (void *)-1)
		r = -errno;
	else
		memset(p, 1, 8192);
	charge_end();
	if (p != (void *)-1)
		shmdt(p);
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
	return r;
}

static long op_mem(int lock)
{
	size_t len = 256 * 1024;
	char *p;
	long r = 0;

	charge_begin();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	if (p == MAP_FAILED)
		r = -errno;
	else if (lock)
		r = mlock(p, 4096) ? -errno : 0;
	else
		memset(p, 1, len);
	charge_end();
	if (p != MAP_FAILED)
		munmap(p, len);
	return r;
}

/* Close what an operation opened; its error if it opened nothing. */
static long op_two_fds(int a, int b)
{
	long r = a < 0 ? -errno : 0;

	charge_end();
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return r;
}

static long op_fork(void)
{
	pid_t pid;

	charge_begin();
	pid = fork();	/* the child starts with fail-nth 0 */
	if (pid == 0)
		_exit(0);
	charge_end();
	if (pid < 0)
		return -errno;
	waitpid(pid, NULL, 0);
	return 0;
}

static long op_socketpair(void)
{
	int sv[2] = { -1, -1 };
	long r = 0;

	charge_begin();
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) || send(sv[0], "x", 1, 0) != 1)
		r = -errno;
	charge_end();
	if (sv[0] >= 0)
		close(sv[0]);
	if (sv[1] >= 0)
		close(sv[1]);
	return r;
}

/* A datagram to itself over the VE's loopback: othersockbuf, dgramrcvbuf. */
static long op_udp(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	char buf[1024] = { 0 };
	long r = 0;
	int fd;

	charge_begin();
	fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) ||
	    getsockname(fd, (struct sockaddr *)&a, &len) ||
	    sendto(fd, buf, sizeof(buf), 0, (struct sockaddr *)&a,
		   sizeof(a)) != sizeof(buf))
		r = -errno;
	charge_end();
	if (fd >= 0)
		close(fd);
	return r;
}

/*
 * A TCP connection over the VE's loopback with 64 kB queued on it:
 * numtcpsock, tcpsndbuf, tcprcvbuf. The connect does not block; when an
 * injected failure drops the SYN or the ACK, accept waits for the
 * retransmission that the kernel's timer sends (a second or so).
 */
static long op_tcp_data(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	static char buf[65536];
	int l, c = -1, s = -1;
	long r = 0;

	charge_begin();
	l = socket(AF_INET, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) ||
	    listen(l, 1) || getsockname(l, (struct sockaddr *)&a, &len) ||
	    (c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) < 0 ||
	    (connect(c, (struct sockaddr *)&a, sizeof(a)) &&
	     errno != EINPROGRESS))
		r = -errno;
	else if ((s = accept4(l, NULL, NULL, SOCK_NONBLOCK)) < 0)
		r = -errno;
	else if (send(c, buf, sizeof(buf), 0) < 0 ||
		 send(s, buf, sizeof(buf), 0) < 0)
		r = -errno;
	charge_end();
	if (s >= 0)
		close(s);
	if (c >= 0)
		close(c);
	if (l >= 0)
		close(l);
	return r;
}

/* Two pages registered as io_uring fixed buffers: lockedpages. */
static long op_io_uring(void)
{
	struct io_uring_params p = { 0 };
	struct iovec iov = { .iov_len = 8192 };
	long r = 0;
	int fd;

	iov.iov_base = mmap(NULL, iov.iov_len, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (iov.iov_base == MAP_FAILED)
		return -errno;
	charge_begin();
	fd = syscall(__NR_io_uring_setup, 4, &p);
	if (fd < 0 ||
	    syscall(__NR_io_uring_register, fd, IORING_REGISTER_BUFFERS, &iov, 1))
		r = -errno;
	charge_end();
	if (fd >= 0)
		close(fd);
	munmap(iov.iov_base, iov.iov_len);
	return r;
}

/* An ACCEPT rule, and the error entry that ends an iptables table. */
struct ipt_accept {
	struct ipt_entry e;
	struct xt_standard_target t;
};

struct ipt_end {
	struct ipt_entry e;
	struct xt_error_target t;
};

/*
 * Replace the VE's IPv4 filter table by one with @rules ACCEPT rules in
 * INPUT (then one policy entry per hook, and the end): @rules + 4 entries.
 */
static long ipt_filter(int fd, unsigned int rules)
{
	struct ipt_getinfo info = { .name = "filter" };
	unsigned int n = rules + 3, i, sz = sizeof(struct ipt_accept);
	size_t size = n * sz + sizeof(struct ipt_end);
	struct xt_counters counters[64];
	socklen_t len = sizeof(info);
	struct ipt_replace *r;
	struct ipt_accept *e;
	struct ipt_end *end;
	long ret;

	if (getsockopt(fd, IPPROTO_IP, IPT_SO_GET_INFO, &info, &len))
		return -errno;
	if (info.num_entries > ARRAY_SIZE(counters))
		return -E2BIG;
	r = calloc(1, sizeof(*r) + size);
	if (!r)
		return -ENOMEM;
	strcpy(r->name, "filter");
	r->valid_hooks = info.valid_hooks;
	r->num_entries = n + 1;
	r->size = size;
	r->num_counters = info.num_entries;
	r->counters = counters;
	e = (struct ipt_accept *)r->entries;
	for (i = 0; i < n; i++) {
		e[i].e.target_offset = sizeof(e[i].e);
		e[i].e.next_offset = sz;
		e[i].t.target.u.user.target_size = XT_ALIGN(sizeof(e[i].t));
		e[i].t.verdict = -NF_ACCEPT - 1;
	}
	r->underflow[NF_INET_LOCAL_IN] = rules * sz;
	r->hook_entry[NF_INET_FORWARD] = (rules + 1) * sz;
	r->underflow[NF_INET_FORWARD] = (rules + 1) * sz;
	r->hook_entry[NF_INET_LOCAL_OUT] = (rules + 2) * sz;
	r->underflow[NF_INET_LOCAL_OUT] = (rules + 2) * sz;
	end = (struct ipt_end *)&e[n];
	end->e.target_offset = sizeof(end->e);
	end->e.next_offset = sizeof(*end);
	end->t.target.u.user.target_size = XT_ALIGN(sizeof(end->t));
	strcpy(end->t.target.u.user.name, XT_ERROR_TARGET);
	strcpy(end->t.errorname, XT_ERROR_TARGET);
	ret = setsockopt(fd, IPPROTO_IP, IPT_SO_SET_REPLACE, r,
			 sizeof(*r) + size) ? -errno : 0;
	free(r);
	return ret;
}

/*
 * A raw socket of the VE's init for the filter table's calls, kept open
 * for the VE's life: a closed one gives its numothersock back only after
 * an RCU grace period, which could fall after a baseline is taken.
 */
static int ipt_fd = -1;

/* numiptent: the VE's filter table grows by 8 rules, then shrinks back. */
static long op_iptables(void)
{
	long r;

	charge_begin();
	r = ipt_filter(ipt_fd, 8);
	charge_end();
	if (!r)
		r = ipt_filter(ipt_fd, 0);
	return r;
}

/*
 * The VE's empty filter table, made when the VE starts: it stays, and its
 * entries are charged before any attempt takes its baseline.
 */
static long make_filter_table(void)
{
	ipt_fd = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_RAW);
	if (ipt_fd < 0)
		return -errno;
	return ipt_filter(ipt_fd, 0);
}

static long run_charge_op(unsigned int op)
{
	switch (op) {
	case 0:
		return op_fork();
	case 1:
		charge_begin();
		return op_two_fds(open("/proc/self/stat", O_RDONLY), -1);
	case 2:
		charge_begin();
		return op_two_fds(socket(AF_INET, SOCK_STREAM, 0), -1);
	case 3:
		return op_socketpair();
	case 4:
		return op_flock();
	case 5:
		charge_begin();
		return op_two_fds(open("/dev/ptmx", O_RDWR | O_NOCTTY), -1);
	case 6:
		return op_sigqueue();
	case 7:
		return op_shm();
	case 8:
		return op_mem(1);
	case 9:
		return op_mem(0);
	case 10:
		return op_udp();
	case 11:
		return op_tcp_data();
	case 12:
		return op_io_uring();
	default:
		return op_iptables();
	}
}

/* One charge operation in the VE with the @nth allocation failing. */
static int try_charge(struct ve *ve, unsigned int op, unsigned int nth,
		      long *err)
{
	unsigned int msg[2] = { op, nth };
	long r[2] = { -EIO, 0 };

	if (write(ve->cmd, msg, sizeof(msg)) != sizeof(msg) ||
	    read(ve->res, r, sizeof(r)) != sizeof(r)) {
		printf("vzfault: the VE's init died during %s\n", charge_ops[op]);
		exit(1);
	}
	*err = r[0] < 0 ? -r[0] : 0;
	return r[1];
}

/*
 * VENETCTL_VE_IP_MAP, adding an address to the running VE (and removing
 * it again when that worked).
 */
static int try_ip_map(unsigned int nth, long *err)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct vzctl_ve_ip_map m = { .veid = FAULT_VEID, .op = VE_IP_ADD,
				     .addr = (struct sockaddr *)&sin,
				     .addrlen = sizeof(sin) };
	int fd = nth_fd(), injected;

	inet_pton(AF_INET, "10.98.0.1", &sin.sin_addr);
	arm(fd, nth);
	*err = ioctl(host_vzfd, VENETCTL_VE_IP_MAP, &m) ? errno : 0;
	injected = disarm(fd);
	if (*err == 0) {
		m.op = VE_IP_DEL;
		ioctl(host_vzfd, VENETCTL_VE_IP_MAP, &m);
	}
	close(fd);
	return injected;
}

/*
 * Run @call in a child that ends after it, with its @nth allocation
 * failing: what setluid(2) and VE_ENTER leave behind is then only what the
 * kernel keeps, not what the caller holds.
 */
static int try_in_child(const char *op, long (*call)(void), unsigned int nth,
			long *err)
{
	int res[2];
	long r[2] = { EIO, 0 };
	pid_t pid;

	if (pipe(res))
		exit(2);
	pid = fork();
	if (pid == 0) {
		int fd = nth_fd();

		arm(fd, nth);
		r[0] = call();
		r[1] = disarm(fd);
		if (write(res[1], r, sizeof(r)) != sizeof(r))
			_exit(2);
		_exit(0);
	}
	close(res[1]);	/* a child that dies must end our read */
	if (read(res[0], r, sizeof(r)) != sizeof(r))
		bad(op, nth, "the child died before it reported");
	waitpid(pid, NULL, 0);
	close(res[0]);
	*err = r[0];
	return r[1];
}

/* setluid(2) to a UB that does not exist yet. */
static long call_setluid(void)
{
	return syscall(501, FAULT_VEID + 1) ? errno : 0;
}

/* VE_ENTER into the running VE, as vzctl exec and enter do. */
static long call_enter(void)
{
	struct vzctl_env_create req = { .veid = FAULT_VEID, .flags = VE_ENTER };

	return ioctl(host_vzfd, VZCTL_ENV_CREATE, &req) < 0 ? errno : 0;
}

/*
 * The calls of a start that follow the VE's creation, made by the host
 * on the running VE in this process, with the @nth allocation failing.
 */
static int try_host_call(long (*call)(void), unsigned int nth, long *err)
{
	int fd = nth_fd(), injected;

	arm(fd, nth);
	*err = call();
	injected = disarm(fd);
	close(fd);
	return injected;
}

/* setublimit(2) of a resource of the running VE. */
static long call_setublimit(void)
{
	unsigned long lim[2] = { 100000, 100000 };

	return syscall(502, FAULT_VEID, UB_NUMFILE, lim) ? errno : 0;
}

/* VE_CONFIGURE_OS_RELEASE: the release uname(2) shows inside. */
static long call_os_release(void)
{
	static const char release[] = "9.9.9-vzfault";
	union {
		struct vzctl_ve_configure c;
		char bytes[sizeof(struct vzctl_ve_configure) + sizeof(release)];
	} req = { .c = { .veid = FAULT_VEID, .key = VE_CONFIGURE_OS_RELEASE,
			 .size = sizeof(release) } };

	memcpy(req.c.data, release, sizeof(release));
	return ioctl(host_vzfd, VZCTL_VE_CONFIGURE, &req) ? errno : 0;
}

/* VZCTL_SETDEVPERMS: a grant copies the VE's array of grants. */
static long call_setdevperms(void)
{
	struct vzctl_setdevperms req = {
		.veid = FAULT_VEID, .type = S_IFCHR | VE_USE_MINOR,
		.dev = makedev(1, 11), .mask = S_IROTH,
	};

	return ioctl(host_vzfd, VZCTL_SETDEVPERMS, &req) ? errno : 0;
}

/* The host's dummy device that VZCTL_VE_NETDEV lends to the VE. */
#define FAULT_DEV "vzfault0"

static long netdev_call(int op)
{
	struct vzctl_ve_netdev m = { .veid = FAULT_VEID, .op = op,
				     .dev_name = (char *)FAULT_DEV };

	return ioctl(host_vzfd, VZCTL_VE_NETDEV, &m) ? errno : 0;
}

static long call_netdev_add(void)
{
	return netdev_call(VE_NETDEV_ADD);
}

/* Lend the device; then take it back, unarmed, if that worked. */
static int try_netdev_add(unsigned int nth, long *err)
{
	int injected = try_host_call(call_netdev_add, nth, err);

	if (!*err && netdev_call(VE_NETDEV_DEL))
		bad("netdev lend", nth, "the device cannot be taken back");
	return injected;
}

/* ---- the loop ---- */

struct tally {
	unsigned int injected, errnos[134];
};

static void print_tally(const char *op, const struct tally *t, unsigned int nth)
{
	unsigned int e;

	printf("vzfault: %-22s %4u injected failures, done at %u;", op,
	       t->injected, nth);
	for (e = 0; e < 134; e++)
		if (t->errnos[e])
			printf(" %s x%u", e ? strerrorname_np(e) : "success",
			       t->errnos[e]);
	printf("\n");
}

/*
 * With -v, a line in the kernel log before each attempt: the stacks of the
 * failures injected (those of allocations with __GFP_NOWARN are never
 * printed) can then be told apart by attempt.
 */
static void mark_kmsg(const char *op, unsigned int nth)
{
	static int fd = -2;
	char line[128];
	int len;

	if (fd == -2)
		fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	len = snprintf(line, sizeof(line), "vzfault: %s, attempt %u\n", op, nth);
	if (fd >= 0 && write(fd, line, len) < 0)
		fd = -1;
}

/*
 * Try @op with failure 1, 2, ... until a run no longer reaches the Nth
 * allocation, or up to failure @max where what follows is not the
 * series' code. Every injected failure must give an error, and @check
 * must find things as they were.
 */
static unsigned int loop(const char *op, int (*try)(unsigned int, long *, void *),
			 void *arg, void (*check)(const char *, unsigned int, void *),
			 unsigned int max)
{
	struct tally t = { 0 };
	unsigned int nth;

	for (nth = 1; nth <= max; nth++) {
		long err = 0;
		int injected;

		if (verbose)
			mark_kmsg(op, nth);
		injected = try(nth, &err, arg);

		t.errnos[err >= 0 && err < 134 ? err : EIO]++;
		if (verbose)
			printf("vzfault: %s, failure %u: %s%s\n", op, nth,
			       err ? strerrorname_np(err) : "success",
			       injected ? "" : " (not reached)");
		check(op, nth, arg);
		if (!injected)
			break;
		/*
		 * A failed allocation the call hid from its caller is fine
		 * where the kernel has a fallback: counted, not failed.
		 */
		t.injected++;
	}
	if (nth > MAX_NTH)
		bad(op, nth, "still reaching new allocations after 5000 failures");
	if (nth > max)
		nth = max;	/* the last failure tried */
	print_tally(op, &t, nth);
	return t.injected;
}

static struct world base_world;

static void check_base(const char *op, unsigned int nth, void *arg)
{
	(void)arg;
	check_world(op, nth, base_world);
}

static int try_create_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_create(nth, err);
}

static int try_setluid_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_in_child("setluid (new UB)", call_setluid, nth, err);
}

static int try_ip_map_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_ip_map(nth, err);
}

struct charge_arg {
	struct ve *ve;
	unsigned int op;
	struct world world;
	long held[14];
};

static int try_charge_cb(unsigned int nth, long *err, void *arg)
{
	struct charge_arg *c = arg;

	return try_charge(c->ve, c->op, nth, err);
}

static void check_charge(const char *op, unsigned int nth, void *arg)
{
	struct charge_arg *c = arg;
	long held[14];
	unsigned int i;
	int tries;

	check_world(op, nth, c->world);
	/*
	 * A child's exit and a socket's buffers are given back a little
	 * after the call returns: wait up to 5 s.
	 */
	for (tries = 0; tries < 100; tries++) {
		ub_held(held);
		if (!memcmp(held, c->held, sizeof(held)))
			return;
		usleep(50000);
	}
	for (i = 0; i < 14; i++)
		if (held[i] != c->held[i]) {
			char what[96];

			snprintf(what, sizeof(what),
				 "counter %u of the VE's beancounter is %ld, was %ld",
				 i, held[i], c->held[i]);
			bad(op, nth, what);
		}
}

static int wanted(int argc, char **argv, const char *op)
{
	int i;

	if (argc < 2)
		return 1;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], op))
			return 1;
	return 0;
}

static int try_enter_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_in_child("VE enter", call_enter, nth, err);
}

static int try_setublimit_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_host_call(call_setublimit, nth, err);
}

static int try_os_release_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_host_call(call_os_release, nth, err);
}

static int try_setdevperms_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_host_call(call_setdevperms, nth, err);
}

static int try_netdev_add_cb(unsigned int nth, long *err, void *arg)
{
	(void)arg;
	return try_netdev_add(nth, err);
}

/*
 * Lending a device allocates its record (failure 1), then moves the device
 * with the kernel's __dev_change_net_namespace(), which WARNs by design
 * when an allocation fails in its sysfs rename (the move cannot be undone
 * there): the loop stops before it. Taking a device back allocates
 * nothing but that move.
 */
#define NETDEV_LEND_OWN_ALLOCS 1

static const struct {
	const char *name, *title;
	int (*try)(unsigned int nth, long *err, void *arg);
	unsigned int max;
} start_ops[] = {
	{ "setublimit", "setublimit", try_setublimit_cb, MAX_NTH },
	{ "os-release", "VE configure os release", try_os_release_cb, MAX_NTH },
	{ "enter", "VE enter", try_enter_cb, MAX_NTH },
	{ "devperms", "VE device grant", try_setdevperms_cb, MAX_NTH },
	{ "netdev-lend", "netdev lend", try_netdev_add_cb, NETDEV_LEND_OWN_ALLOCS },
};

/*
 * What vzctl start does to the VE after creating it, each step alone on the
 * running VE: set its limits and release, enter it, grant it a device node,
 * lend it a network device. The host's dummy device is made for the netdev
 * step and removed after it; its presence is part of the world the steps
 * keep.
 */
static unsigned int start_loops(int argc, char **argv, struct charge_arg *c)
{
	unsigned int i, total = 0;

	if (system("ip link add " FAULT_DEV " type dummy")) {
		printf("vzfault: cannot make the dummy device %s\n", FAULT_DEV);
		exit(2);
	}
	c->world = world_now();
	for (i = 0; i < ARRAY_SIZE(start_ops); i++) {
		if (!wanted(argc, argv, start_ops[i].name))
			continue;
		ub_held(c->held);
		total += loop(start_ops[i].title, start_ops[i].try, c, check_charge,
			      start_ops[i].max);
	}
	if (system("ip link del " FAULT_DEV))
		bad("netdev", 0, "the dummy device is gone from the host");
	c->world = world_now();
	return total;
}

static unsigned int charge_loops(int argc, char **argv)
{
	struct charge_arg c = { 0 };
	struct ve ve = start_charge_ve();
	unsigned int op, total = 0;
	char name[48];

	c.ve = &ve;
	c.world = world_now();
	for (op = 0; op < NR_CHARGE_OPS; op++) {
		if (!wanted(argc, argv, charge_ops[op]))
			continue;
		c.op = op;
		ub_held(c.held);
		snprintf(name, sizeof(name), "charge: %s", charge_ops[op]);
		total += loop(name, try_charge_cb, &c, check_charge, MAX_NTH);
	}
	if (wanted(argc, argv, "ip-map")) {
		ub_held(c.held);
		total += loop("venet ip map add", try_ip_map_cb, &c, check_charge,
			      MAX_NTH);
	}
	total += start_loops(argc, argv, &c);
	close(ve.cmd);
	close(ve.res);
	kill(ve.init, SIGKILL);
	waitpid(ve.init, NULL, 0);
	/* A tmpfs file holds the beancounter of the VE that made it. */
	unlink(FLOCK_FILE);
	return total;
}

int main(int argc, char **argv)
{
	unsigned int total = 0, op;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		printf("create\nsetluid\n");
		for (op = 0; op < NR_CHARGE_OPS; op++)
			printf("%s\n", charge_ops[op]);
		printf("ip-map\n");
		for (op = 0; op < ARRAY_SIZE(start_ops); op++)
			printf("%s\n", start_ops[op].name);
		return 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	setup_fault_attrs();
	host_vzfd = open("/dev/vzctl", O_RDWR | O_CLOEXEC);
	if (host_vzfd < 0) {
		printf("vzfault: /dev/vzctl: %s\n", strerror(errno));
		return 2;
	}
	base_world = world_now();
	if (wanted(argc, argv, "create"))
		total += loop("VE create", try_create_cb, NULL, check_base, MAX_NTH);
	if (wanted(argc, argv, "setluid"))
		total += loop("setluid (new UB)", try_setluid_cb, NULL, check_base,
			      MAX_NTH);
	total += charge_loops(argc, argv);
	check_world("the end", 0, base_world);
	printf("vzfault: %u injected failures in all, %d broken invariants\n",
	       total, failures);
	return failures ? 1 : 0;
}
