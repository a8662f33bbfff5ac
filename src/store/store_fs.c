/* store_fs.c: where a store lives: its filesystem, who may write it, what
 * its header says, and the files made beside it.  No SQL here: store.c
 * decides from these facts how to open the store. */
#include "config.h"

#include "store_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/vfs.h>
#endif

/* statfs(2) f_type values (linux/magic.h and the filesystems' own headers).
 * A network filesystem here is one where SQLite's WAL is unsafe: its -shm is
 * shared memory that other hosts cannot see, and locks may not reach them.
 * FUSE counts as one: sshfs is the common case, and a local FUSE mount's
 * mmap is no more trustworthy. */
static const struct fs_kind {
	unsigned long magic;
	const char *name;
	bool network;
} fs_kinds[] = {
	{0x6969, "nfs", true},
	{0x517b, "smb", true},
	{0xff534d42, "cifs", true},
	{0xfe534d42, "smb2", true},
	{0x65735546, "fuse", true},
	{0x0bd00bd0, "lustre", true},
	{0x47504653, "gpfs", true},
	{0x5346414f, "afs", true},
	{0x6b414653, "kafs", true},
	{0x01021997, "9p", true},
	{0x00c36400, "ceph", true},
	{0x73757245, "coda", true},
	{0x564c, "ncp", true},
	{0x7461636f, "ocfs2", true},
	{0x01161970, "gfs2", true},
	{0xaad7aaea, "panfs", true},
	{0x19830326, "beegfs", true},
	{0x786f4256, "vboxsf", true},
	{0xef53, "ext4", false},
	{0x58465342, "xfs", false},
	{0x9123683e, "btrfs", false},
	{0x01021994, "tmpfs", false},
	{0x794c7630, "overlay", false},
	{0x2fc12fc1, "zfs", false},
	{0xf2f52010, "f2fs", false},
	{0xca451a4e, "bcachefs", false},
	{0x73717368, "squashfs", false},
	{0xe0f5e1e2, "erofs", false},
	{0x9660, "iso9660", false},
	{0x4d44, "vfat", false},
	{0x2011bab0, "exfat", false},
	{0x5346544e, "ntfs", false},
	{0x858458f6, "ramfs", false},
};

static const struct fs_kind *
kind_by_name(const char *name)
{
	for (size_t i = 0; i < sizeof(fs_kinds) / sizeof(fs_kinds[0]); i++)
		if (strcmp(fs_kinds[i].name, name) == 0)
			return &fs_kinds[i];
	return NULL;
}

/* The filesystem holding dir. */
static void
detect_fs(const char *dir, struct store_place *p)
{
	/* Tests only: pretend the store is on this filesystem ("nfs", "ext4"...),
	 * to reach the network path without a network mount. */
	const char *forced = getenv("BENCHTOP_TEST_FSTYPE");

	snprintf(p->fs, sizeof(p->fs), "unknown");
	p->network = false;
	if (forced && *forced) {
		const struct fs_kind *k = kind_by_name(forced);
		snprintf(p->fs, sizeof(p->fs), "%s", forced);
		p->network = k && k->network;
		return;
	}
#ifdef __linux__
	struct statfs sf;
	if (statfs(dir, &sf) != 0)
		return;
	unsigned long magic = (unsigned long)sf.f_type & 0xffffffffUL;
	for (size_t i = 0; i < sizeof(fs_kinds) / sizeof(fs_kinds[0]); i++) {
		if (fs_kinds[i].magic == magic) {
			snprintf(p->fs, sizeof(p->fs), "%s", fs_kinds[i].name);
			p->network = fs_kinds[i].network;
			return;
		}
	}
	snprintf(p->fs, sizeof(p->fs), "0x%lx", magic);
#else
	(void)dir;
#endif
}

void
store_fs_place(const char *path, struct store_place *p)
{
	char *dir = path_dirname(path);
	struct statvfs sv;

	memset(p, 0, sizeof(*p));
	detect_fs(dir, p);
	p->readonly_mount = statvfs(dir, &sv) == 0 && (sv.f_flag & ST_RDONLY);
	/* access() answers for this user, root included, and says EROFS on a
	 * read-only mount */
	p->writable = access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(dir);
}

bool
store_fs_nobody_writes(const char *path, const struct store_place *p)
{
	char *wal = xasprintf("%s-wal", path);
	struct stat st;
	bool none;

	none = p->readonly_mount ||
	       (stat(path, &st) == 0 && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0);
	/* a -wal with frames holds commits the file lacks, which immutable=1
	 * would not read (a writer closed while a reader was attached) */
	if (none && stat(wal, &st) == 0 && st.st_size > 0)
		none = false;
	free(wal);
	return none;
}

bool
store_fs_header_wal(const char *path)
{
	unsigned char h[20];
	FILE *f = fopen(path, "rb");
	bool wal;

	if (!f)
		return false;
	/* bytes 18 and 19 of a SQLite header: the write and read versions, 2 in WAL mode */
	wal = fread(h, 1, sizeof(h), f) == sizeof(h) && h[18] == 2 && h[19] == 2;
	fclose(f);
	return wal;
}

bool
store_fs_wal_files(const char *path)
{
	char *wal = xasprintf("%s-wal", path), *shm = xasprintf("%s-shm", path);
	bool both = file_exists(wal) && file_exists(shm);

	free(wal);
	free(shm);
	return both;
}

int
store_fs_create(const char *path, struct bt_error *err)
{
	char *dir = path_dirname(path);
	struct stat st;
	int rc = BT_OK, fd;

	if (stat(dir, &st) == 0 && (st.st_mode & S_ISGID)) {
		/* A group's directory: the store is the group's, writable by those
		 * the directory lets write, whatever this user's umask says.
		 * SQLite gives the journal, -wal and -shm the store's mode, and the
		 * kernel gives every new file the directory's group. */
		mode_t mode = st.st_mode & 0666;
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
		if (fd < 0 || fchmod(fd, mode) != 0)
			rc = bt_errorf(err, BT_EIO, "%s: cannot create the store: %s", path,
				       strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	free(dir);
	return rc;
}

char *
store_fs_uri(const char *path, const char *params)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "file:");
	/* a URI's path escapes what would end it or start an escape */
	for (const char *p = path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#')
			buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			buf_putc(&b, *p);
	}
	buf_printf(&b, "?%s", params);
	return buf_steal(&b);
}
