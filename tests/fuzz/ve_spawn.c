// SPDX-License-Identifier: GPL-2.0-or-later
/* The start of a VE as vzctl makes it: see ve_spawn.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/vzcalluser.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ve_spawn.h"

#define VE_NS_FLAGS (CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNS | \
		     CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET)

int ve_write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), err = 0;
	ssize_t len = (ssize_t)strlen(text), n;

	if (fd < 0)
		return -1;
	n = write(fd, text, len);
	if (n < 0)
		err = errno;
	else if (n != len)
		err = EIO;
	close(fd);
	errno = err;
	return err ? -1 : 0;
}

int ve_become_root(void)
{
	if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0))
		return -1;
	return 0;
}

static int write_maps(pid_t pid, const char *map)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/uid_map", pid);
	if (ve_write_file(path, map))
		return -1;
	snprintf(path, sizeof(path), "/proc/%d/gid_map", pid);
	return ve_write_file(path, map);
}

pid_t ve_spawn(const struct ve_spawn *sp, int *go_w)
{
	int go[2], err;
	pid_t pid;

	if (ioctl(sp->vzfd, VZCTL_VE_PREPARE, (unsigned long)sp->veid) ||
	    pipe2(go, O_CLOEXEC))
		return -1;
	pid = syscall(SYS_clone, VE_NS_FLAGS | SIGCHLD, NULL, NULL, NULL, 0);
	if (pid == 0) {
		close(go[1]);
		sp->child(sp->vzfd, go[0], sp->arg);
		_exit(0);
	}
	err = errno;
	close(go[0]);
	if (pid > 0 && write_maps(pid, sp->map)) {
		err = errno;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		pid = -1;
	}
	if (pid < 0) {
		close(go[1]);
		errno = err;
		return -1;
	}
	*go_w = go[1];
	return pid;
}
