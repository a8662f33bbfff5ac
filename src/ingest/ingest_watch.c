/* ingest_watch.c: `import --watch`: following results trees and JSONL files
 * while a sweep writes them (see ingest.h).
 *
 * A tree's units are its task folders.  Each has a signature of everything
 * below it (names, sizes, modification times); a unit is due when its
 * signature differs from the one last imported and has not changed for the
 * quiet period.  inotify only says where to look again; the signatures
 * decide, so a missed event costs a delay, never a wrong import.  Polling
 * looks everywhere each second.
 */
#include "config.h"

#include "benchtop/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_SYS_INOTIFY_H
#include <sys/inotify.h>
#endif
#ifdef HAVE_SYS_VFS_H
#include <sys/vfs.h>
#endif

#include "benchtop/sanitize.h"
#include "benchtop/task.h"

/* Seconds between two scans of a polled tree. */
#define WATCH_POLL_INTERVAL 1.0
/* The longest wait without looking (JSONL files are looked at then too). */
#define WATCH_MAX_WAIT 5.0
/* Folders deeper than this below a task folder are not looked into. */
#define WATCH_UNIT_DEPTH 6
/* A run folder without its Newman CSV is taken as it is once nothing in it
 * changed for this many quiet periods: its pipeline died (the generator
 * makes such folders, and a one-shot import takes them). */
#define WATCH_UNFINISHED_QUIETS 10
/* Deep enough for repo/data/results/runtime/agent/model/task/date/run/conv/events. */
#define WATCH_MAX_DEPTH 12

enum how { HOW_INOTIFY, HOW_POLL };

/* A task folder. */
struct unit {
	uint64_t sig;          /* of its content when last looked at; 0: not yet */
	uint64_t imported_sig; /* when last imported */
	double changed_at;     /* when sig last changed */
	double retry_at;       /* when to look at run folders left unfinished; 0: none */
	bool dirty;            /* to look at again */
};

struct tree {
	char *path;          /* as given, for messages */
	char *real;          /* resolved: every folder path below starts with it */
	enum how how;
	struct strv dirs;    /* the units' task folders, */
	struct strset index; /* as a set */
	struct unit *units;  /* units[i] is dirs.v[i] */
	size_t cap;
	double next_scan;    /* polling: when to walk the tree again */
};

/* A JSONL file. */
struct file {
	char *path;
	struct jsonl_pos pos;
	dev_t dev;
	ino_t ino;
	off_t size; /* at the last look */
};

/* An inotify watch: the folder, and its tree (-1: a JSONL file's folder). */
struct wd {
	int wd;
	long tree;
	char *path;
};

struct watch {
	struct store *st;
	struct import_options o;
	struct watch_options wo;
	struct tree *trees;
	size_t n_trees, cap_trees;
	struct file *files;
	size_t n_files, cap_files;
	int fd; /* inotify; -1 when no tree or file uses it */
	struct wd *wds; /* sorted by wd */
	size_t n_wds, cap_wds;
	struct strv pending;    /* folders to look for new task folders in, */
	struct strv pending_tree; /* and their trees (as decimal strings) */
	struct strv live;       /* runs marked live */
	long pid;
};

