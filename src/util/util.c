/* util.c: errors, allocation, buffers, string and file helpers. */
#include "config.h"

#include "benchtop/util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void (*die_hook)(void);

int
bt_errorf(struct bt_error *err, int code, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
		err->code = code;
	}
	return code;
}

void
bt_error_clear(struct bt_error *err)
{
	if (err) {
		err->code = BT_OK;
		err->msg[0] = '\0';
	}
}

void
bt_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

void
bt_die(int code, const char *fmt, ...)
{
	va_list ap;

	if (die_hook) {
		void (*hook)(void) = die_hook;
		die_hook = NULL; /* a failing hook must not recurse */
		hook();
	}
	fputs("benchtop: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

__attribute__((noreturn)) static void
oom(size_t n)
{
	bt_die(BT_ESOFTWARE, "out of memory (allocating %zu bytes)", n);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom(n);
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		oom(n);
	return q;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		oom(SIZE_MAX);
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	struct buf b;

	buf_init(&b);
	buf_vprintf(&b, fmt, ap);
	return buf_steal(&b);
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
bt_grow(void **pp, size_t *cap, size_t need, size_t size)
{
	size_t ncap;

	if (need <= *cap)
		return;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			oom(SIZE_MAX);
		ncap *= 2;
	}
	*pp = xreallocarray(*pp, ncap, size);
	*cap = ncap;
}

/* ------------------------------------------------------------------ buf */

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need;

	if (extra > SIZE_MAX - b->len - 1)
		oom(SIZE_MAX);
	need = b->len + extra + 1;
	if (need > b->cap) {
		size_t ncap = b->cap ? b->cap : 64;
		while (ncap < need)
			ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
		b->data = xrealloc(b->data, ncap);
		b->cap = ncap;
	}
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
buf_cstr(struct buf *b)
{
	buf_reserve(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}

char *
buf_steal(struct buf *b)
{
	char *p;

	buf_cstr(b);
	p = b->data;
	buf_init(b);
	return p;
}

/* ------------------------------------------------------------------ strv */

void
strv_push_owned(struct strv *s, char *str)
{
	BT_GROW(s->v, s->cap, s->n + 1);
	s->v[s->n++] = str;
}

void
strv_push(struct strv *s, const char *str)
{
	strv_push_owned(s, xstrdup(str));
}

void
strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void
strv_truncate(struct strv *s, size_t n)
{
	while (s->n > n)
		free(s->v[--s->n]);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
strv_sort(struct strv *s)
{
	if (s->n > 1)
		qsort(s->v, s->n, sizeof(*s->v), cmp_str);
}

bool
strv_contains(const struct strv *s, const char *str)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->v[i], str) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ strings */

bool
str_eq(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

bool
str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void
str_copy(char *dst, size_t cap, const char *src, size_t len)
{
	if (len >= cap)
		len = cap - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

bool
str_ends(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

void
str_human_count(double n, char *out, size_t outlen)
{
	if (n < 10000)
		snprintf(out, outlen, "%.0f", n);
	else if (n < 1e6)
		snprintf(out, outlen, "%.1fk", n / 1e3);
	else
		snprintf(out, outlen, "%.1fM", n / 1e6);
}

void
str_human_size(size_t n, char *out, size_t outlen)
{
	if (n < 1024)
		snprintf(out, outlen, "%zu B", n);
	else if (n < 1024 * 1024)
		snprintf(out, outlen, "%.1f KB", (double)n / 1024);
	else
		snprintf(out, outlen, "%.1f MB", (double)n / (1024 * 1024));
}

const char *
str_url_path(const char *url)
{
	const char *p = strstr(url, "://");

	if (!p)
		return url;
	p = strchr(p + 3, '/');
	return p ? p : "/";
}

bool
str_to_long(const char *s, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

bool
str_to_double(const char *s, double *out)
{
	char *end;
	double v;

	if (!s || !*s)
		return false;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* ------------------------------------------------------------------ files */

const char *
file_type_name(unsigned mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return "a file";
	case S_IFDIR: return "a directory";
	case S_IFIFO: return "a FIFO";
	case S_IFCHR: return "a character device";
	case S_IFBLK: return "a block device";
	case S_IFSOCK: return "a socket";
	case S_IFLNK: return "a symbolic link";
	default: return "a special file";
	}
}

int
file_read(const char *path, size_t limit, char **data, size_t *len, bool *truncated,
	  struct bt_error *err)
{
	struct buf b;
	struct stat st;
	int fd;

	*data = NULL;
	*len = 0;
	if (truncated)
		*truncated = false;
	/* O_NONBLOCK: a FIFO is refused below, never waited on */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return bt_errorf(err, errno == ENOENT ? BT_ENOINPUT : BT_EIO, "%s: %s", path,
				 strerror(errno));
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		return bt_errorf(err, BT_EINPUT, "%s: %s, not a regular file", path,
				 file_type_name(st.st_mode));
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	buf_init(&b);
	for (;;) {
		size_t want = 1 << 16;
		ssize_t r;

		if (limit && b.len + want > limit)
			want = limit - b.len;
		if (want == 0) {
			char probe;
			if (read(fd, &probe, 1) == 1 && truncated)
				*truncated = true;
			break;
		}
		buf_reserve(&b, want);
		r = read(fd, b.data + b.len, want);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			close(fd);
			buf_free(&b);
			return bt_errorf(err, e == EISDIR ? BT_EINPUT : BT_EIO, "%s: %s", path,
					 strerror(e));
		}
		if (r == 0)
			break;
		b.len += (size_t)r;
	}
	close(fd);
	*len = b.len;
	*data = buf_steal(&b);
	return BT_OK;
}

bool
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

bool
file_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a);

	if (la == 0)
		return xstrdup(b);
	if (a[la - 1] == '/')
		return xasprintf("%s%s", a, b);
	return xasprintf("%s/%s", a, b);
}

const char *
path_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

char *
path_dirname(const char *path)
{
	const char *s = strrchr(path, '/');

	if (!s)
		return xstrdup(".");
	if (s == path)
		return xstrdup("/");
	return xasprintf("%.*s", (int)(s - path), path);
}

int
path_mkdirs(const char *path, struct bt_error *err)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			int e = errno;
			free(p);
			return bt_errorf(err, BT_EIO, "cannot create %s: %s", path, strerror(e));
		}
		*s = '/';
	}
	if (mkdir(p, 0755) != 0 && errno != EEXIST) {
		int e = errno;
		free(p);
		return bt_errorf(err, BT_EIO, "cannot create %s: %s", path, strerror(e));
	}
	free(p);
	return BT_OK;
}

void
roff_puts(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
		if (*s == '\n' && (s[1] == '.' || s[1] == '\''))
			fputs("\\&", out);
	}
}

