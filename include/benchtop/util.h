/* util.h: errors, allocation, growable buffers and small string helpers.
 *
 * Every layer reports failure the same way: a function returns an int status
 * (BT_OK or one of the exit-code-like values below) and fills a caller-owned
 * struct bt_error with a one-line message.  Allocation never fails: the x*
 * wrappers call bt_die() on exhaustion, which restores the terminal first.
 */
#ifndef BENCHTOP_UTIL_H
#define BENCHTOP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>

/* Status codes double as the process exit codes documented in benchtop(1). */
enum bt_status {
	BT_OK = 0,
	BT_EUSAGE = 1,   /* bad command line */
	BT_EINPUT = 65,  /* bad input data (EX_DATAERR) */
	BT_ENOINPUT = 66,/* an input file or store does not exist (EX_NOINPUT) */
	BT_ESOFTWARE = 70,/* internal error (EX_SOFTWARE) */
	BT_EIO = 74,     /* I/O or store error (EX_IOERR) */
};

struct bt_error {
	int code;        /* one of enum bt_status */
	char msg[1024];
};

/* Set err (may be NULL) and return code, so callers can `return bt_errorf(...)`. */
int bt_errorf(struct bt_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void bt_error_clear(struct bt_error *err);

/* Fatal exit: runs the registered cleanup (the TUI restores the terminal),
 * prints "benchtop: message" on stderr and exits with `code`. */
void bt_die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));
void bt_set_die_hook(void (*hook)(void));

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* realloc for arrays: grows *items to hold at least `need` elements. */
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap);

/* Grow an array pointed to by *pp (with *cap elements of `size` bytes) so
 * that it can hold `need` elements. */
void bt_grow(void **pp, size_t *cap, size_t need, size_t size);
#define BT_GROW(arr, cap, need) bt_grow((void **)&(arr), &(cap), (need), sizeof(*(arr)))

/* A growable byte buffer.  The buffer owns data; buf_free() releases it.
 * data is always NUL-terminated when len > 0 or after buf_cstr(). */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *b);
void buf_free(struct buf *b);
void buf_reset(struct buf *b);
void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
const char *buf_cstr(struct buf *b);
/* Hand the data over to the caller (who frees it); the buffer is emptied. */
char *buf_steal(struct buf *b);

/* A list of owned strings. */
struct strv {
	char **v;
	size_t n;
	size_t cap;
};
void strv_push(struct strv *s, const char *str);
void strv_push_owned(struct strv *s, char *str);
void strv_free(struct strv *s);
/* Drop (and free) the strings after the first n. */
void strv_truncate(struct strv *s, size_t n);
void strv_sort(struct strv *s);
bool strv_contains(const struct strv *s, const char *str);

/* A hash set over the strings of a strv (slots hold index + 1), so that
 * deduplication stays linear on hostile or huge inputs.  It borrows v. */
struct strset {
	const struct strv *v;
	size_t *slots;
	size_t cap;
};
void strset_init(struct strset *set, const struct strv *v);
void strset_free(struct strset *set);
bool strset_has(const struct strset *set, const char *s);
/* The index of s in the strv, or -1. */
long strset_find(const struct strset *set, const char *s);
/* Record that v->v[idx] (just pushed) is in the set. */
void strset_added(struct strset *set, size_t idx);

bool str_eq(const char *a, const char *b);
bool str_starts(const char *s, const char *prefix);
bool str_ends(const char *s, const char *suffix);
/* Copy src[0..len) into dst of cap bytes (cap > 0), cut to fit, NUL-ended:
 * snprintf("%s") without its cost, for copies made by the million. */
void str_copy(char *dst, size_t cap, const char *src, size_t len);
/* Numbers for people: "1803", "51.1k", "2.9M"; sizes "233 B", "12.3 KB". */
void str_human_count(double n, char *out, size_t outlen);
void str_human_size(size_t n, char *out, size_t outlen);
/* The path part of a URL: "http://conduit:8080/api/users?x=1" -> "/api/users?x=1". */
const char *str_url_path(const char *url);
/* strtol/strtod wrappers: the whole string must be a number. */
bool str_to_long(const char *s, long *out);
bool str_to_double(const char *s, double *out);

/* Read a whole file.  At most `limit` bytes are read (0 = no limit); when the
 * file is longer *truncated is set.  Returns BT_OK or an error: ENOENT gives
 * BT_ENOINPUT, anything but a regular file (a directory, a FIFO, a device)
 * BT_EINPUT without a blocking open, any other OS error BT_EIO; the message
 * names the path and the error.  *data is NUL-terminated and owned by the caller. */
int file_read(const char *path, size_t limit, char **data, size_t *len, bool *truncated,
	      struct bt_error *err);
bool file_exists(const char *path);
/* "a FIFO", "a character device", ... for a st_mode. */
const char *file_type_name(unsigned mode);
bool file_is_dir(const char *path);
/* Call fn with every entry below dir (not dir itself; lstat, links not
 * followed), to max_depth folders down, in no promised order. */
typedef void (*file_walk_fn)(void *ctx, const char *path, const struct stat *sb);
void file_walk(const char *dir, int max_depth, file_walk_fn fn, void *ctx);
/* The newest modification time (seconds since the epoch) below dir; 0 when empty. */
double file_newest_mtime(const char *dir, int max_depth);
/* Join two path parts with one '/'.  Caller frees. */
char *path_join(const char *a, const char *b);
const char *path_base(const char *path);
/* The directory part: "a/b" -> "a", "b" -> ".", "/b" -> "/".  Caller frees. */
char *path_dirname(const char *path);
/* Create a directory and its parents (mode 0755); BT_OK when it exists. */
int path_mkdirs(const char *path, struct bt_error *err);

/* Text for a man page: backslashes and hyphens escaped, a leading dot or
 * quote (on any line) neutralised. */
void roff_puts(FILE *out, const char *s);

/* Monotonic clock in seconds. */
double clock_now(void);
/* Wall-clock time in seconds since the epoch (to compare with file times). */
double clock_wall(void);
/* Whether process pid exists (on this host). */
bool process_alive(long pid);
/* Local time "YYYY-MM-DDTHH:MM:SS" (UTC with BENCHTOP_FIXED_TIME set, for tests). */
void time_iso_now(char out[32]);

#endif