static void
say(const struct watch *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A line on stderr (--verbose), sanitized: it quotes paths. */
static void
say(const struct watch *w, const char *fmt, ...)
{
	struct san_opts so = {.utf8 = w->wo.utf8};
	struct buf raw, out;
	va_list ap;

	buf_init(&raw);
	buf_init(&out);
	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	sanitize_to_buf(raw.data, raw.len, &so, &out);
	fprintf(stderr, "%s\n", buf_cstr(&out));
	buf_free(&raw);
	buf_free(&out);
}

/* ------------------------------------------------------------ signatures */

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

struct signing {
	uint64_t sig;
	double newest;
};

/* Add an entry's signature (a sum: readdir's order is not promised) and
 * note the newest modification time. */
static void
sign_entry(void *ctx, const char *path, const struct stat *sb)
{
	struct signing *g = ctx;
	int64_t v[4] = {(int64_t)sb->st_size, (int64_t)sb->st_mtim.tv_sec,
			(int64_t)sb->st_mtim.tv_nsec, (int64_t)sb->st_ino};
	double m = (double)sb->st_mtim.tv_sec + (double)sb->st_mtim.tv_nsec / 1e9;
	uint64_t h = fnv(0xcbf29ce484222325ULL, path, strlen(path));

	g->sig += fnv(h, v, sizeof(v));
	if (m > g->newest)
		g->newest = m;
}

/* Never 0, which means "not looked at". */
static uint64_t
unit_sign(const char *dir, double *newest)
{
	struct signing g = {0, 0};

	file_walk(dir, WATCH_UNIT_DEPTH, sign_entry, &g);
	*newest = g.newest;
	return g.sig | 1;
}

/* ------------------------------------------------------------ inotify */

#ifdef HAVE_SYS_INOTIFY_H
#define WATCH_MASK                                                                         \
	(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | \
	 IN_ATTRIB | IN_DELETE_SELF | IN_ONLYDIR)
#endif

static struct wd *
wd_find(struct watch *w, int wd, size_t *at)
{
	size_t lo = 0, hi = w->n_wds;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (w->wds[mid].wd < wd)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return lo < w->n_wds && w->wds[lo].wd == wd ? &w->wds[lo] : NULL;
}

static void
wd_forget(struct watch *w, int wd)
{
	size_t at;
	struct wd *e = wd_find(w, wd, &at);

	if (!e)
		return;
	free(e->path);
	memmove(e, e + 1, (w->n_wds - at - 1) * sizeof(*e));
	w->n_wds--;
}

/* Watch dir (and, for a tree, every folder below it).  False when inotify
 * ran out of watches: the caller polls instead. */
static bool
watch_dir(struct watch *w, long tree, const char *dir, int depth)
{
#ifdef HAVE_SYS_INOTIFY_H
	struct strv subs = {0};
	size_t at;
	int wd;
	DIR *d;
	struct dirent *e;
	bool ok = true;

	if (depth > WATCH_MAX_DEPTH)
		return true;
	if ((wd = inotify_add_watch(w->fd, dir, WATCH_MASK)) < 0)
		return errno != ENOSPC && errno != ENOMEM; /* else it is gone: nothing to watch */
	if (!wd_find(w, wd, &at)) {
		BT_GROW(w->wds, w->cap_wds, w->n_wds + 1);
		memmove(w->wds + at + 1, w->wds + at, (w->n_wds - at) * sizeof(*w->wds));
		w->wds[at] = (struct wd){wd, tree, xstrdup(dir)};
		w->n_wds++;
	}
	if (tree < 0 || !(d = opendir(dir)))
		return true;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.') {
			char *p = path_join(dir, e->d_name);
			if (file_is_dir(p))
				strv_push(&subs, e->d_name);
			free(p);
		}
	closedir(d);
	for (size_t i = 0; i < subs.n && ok; i++) {
		char *p = path_join(dir, subs.v[i]);
		ok = watch_dir(w, tree, p, depth + 1);
		free(p);
	}
	strv_free(&subs);
	return ok;
#else
	(void)w, (void)tree, (void)dir, (void)depth;
	return false;
#endif
}

/* Why inotify cannot be trusted on path's file system, or NULL. */
static const char *
blind_fs(const char *path)
{
#ifdef HAVE_SYS_VFS_H
	static const struct {
		unsigned long magic;
		const char *name;
	} blind[] = {
		{0x6969, "NFS"},           {0x517B, "SMB"},        {0xFF534D42, "CIFS"},
		{0xFE534D42, "SMB2"},      {0x65735546, "FUSE"},   {0x00C36400, "Ceph"},
		{0x01021997, "9P"},        {0x5346414F, "AFS"},    {0x73757245, "Coda"},
		{0x0BD00BD0, "Lustre"},    {0x47504653, "GPFS"},   {0x01161970, "GFS2"},
		{0x7461636F, "OCFS2"},     {0x786F4256, "vboxsf"},
	};
	struct statfs sf;

	if (statfs(path, &sf) != 0)
		return NULL;
	for (size_t i = 0; i < sizeof(blind) / sizeof(blind[0]); i++)
		if ((unsigned long)(uint32_t)sf.f_type == blind[i].magic)
			return blind[i].name;
#else
	(void)path;
#endif
	return NULL;
}

/* ------------------------------------------------------------ units */

static size_t
unit_add(struct tree *t, const char *dir)
{
	strv_push(&t->dirs, dir);
	strset_added(&t->index, t->dirs.n - 1);
	BT_GROW(t->units, t->cap, t->dirs.n);
	memset(&t->units[t->dirs.n - 1], 0, sizeof(struct unit));
	t->units[t->dirs.n - 1].dirty = true;
	return t->dirs.n - 1;
}