static double
clock_seconds(clockid_t which)
{
	struct timespec ts;
	clock_gettime(which, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double
clock_now(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

void
file_walk(const char *dir, int max_depth, file_walk_fn fn, void *ctx)
{
	DIR *d;
	struct dirent *e;

	if (max_depth < 0 || !(d = opendir(dir)))
		return;
	while ((e = readdir(d))) {
		struct stat sb;
		char *p;

		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		p = path_join(dir, e->d_name);
		if (lstat(p, &sb) == 0) {
			fn(ctx, p, &sb);
			if (S_ISDIR(sb.st_mode))
				file_walk(p, max_depth - 1, fn, ctx);
		}
		free(p);
	}
	closedir(d);
}

static void
newest_of(void *ctx, const char *path, const struct stat *sb)
{
	double *newest = ctx, m = (double)sb->st_mtim.tv_sec + (double)sb->st_mtim.tv_nsec / 1e9;
	(void)path;
	if (m > *newest)
		*newest = m;
}

double
file_newest_mtime(const char *dir, int max_depth)
{
	double newest = 0;

	file_walk(dir, max_depth, newest_of, &newest);
	return newest;
}

double
clock_wall(void)
{
	return clock_seconds(CLOCK_REALTIME);
}

bool
process_alive(long pid)
{
	/* EPERM: it exists, as another user's process */
	return pid > 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

void
time_iso_now(char out[32])
{
	const char *fixed = getenv("BENCHTOP_FIXED_TIME");
	time_t t = time(NULL);
	struct tm tm;

	if (fixed && *fixed) {
		snprintf(out, 32, "%s", fixed);
		return;
	}
	localtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%S", &tm);
}

/* ------------------------------------------------------------ string set */

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

void
strset_init(struct strset *set, const struct strv *v)
{
	set->v = v;
	set->slots = NULL;
	set->cap = 0;
}

void
strset_free(struct strset *set)
{
	free(set->slots);
	set->slots = NULL;
	set->cap = 0;
}

static void
strset_put(size_t *slots, size_t cap, const struct strv *v, size_t idx)
{
	size_t i = (size_t)hash_str(v->v[idx]) & (cap - 1);

	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = idx + 1;
}

long
strset_find(const struct strset *set, const char *s)
{
	size_t i;

	if (!set->cap)
		return -1;
	i = (size_t)hash_str(s) & (set->cap - 1);
	while (set->slots[i]) {
		if (strcmp(set->v->v[set->slots[i] - 1], s) == 0)
			return (long)set->slots[i] - 1;
		i = (i + 1) & (set->cap - 1);
	}
	return -1;
}

bool
strset_has(const struct strset *set, const char *s)
{
	return strset_find(set, s) >= 0;
}

void
strset_added(struct strset *set, size_t idx)
{
	if ((idx + 1) * 2 > set->cap) {
		size_t ncap = set->cap ? set->cap * 2 : 64;
		size_t *slots = xcalloc(ncap, sizeof(*slots));

		for (size_t k = 0; k < idx; k++)
			strset_put(slots, ncap, set->v, k);
		free(set->slots);
		set->slots = slots;
		set->cap = ncap;
	}
	strset_put(set->slots, set->cap, set->v, idx);
}
