/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The start of a VE as vzctl makes it, shared by vzfuzz's manager and by
 * vzfault: VZCTL_VE_PREPARE, a clone into the six namespaces vzctl uses,
 * the child's uid and gid maps written by the parent, then a go.
 */
#ifndef VZ_VE_SPAWN_H
#define VZ_VE_SPAWN_H

#include <sys/types.h>

/* What to start, and what the child runs. */
struct ve_spawn {
	int vzfd;		/* /dev/vzctl, open */
	unsigned int veid;	/* prepared for the child to create */
	const char *map;	/* its uid_map and gid_map line */
	/*
	 * Runs in the child, which exits when it returns. @go is the read
	 * end of a pipe the parent writes to once the maps are written;
	 * the child reads its go there before it becomes the VE's root
	 * (ve_become_root()) and creates the VE.
	 */
	void (*child)(int vzfd, int go, void *arg);
	void *arg;
};

/**
 * ve_spawn() - prepare the VE and clone its init-to-be
 * @sp:   what to start
 * @go_w: set to the write end of the child's go pipe
 *
 * Return: the child's pid, or -1 with errno set (the child, if any, is
 * killed and reaped).
 */
pid_t ve_spawn(const struct ve_spawn *sp, int *go_w);

/* Write @text to @path; 0, or -1 with errno set. */
int ve_write_file(const char *path, const char *text);

/* Become the VE's root (uid and gid 0 of its user namespace): 0 or -1. */
int ve_become_root(void);

#endif