/* The unit dir is in, or -1 (dir is above the task folders). */
static long
unit_of(struct tree *t, const char *dir)
{
	char *p = xstrdup(dir);
	size_t root = strlen(t->real);
	long found = -1;

	while (strlen(p) > root && (found = strset_find(&t->index, p)) < 0) {
		char *up = path_dirname(p);
		free(p);
		p = up;
	}
	free(p);
	return found;
}

/* Look for task folders below dir; new ones become units. */
static void
discover(const struct watch *w, struct tree *t, const char *dir)
{
	struct strv found = {0};

	tree_find_task_folders(t->real, dir, &w->o, &found);
	for (size_t i = 0; i < found.n; i++)
		if (!strset_has(&t->index, found.v[i]))
			unit_add(t, found.v[i]);
	strv_free(&found);
}

/* Look at a unit again: a new signature restarts its quiet period. */
static void
unit_look(const struct watch *w, struct tree *t, size_t i, double now)
{
	struct unit *u = &t->units[i];
	double newest;
	uint64_t sig = unit_sign(t->dirs.v[i], &newest);

	u->dirty = false;
	if (sig == u->sig)
		return;
	/* first seen: files untouched for the quiet period are ready now */
	if (!u->sig && clock_wall() - newest >= w->wo.quiet_period)
		u->changed_at = now - w->wo.quiet_period;
	else
		u->changed_at = now;
	u->sig = sig;
}

/* ------------------------------------------------------------ importing */

/* "run 57/240" (80 generation tasks x the most attempts a task has). */
static void
progress_text(struct watch *w, const char *run, struct buf *out)
{
	struct run_progress p;

	if (store_run_progress(w->st, run, &p, NULL))
		return;
	buf_printf(out, "; %s ", run);
	if (p.max_task_attempts)
		buf_printf(out, "%ld/%ld", p.attempts, TASK_N_GENERATION * p.max_task_attempts);
	if (p.feature_attempts)
		buf_printf(out, "%s%ld feature", p.max_task_attempts ? " + " : "",
			   p.feature_attempts);
	buf_puts(out, " attempts");
}

/* The line for one unit imported, and the runs it touched marked live. */
static int
unit_done(struct watch *w, const char *what, const struct import_summary *sum,
	  struct bt_error *err)
{
	struct buf line, safe;
	struct san_opts so = {.utf8 = w->wo.utf8};
	int rc = BT_OK;

	if (!sum->attempts && !sum->replaced && !sum->bad_lines.n)
		return BT_OK;
	for (size_t i = 0; i < sum->runs.n && !rc; i++)
		if (!strv_contains(&w->live, sum->runs.v[i])) {
			if ((rc = store_begin(w->st, err)) ||
			    (rc = store_mark_live(w->st, sum->runs.v[i], w->pid, err)) ||
			    (rc = store_commit(w->st, err))) {
				store_rollback(w->st);
				return rc;
			}
			strv_push(&w->live, sum->runs.v[i]);
		}
	if (!w->wo.out)
		return BT_OK;
	buf_init(&line);
	buf_init(&safe);
	buf_printf(&line, "%s: %ld attempt%s", what, sum->attempts, sum->attempts == 1 ? "" : "s");
	if (sum->replaced)
		buf_printf(&line, ", %ld of an older batch removed", sum->replaced);
	if (sum->bad_lines.n)
		buf_printf(&line, ", %zu bad line%s (%s)", sum->bad_lines.n,
			   sum->bad_lines.n == 1 ? "" : "s", sum->bad_lines.v[0]);
	for (size_t i = 0; i < sum->runs.n; i++)
		progress_text(w, sum->runs.v[i], &line);
	sanitize_to_buf(line.data, line.len, &so, &safe);
	fprintf(w->wo.out, "%s\n", buf_cstr(&safe));
	fflush(w->wo.out);
	buf_free(&line);
	buf_free(&safe);
	return BT_OK;
}

/* A store failure stops the watch; a bad unit is reported and skipped. */
static int
unit_failed(struct watch *w, int rc, const struct bt_error *e, struct bt_error *err)
{
	if (rc != BT_EINPUT && rc != BT_ENOINPUT)
		return bt_errorf(err, rc, "%s", e->msg);
	say(w, "benchtop: %s (not imported)", e->msg);
	return BT_OK;
}

static int
import_unit(struct watch *w, struct tree *t, size_t i, double now, struct bt_error *err)
{
	struct import_summary sum = {0};
	struct bt_error e = {0};
	char *dirs[1] = {t->dirs.v[i]};
	const char *rel = t->dirs.v[i] + strlen(t->real);
	int rc;

	rc = tree_import_folders(w->st, t->real, dirs, 1, &w->o, &sum, &e);
	t->units[i].imported_sig = t->units[i].sig;
	t->units[i].retry_at = sum.waiting ? now + w->o.unfinished_after : 0;
	if (rc)
		rc = unit_failed(w, rc, &e, err);
	else
		rc = unit_done(w, *rel == '/' ? rel + 1 : rel, &sum, err);
	import_summary_free(&sum);
	return rc;
}

static int
import_file(struct watch *w, struct file *f, long *units, struct bt_error *err)
{
	struct import_summary sum = {0};
	struct bt_error e = {0};
	long first = f->pos.lineno + 1;
	int rc;

	rc = jsonl_import_appended(w->st, f->path, &f->pos, &w->o, &sum, &e);
	if (rc)
		rc = unit_failed(w, rc, &e, err);
	else if (f->pos.lineno >= first) {
		char *what = xasprintf("%s lines %ld-%ld", f->path, first, f->pos.lineno);
		rc = unit_done(w, what, &sum, err);
		free(what);
		++*units;
	}
	import_summary_free(&sum);
	return rc;
}

/* ------------------------------------------------------------ signals */

static volatile sig_atomic_t stop_signal;

static void
on_stop(int sig)
{
	stop_signal = sig;
}

/* A SIGINT or SIGTERM waiting while they are blocked (during a unit). */
static bool
stop_pending(void)
{
	sigset_t set;

	if (stop_signal)
		return true;
	sigemptyset(&set);
	return sigpending(&set) == 0 && (sigismember(&set, SIGINT) || sigismember(&set, SIGTERM));
}

/* ------------------------------------------------------------ the watch */

static void
take_events(struct watch *w)
{
#ifdef HAVE_SYS_INOTIFY_H
	char buf[16384];
	ssize_t n;

	if (w->fd < 0)
		return;
	while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + n;) {
			/* copied out: the bytes need not be aligned for the struct */
			struct inotify_event ev;
			const char *name = p + sizeof(ev);
			size_t at;
			struct wd *e;

			memcpy(&ev, p, sizeof(ev));
			p += sizeof(ev) + ev.len;
			if (ev.mask & IN_Q_OVERFLOW) {
				/* events were lost: look at everything */
				for (size_t t = 0; t < w->n_trees; t++) {
					strv_push(&w->pending, w->trees[t].real);
					strv_push_owned(&w->pending_tree, xasprintf("%zu", t));
					for (size_t i = 0; i < w->trees[t].dirs.n; i++)
						w->trees[t].units[i].dirty = true;
				}
				continue;
			}
			if (!(e = wd_find(w, ev.wd, &at)))
				continue;
			if (ev.mask & IN_IGNORED) {
				wd_forget(w, ev.wd);
				continue;
			}
			if (e->tree < 0)
				continue; /* a JSONL file's folder: files are looked at anyway */
			struct tree *t = &w->trees[e->tree];
			long tree = e->tree;
			char *dir = xstrdup(e->path); /* e moves when watches are added */
			if ((ev.mask & IN_ISDIR) && (ev.mask & (IN_CREATE | IN_MOVED_TO)) && ev.len) {
				char *sub = path_join(dir, name);
				if (!watch_dir(w, tree, sub, 0) && t->how == HOW_INOTIFY) {
					t->how = HOW_POLL;
					if (w->wo.verbose)
						say(w, "watching %s: polling every %.0f s (inotify ran out "
						    "of watches: see fs.inotify.max_user_watches)",
						    t->path, WATCH_POLL_INTERVAL);
				}
				free(sub);
			}
			long u = unit_of(t, dir);
			if (u >= 0)
				t->units[u].dirty = true;
			else if (!strv_contains(&w->pending, dir)) {
				strv_push(&w->pending, dir);
				strv_push_owned(&w->pending_tree, xasprintf("%ld", tree));
			}
			free(dir);
		}
	}
	for (size_t i = 0; i < w->pending.n; i++)
		discover(w, &w->trees[strtoul(w->pending_tree.v[i], NULL, 10)], w->pending.v[i]);
	strv_truncate(&w->pending, 0);
	strv_truncate(&w->pending_tree, 0);
#else
	(void)w;
#endif
}

static int
update_tree(struct watch *w, struct tree *t, double now, long *units, struct bt_error *err)
{
	int rc;

	if (t->how == HOW_POLL && now >= t->next_scan) {
		discover(w, t, t->real);
		for (size_t i = 0; i < t->dirs.n; i++)
			t->units[i].dirty = true;
		t->next_scan = now + WATCH_POLL_INTERVAL;
	}
	for (size_t i = 0; i < t->dirs.n; i++)
		if (t->units[i].dirty)
			unit_look(w, t, i, now);
	for (size_t i = 0; i < t->dirs.n; i++) {
		struct unit *u = &t->units[i];
		bool retry = u->retry_at && now >= u->retry_at;
		if ((u->sig == u->imported_sig && !retry) || now - u->changed_at < w->wo.quiet_period)
			continue;
		/* still as it was? (a change inotify did not report shows here) */
		unit_look(w, t, i, now);
		if (now - u->changed_at < w->wo.quiet_period)
			continue;
		if ((rc = import_unit(w, t, i, now, err)))
			return rc;
		++*units;
		if (stop_pending())
			return BT_OK;
	}
	return BT_OK;
}

static int
update_file(struct watch *w, struct file *f, long *units, struct bt_error *err)
{
	struct stat sb;

	if (stat(f->path, &sb) != 0)
		return BT_OK; /* gone for now: it may come back */
	if (sb.st_dev != f->dev || sb.st_ino != f->ino || sb.st_size < f->pos.offset) {
		/* replaced or cut: import it again from the start (idempotent) */
		f->dev = sb.st_dev;
		f->ino = sb.st_ino;
		f->pos = (struct jsonl_pos){0, 0};
	} else if (sb.st_size == f->size) {
		return BT_OK;
	}
	f->size = sb.st_size;
	return import_file(w, f, units, err);
}

int
watch_update(struct watch *w, double now, long *units, struct bt_error *err)
{
	int rc = BT_OK;

	*units = 0;
	take_events(w);
	for (size_t i = 0; i < w->n_files && !rc && !stop_pending(); i++)
		rc = update_file(w, &w->files[i], units, err);
	for (size_t i = 0; i < w->n_trees && !rc && !stop_pending(); i++)
		rc = update_tree(w, &w->trees[i], now, units, err);
	return rc;
}

/* Seconds until something may be due. */
static double
next_due(const struct watch *w, double now)
{
	double wait = WATCH_MAX_WAIT;

	for (size_t t = 0; t < w->n_trees; t++) {
		const struct tree *tr = &w->trees[t];
		if (tr->how == HOW_POLL && tr->next_scan - now < wait)
			wait = tr->next_scan - now;
		for (size_t i = 0; i < tr->dirs.n; i++) {
			const struct unit *u = &tr->units[i];
			double due = u->changed_at + w->wo.quiet_period;
			if (u->sig == u->imported_sig && !u->retry_at)
				continue;
			if (u->sig == u->imported_sig && u->retry_at > due)
				due = u->retry_at;
			if (due - now < wait)
				wait = due - now;
		}
	}
	for (size_t i = 0; i < w->n_files; i++)
		if (w->fd < 0 && WATCH_POLL_INTERVAL < wait)
			wait = WATCH_POLL_INTERVAL;
	return wait > 0 ? wait : 0;
}

int
watch_run(struct watch *w, struct bt_error *err)
{
	struct sigaction sa, old_int, old_term;
	sigset_t block, unblocked;
	int rc = BT_OK;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	/* blocked but while waiting: a unit is never cut short */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, &unblocked);
	sigdelset(&unblocked, SIGINT);
	sigdelset(&unblocked, SIGTERM);
	stop_signal = 0;
	while (!rc && !stop_pending()) {
		double now = clock_now(), wait;
		struct timespec ts;
		fd_set fds;
		long units;

		if ((rc = watch_update(w, now, &units, err)) || stop_pending())
			break;
		wait = next_due(w, clock_now());
		ts.tv_sec = (time_t)wait;
		ts.tv_nsec = (long)((wait - (double)ts.tv_sec) * 1e9);
		FD_ZERO(&fds);
		if (w->fd >= 0)
			FD_SET(w->fd, &fds);
		pselect(w->fd >= 0 ? w->fd + 1 : 0, w->fd >= 0 ? &fds : NULL, NULL, NULL, &ts,
			&unblocked);
	}
	sigprocmask(SIG_UNBLOCK, &block, NULL); /* a pending stop is taken here */
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	return rc;
}

static int
add_tree(struct watch *w, const char *path, struct bt_error *err)
{
	char real[PATH_MAX];
	struct tree *t;
	const char *blind;

	if (!realpath(path, real))
		return bt_errorf(err, BT_ENOINPUT, "%s: cannot resolve the path", path);
	BT_GROW(w->trees, w->cap_trees, w->n_trees + 1);
	t = &w->trees[w->n_trees];
	memset(t, 0, sizeof(*t));
	t->path = xstrdup(path);
	t->real = xstrdup(real);
	strset_init(&t->index, &t->dirs);
	blind = blind_fs(real);
	t->how = HOW_POLL;
	if (!blind && !w->wo.force_poll && w->fd >= 0) {
		t->how = HOW_INOTIFY;
		if (!watch_dir(w, (long)w->n_trees, real, 0)) {
			t->how = HOW_POLL;
			blind = "inotify ran out of watches: see fs.inotify.max_user_watches";
		}
	}
	if (w->wo.verbose) {
		if (t->how == HOW_INOTIFY)
			say(w, "watching %s: inotify", path);
		else
			say(w, "watching %s: polling every %.0f s (%s)", path, WATCH_POLL_INTERVAL,
			    blind ? blind : w->wo.force_poll ? "asked for" : "no inotify here");
	}
	discover(w, t, real);
	w->n_trees++;
	return BT_OK;
}

static int
add_file(struct watch *w, const char *path, struct bt_error *err)
{
	struct file *f;
	char *dir;

	BT_GROW(w->files, w->cap_files, w->n_files + 1);
	f = &w->files[w->n_files++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	f->size = -1;
	dir = path_dirname(path);
	if (w->fd >= 0 && !w->wo.force_poll && !blind_fs(dir))
		watch_dir(w, -1, dir, 0);
	if (w->wo.verbose)
		say(w, "watching %s: %s", path,
		    w->fd >= 0 && !w->wo.force_poll && !blind_fs(dir) ? "inotify" :
		    "polling every 1 s");
	free(dir);
	(void)err;
	return BT_OK;
}

int
watch_open(struct store *st, char *const *paths, size_t n, const struct import_options *o,
	   const struct watch_options *wo, struct watch **out, struct bt_error *err)
{
	struct watch *w = xcalloc(1, sizeof(*w));
	int rc = BT_OK;

	w->st = st;
	w->o = *o;
	w->o.quiet = true;
	w->o.progress = false;
	w->o.unfinished_after = WATCH_UNFINISHED_QUIETS * wo->quiet_period;
	w->o.keep_going = true;    /* a bad line must not hold back the lines after it */
	w->wo = *wo;
	w->pid = (long)getpid();
	w->fd = -1;
#ifdef HAVE_SYS_INOTIFY_H
	if (!wo->force_poll)
		w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
#endif
	store_share(st);
	for (size_t i = 0; i < n && !rc; i++) {
		enum input_kind k;
		if ((rc = import_sniff(paths[i], &k, err)))
			break;
		if (k == INPUT_TREE)
			rc = add_tree(w, paths[i], err);
		else if (k == INPUT_JSONL)
			rc = add_file(w, paths[i], err);
		else {
			/* judge CSVs and task JSONs: once, as a plain import */
			struct import_summary sum = {0};
			rc = import_paths(st, paths + i, 1, &w->o, &sum, err);
			if (!rc && wo->verbose)
				say(w, "%s: imported once (only trees and JSONL files are watched)",
				    paths[i]);
			import_summary_free(&sum);
		}
	}
	if (rc) {
		watch_close(w, NULL);
		return rc;
	}
	*out = w;
	return BT_OK;
}

int
watch_close(struct watch *w, struct bt_error *err)
{
	int rc = BT_OK;

	if (w->live.n)
		rc = store_clear_live(w->st, w->pid, err);
	for (size_t i = 0; i < w->n_trees; i++) {
		struct tree *t = &w->trees[i];
		free(t->path);
		free(t->real);
		strset_free(&t->index);
		strv_free(&t->dirs);
		free(t->units);
	}
	free(w->trees);
	for (size_t i = 0; i < w->n_files; i++)
		free(w->files[i].path);
	free(w->files);
	for (size_t i = 0; i < w->n_wds; i++)
		free(w->wds[i].path);
	free(w->wds);
	if (w->fd >= 0)
		close(w->fd);
	strv_free(&w->pending);
	strv_free(&w->pending_tree);
	strv_free(&w->live);
	free(w);
	return rc;
}
