/* ingest_tree.c: the benchmark's own results tree (upstream-format.md 1).
 *
 *   data/results/{runtime}/{agent}/{model}/{task}/{date}/run_N/
 *
 * PATH may be the tree, any folder above a task (everything below is
 * imported, newest date folder per task), a date folder (that batch only) or
 * a single run folder (that attempt only).  A task folder is one unit: its
 * attempts are committed together, so a killed import leaves whole tasks.
 */
#include "config.h"

#include "benchtop/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#ifdef __linux__
#include <linux/magic.h>
#include <sys/vfs.h>
#endif

/* Commit after this many attempts (at a task boundary). */
#define TREE_COMMIT_EVERY 500
/* Deep enough for repo/data/results/runtime/agent/model/task. */
#define TREE_MAX_DEPTH 8

/* Any run_* folder marks a date folder; run_number() says if it is one. */
static bool
is_run_name(const char *name)
{
	return str_starts(name, "run_");
}

/* N of run_N (no sign, no leading zero, at most 999999), or -1: run_-1 or
 * run_01 is no attempt number, and atoi would make it one. */
static int
run_number(const char *name)
{
	const char *d = name + 4;
	size_t n = strlen(d);

	if (!is_run_name(name) || n == 0 || n > 6 || (d[0] == '0' && n > 1) ||
	    strspn(d, "0123456789") != n)
		return -1;
	return atoi(d);
}

/* The feature walker only takes timestamp-like date folders (spec 1.2). */
static bool
is_timestamp_name(const char *name)
{
	return strlen(name) >= 10 && name[4] == '-' && name[7] == '-';
}

/* Subdirectory names of dir, sorted as strings.  Returns 0, or the errno
 * of a folder that cannot be listed. */
static int
list_dirs(const char *dir, struct strv *out, struct strv *files)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return errno ? errno : EIO;
	while ((e = readdir(d))) {
		bool isdir;
		if (e->d_name[0] == '.' && (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
			continue;
		if (e->d_type == DT_DIR)
			isdir = true;
		else if (e->d_type == DT_UNKNOWN || e->d_type == DT_LNK) {
			char *p = path_join(dir, e->d_name);
			isdir = file_is_dir(p);
			free(p);
		} else
			isdir = false;
		if (isdir && out)
			strv_push(out, e->d_name);
		else if (!isdir && files)
			strv_push(files, e->d_name);
	}
	closedir(d);
	if (out)
		strv_sort(out);
	if (files)
		strv_sort(files);
	return 0;
}

static bool
has_run_dirs(const char *dir)
{
	struct strv subs = {0};
	bool found = false;

	if (list_dirs(dir, &subs, NULL) == 0)
		for (size_t i = 0; i < subs.n && !found; i++)
			found = is_run_name(subs.v[i]);
	strv_free(&subs);
	return found;
}

/* What to import below one task folder. */
struct tree_unit {
	const char *task_dir; /* .../{runtime}/{agent}/{model}/{task}, in tree_walk.dirs */
	char *date;       /* the date folder chosen */
	char *only_run;   /* import just this run folder, or NULL */
	bool whole_batch; /* the whole date folder: prune attempts not in it */
};

struct tree_walk {
	struct tree_unit *units;
	size_t n, cap;
	struct strv dirs;    /* the units' task folders, */
	struct strset seen;  /* as a set: a tree has 40,000 of them */
	struct import_summary *sum;
	const struct ingest_scope *scope;
};

static void
add_unit(struct tree_walk *w, const char *task_dir, const char *date, const char *only_run,
	 bool whole)
{
	struct tree_unit *u;

	if (strset_has(&w->seen, task_dir))
		return;
	strv_push(&w->dirs, task_dir);
	strset_added(&w->seen, w->dirs.n - 1);
	BT_GROW(w->units, w->cap, w->n + 1);
	u = &w->units[w->n++];
	u->task_dir = w->dirs.v[w->dirs.n - 1];
	u->date = xstrdup(date);
	u->only_run = only_run ? xstrdup(only_run) : NULL;
	u->whole_batch = whole;
}

/* A folder of the input that cannot be read: named with the OS error;
 * the import exits 74. */
static void
read_error(struct import_summary *sum, const char *path, int e)
{
	strv_push_owned(&sum->unreadable, xasprintf("%s: %s", path, strerror(e)));
	sum->read_errors++;
}

/* A task folder found while walking: pick its newest date folder. */
static void
add_task_dir(struct tree_walk *w, const char *task_dir)
{
	struct strv dates = {0};
	char *model_dir = path_dirname(task_dir), *agent_dir = path_dirname(model_dir);
	char *runtime_dir = path_dirname(agent_dir);
	bool feature = task_framework_is_feature_folder(path_base(runtime_dir));
	const char *newest = NULL;

	int e = list_dirs(task_dir, &dates, NULL);
	if (e)
		read_error(w->sum, task_dir, e);
	/* sorted ascending: the last eligible name is the newest */
	for (size_t i = 0; i < dates.n; i++)
		if (!feature || is_timestamp_name(dates.v[i]))
			newest = dates.v[i];
	if (newest) {
		for (size_t i = 0; i < dates.n; i++) {
			if (dates.v[i] == newest || (feature && !is_timestamp_name(dates.v[i])))
				continue;
			char *p = path_join(task_dir, dates.v[i]);
			w->sum->superseded++;
			strv_push_owned(&w->sum->superseded_paths, p);
		}
		add_unit(w, task_dir, newest, NULL, true);
	}
	strv_free(&dates);
	free(model_dir);
	free(agent_dir);
	free(runtime_dir);
}

static void
walk(struct tree_walk *w, const char *dir, int depth)
{
	struct strv subs = {0};
	int e;

	struct bt_error err;

	if (depth > TREE_MAX_DEPTH)
		goto out;
	/* a linked folder may lead anywhere (/proc/1/root is /) */
	if ((e = ingest_scope_check_entry(w->scope, dir, &err))) {
		strv_push(&w->sum->unreadable, err.msg);
		w->sum->read_errors += e == BT_EIO;
		goto out;
	}
	if ((e = list_dirs(dir, &subs, NULL))) {
		read_error(w->sum, dir, e);
		goto out;
	}
	for (size_t i = 0; i < subs.n; i++) {
		if (is_run_name(subs.v[i])) {
			/* dir is a date folder */
			char *task_dir = path_dirname(dir);
			add_task_dir(w, task_dir);
			free(task_dir);
			goto out;
		}
	}
	for (size_t i = 0; i < subs.n; i++) {
		char *p = path_join(dir, subs.v[i]);
		if (has_run_dirs(p)) {
			add_task_dir(w, dir);
			free(p);
			goto out;
		}
		free(p);
	}
	for (size_t i = 0; i < subs.n; i++) {
		char *p = path_join(dir, subs.v[i]);
		walk(w, p, depth + 1);
		free(p);
	}
out:
	strv_free(&subs);
}

/* ------------------------------------------------------------ one attempt */

/* The lexicographically greatest name with the prefix and suffix (the newest
 * Newman CSV; spec 1.3), and how many there were. */
static const char *
newest_file(const struct strv *files, const char *prefix, const char *suffix, size_t *count)
{
	const char *best = NULL;

	*count = 0;
	for (size_t i = 0; i < files->n; i++)
		if (str_starts(files->v[i], prefix) && str_ends(files->v[i], suffix)) {
			(*count)++;
			best = files->v[i]; /* sorted ascending */
		}
	return best;
}

static int
read_report(struct attempt *a, const char *dir, const struct strv *files,
	    const struct assertion_catalogue *cat, const struct ingest_scope *scope,
	    struct bt_error *rerr)
{
	size_t count;
	const char *csv = newest_file(files, "newman-run-report-", ".csv", &count);
	char *path, *data;
	size_t len;
	bool trunc;
	struct bt_error err;
	int rc;

	if (!csv)
		return BT_OK;
	if (count > 1) {
		a->flags |= ATTEMPT_MULTIPLE_REPORTS;
		attempt_problem(a, "%zu Newman reports in the folder; used the newest, %s", count,
				csv);
	}
	path = path_join(dir, csv);
	if (!(rc = ingest_scope_check_entry(scope, path, &err)))
		rc = file_read(path, INGEST_ARTIFACT_LIMIT, &data, &len, &trunc, &err);
	if (rc == BT_EIO) {
		/* unread is not "no report": the task folder fails */
		bt_errorf(rerr, rc, "%s", err.msg);
	} else if (rc) {
		attempt_problem(a, "report: %s", err.msg);
		a->flags |= ATTEMPT_BROKEN_REPORT;
		rc = BT_OK;
	} else {
		if (trunc)
			attempt_problem(a, "report: %s is larger than %u MB; read the start only", csv,
					INGEST_ARTIFACT_LIMIT >> 20);
		if (newman_parse(data, len, csv, cat, a, &err)) {
			attempt_problem(a, "report: %s", err.msg);
			a->flags |= ATTEMPT_BROKEN_REPORT;
		}
		free(data);
	}
	free(path);
	return rc;
}

/* One file of a run folder as an artifact: outside the scope or missing,
 * a problem on the attempt; an OS error goes to errors. */
static void
read_entry(struct attempt *a, enum artifact_kind kind, const char *path,
	   const struct ingest_scope *scope, struct strv *errors)
{
	struct bt_error err;
	int e = ingest_scope_check_entry(scope, path, &err);

	if (e == BT_OK)
		e = ingest_read_artifact(a, kind, path, NULL, &err);
	else if (e != BT_EIO)
		attempt_problem(a, "%s: not read: %s", artifact_kind_name(kind), err.msg);
	if (e == BT_EIO)
		strv_push(errors, err.msg);
}

/* The trajectory, by agent as upstream's trajectory_analysis.py reads it:
 * Mini-SWE's mini/trajectory.json, OpenHands' first subfolder holding a
 * base_state.json; another agent's run may have either. */
static void
read_trajectory(struct attempt *a, const char *dir, const struct strv *subdirs,
		const struct ingest_scope *scope, struct strv *errors)
{
	struct artifact *t = &a->artifacts[ARTIFACT_TRAJECTORY];
	bool mini_ok = !str_eq(a->run.agent, "openhands_sdk");
	bool openhands_ok = !str_eq(a->run.agent, "mini_swe_sdk");
	char *mini_dir = path_join(dir, "mini"), *mini = path_join(mini_dir, "trajectory.json");
	struct bt_error e;
	int rc;

	if (mini_ok && file_exists(mini)) {
		/* mini/ itself may be a link */
		if (!(rc = ingest_scope_check_entry(scope, mini_dir, &e)))
			read_entry(a, ARTIFACT_TRAJECTORY, mini, scope, errors);
		else if (rc == BT_EIO)
			strv_push(errors, e.msg);
		else
			attempt_problem(a, "trajectory: not read: %s", e.msg);
		if (t->present)
			snprintf(t->format, sizeof(t->format), "mini");
	} else if (openhands_ok) {
		for (size_t i = 0; i < subdirs->n; i++) {
			char *conv = path_join(dir, subdirs->v[i]);
			char *base = path_join(conv, "base_state.json");
			bool found = file_exists(base);
			if (found) {
				char *data;
				size_t len;
				if (!(rc = ingest_scope_check_entry(scope, conv, &e)))
					rc = ingest_bundle_openhands(conv, scope, &data, &len, &e);
				if (!rc) {
					attempt_set_artifact(a, ARTIFACT_TRAJECTORY, conv, data, len, len,
							     false);
					snprintf(t->format, sizeof(t->format), "openhands");
				} else if (rc == BT_EIO) {
					strv_push(errors, e.msg);
				} else {
					attempt_problem(a, "trajectory: not read: %s", e.msg);
				}
			}
			free(base);
			free(conv);
			if (found)
				break;
		}
	}
	free(mini);
	free(mini_dir);
	if (!t->present && !a->termination)
		a->termination = xstrdup("NoTrajectory");
}

struct tree_ctx {
	struct store *st;
	const struct import_options *o;
	struct ingest_scope scope; /* the tree named: artifacts come from inside it */
	struct import_summary *sum;
	const struct assertion_catalogue *cat;
	struct progress prog;
	char *source;
	long since_commit;
};

/* Read one run folder into an attempt.  Runs on the reading thread: it
 * touches nothing shared; *bytes and the OS errors met (which fail the
 * attempt's task folder) report back. */
static void
read_attempt(const struct assertion_catalogue *cat, const struct ingest_scope *scope,
	     struct attempt *a, const char *run_dir, long *bytes, struct strv *errors)
{
	struct strv files = {0}, subdirs = {0};
	struct bt_error err;
	size_t count;
	const char *patch;
	int e;

	*bytes = 0;
	if ((e = list_dirs(run_dir, &subdirs, &files))) {
		strv_push_owned(errors, xasprintf("%s: %s", run_dir, strerror(e)));
		return;
	}
	/* a folder reached through a symbolic link may be anywhere */
	if ((e = ingest_scope_check(scope, run_dir, &err))) {
		if (e == BT_EIO)
			strv_push(errors, err.msg);
		else
			attempt_problem(a, "run folder not read: %s", err.msg);
		goto out;
	}
	if (read_report(a, run_dir, &files, cat, scope, &err))
		strv_push(errors, err.msg);
	patch = newest_file(&files, "", ".patch", &count);
	if (patch) {
		char *p = path_join(run_dir, patch);
		if (count > 1)
			attempt_problem(a, "%zu patch files in the folder; used %s", count, patch);
		read_entry(a, ARTIFACT_PATCH, p, scope, errors);
		free(p);
	}
	static const struct {
		const char *name;
		enum artifact_kind kind;
	} logs[] = {{"conduit.log", ARTIFACT_SERVER_LOG}, {"setup.log", ARTIFACT_SETUP_LOG}};
	for (size_t i = 0; i < 2; i++)
		if (strv_contains(&files, logs[i].name)) {
			char *p = path_join(run_dir, logs[i].name);
			read_entry(a, logs[i].kind, p, scope, errors);
			free(p);
		}
	read_trajectory(a, run_dir, &subdirs, scope, errors);
	for (int k = 0; k < ARTIFACT_KINDS; k++)
		*bytes += (long)a->artifacts[k].len;
out:
	strv_free(&files);
	strv_free(&subdirs);
}

static int
commit_point(struct tree_ctx *c, bool force, struct bt_error *err)
{
	long pairs = 0;
	int rc;

	if (!force && c->since_commit < TREE_COMMIT_EVERY)
		return BT_OK;
	if ((rc = store_refresh_task_results(c->st, metrics_task_stats, &pairs, err)) ||
	    (rc = store_commit(c->st, err)))
		return rc;
	c->sum->tasks += pairs;
	c->since_commit = 0;
	return force ? BT_OK : store_begin(c->st, err);
}

/* ------------------------------------------------------------ the plan */

/* A task folder to import: its identity and the run folders in it. */
struct plan_unit {
	const struct tree_unit *u;
	struct task_info ti;
	struct run_ident run;
	char *date_dir;
	struct strv runs;    /* run_N folder names */
	size_t first_job;    /* index of its first job */
	bool released;       /* imported: the strings above are freed */
};

/* One run folder, in import order (a tree may hold 200,000: the path is
 * made when it is read). */
struct plan_job {
	size_t unit;
	int number;
	const char *run; /* in its unit's runs */
};

struct plan {
	struct plan_unit *units;
	size_t n_units;
	struct plan_job *jobs;
	size_t n_jobs, cap_jobs;
};

/* A finished run folder: Newman writes its CSV last (it runs even when the
 * server never started).  One without a CSV is being written, unless
 * nothing in it changed for a while: its pipeline died. */
static bool
run_finished(const struct import_options *o, const char *date_dir, const char *run)
{
	char *dir = path_join(date_dir, run);
	struct strv files = {0};
	size_t count = 0;
	bool done;

	if (list_dirs(dir, NULL, &files) == 0)
		newest_file(&files, "newman-run-report-", ".csv", &count);
	done = count > 0 ||
	       clock_wall() - file_newest_mtime(dir, TREE_MAX_DEPTH) >= o->unfinished_after;
	strv_free(&files);
	free(dir);
	return done;
}

/* Check a unit's task and list its run folders; false (with the reason
 * among the unreadable) when the folder is not a task of the benchmark. */
static bool
plan_unit(struct tree_ctx *c, const struct tree_unit *u, struct plan_unit *pu)
{
	char *model_dir = path_dirname(u->task_dir), *agent_dir = path_dirname(model_dir);
	char *runtime_dir = path_dirname(agent_dir);
	const char *task = path_base(u->task_dir), *model = path_base(model_dir);
	const char *agent = path_base(agent_dir), *runtime = path_base(runtime_dir);
	char why[160];
	bool ok;

	memset(pu, 0, sizeof(*pu));
	pu->u = u;
	if (strcmp(runtime, "uv") == 0 || strcmp(runtime, "node") == 0)
		ok = task_parse_generation(task, &pu->ti, why, sizeof(why));
	else if (task_framework_is_feature_folder(runtime))
		ok = task_parse_feature(runtime, task, &pu->ti, why, sizeof(why));
	else {
		ok = false;
		snprintf(why, sizeof(why), "'%s' is not a runtime (uv, node) or a framework folder",
			 runtime);
	}
	if (!ok)
		strv_push_owned(&c->sum->unreadable, xasprintf("%s: %s", u->task_dir, why));
	else {
		run_ident_set(&pu->run, c->o->run_name, agent, model, c->o->label, c->source);
		pu->date_dir = path_join(u->task_dir, u->date);
		if (u->only_run)
			strv_push(&pu->runs, u->only_run);
		else {
			struct strv all = {0};
			int e = list_dirs(pu->date_dir, &all, NULL);
			if (e) {
				/* not "no run folders": that would prune what the store holds */
				read_error(c->sum, pu->date_dir, e);
				ok = false;
				run_ident_free(&pu->run);
				free(pu->date_dir);
				pu->date_dir = NULL;
			}
			for (size_t i = 0; i < all.n; i++) {
				if (run_number(all.v[i]) >= 0 && c->o->unfinished_after > 0 &&
				    !run_finished(c->o, pu->date_dir, all.v[i]))
					c->sum->waiting++;
				else if (run_number(all.v[i]) >= 0)
					strv_push(&pu->runs, all.v[i]);
				else if (is_run_name(all.v[i]))
					strv_push_owned(&c->sum->unreadable,
							xasprintf("%s/%s: not a run folder (run_N, N "
								  "from 0 to 999999 without leading "
								  "zeros): not imported", pu->date_dir,
								  all.v[i]));
			}
			strv_free(&all);
		}
	}
	free(model_dir);
	free(agent_dir);
	free(runtime_dir);
	return ok;
}

static void
plan_build(struct tree_ctx *c, const struct tree_walk *w, struct plan *p)
{
	memset(p, 0, sizeof(*p));
	p->units = xcalloc(w->n ? w->n : 1, sizeof(*p->units));
	for (size_t i = 0; i < w->n; i++) {
		struct plan_unit *pu = &p->units[p->n_units];
		if (!plan_unit(c, &w->units[i], pu))
			continue;
		pu->first_job = p->n_jobs;
		for (size_t r = 0; r < pu->runs.n; r++) {
			BT_GROW(p->jobs, p->cap_jobs, p->n_jobs + 1);
			p->jobs[p->n_jobs].unit = p->n_units;
			p->jobs[p->n_jobs].number = run_number(pu->runs.v[r]);
			p->jobs[p->n_jobs].run = pu->runs.v[r];
			p->n_jobs++;
		}
		p->n_units++;
	}
}

/* --name renames one agent/model pair: a tree of several would merge
 * different agents' attempts into one run. */
static int
plan_check_name(const struct plan *p, const char *name, struct bt_error *err)
{
	struct strv pairs = {0};
	struct buf list;
	int rc = BT_OK;

	for (size_t i = 0; i < p->n_units; i++) {
		char *pair = xasprintf("%s/%s", p->units[i].run.agent, p->units[i].run.model);
		if (!strv_contains(&pairs, pair))
			strv_push(&pairs, pair);
		free(pair);
	}
	if (pairs.n > 1) {
		buf_init(&list);
		strv_sort(&pairs);
		for (size_t i = 0; i < pairs.n; i++)
			buf_printf(&list, "%s%s", i ? ", " : "", pairs.v[i]);
		rc = bt_errorf(err, BT_EINPUT, "--name %s: the input holds %zu agent/model pairs "
			       "(%s); --name needs one: import each pair's folder with its own name",
			       name, pairs.n, buf_cstr(&list));
		buf_free(&list);
	}
	strv_free(&pairs);
	return rc;
}

/* Free a unit's strings: once imported, only its task is looked at again. */
static void
plan_unit_release(struct plan_unit *pu)
{
	run_ident_free(&pu->run);
	free(pu->date_dir);
	pu->date_dir = NULL;
	strv_free(&pu->runs);
	pu->released = true;
}

static void
plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->n_units; i++)
		if (!p->units[i].released)
			plan_unit_release(&p->units[i]);
	free(p->units);
	free(p->jobs);
}

/* The run folder of a job (free it); its unit is not released. */
static char *
job_dir(const struct plan *p, const struct plan_job *job)
{
	return path_join(p->units[job->unit].date_dir, job->run);
}

/* ------------------------------------------------------------ reading thread */

/* Reading, parsing and verifying an attempt takes longer than storing it,
 * so reader threads work ahead while the main thread writes the store (the
 * only thread that touches SQLite).  Reader k takes jobs k, k + n, ...;
 * the main thread takes their attempts in job order from a ring of
 * QUEUE_SLOTS, which bounds the memory. */
#define QUEUE_SLOTS 16
#define MAX_READERS 4

struct slot {
	struct attempt *a;
	long bytes;
	struct strv errors; /* OS errors met reading it: its task folder fails */
	bool filled;
};

struct reader {
	pthread_t thread[MAX_READERS];
	size_t n_threads;
	pthread_mutex_t mu;
	pthread_cond_t changed;
	struct slot q[QUEUE_SLOTS]; /* job j's attempt in q[j % QUEUE_SLOTS] */
	size_t next;                /* the job the writer takes next */
	bool go;                    /* every reader is started: n_threads holds */
	bool stop;                  /* the writer gave up: read no further */
	const struct plan *plan;
	const struct assertion_catalogue *cat;
	const struct ingest_scope *scope;
};

struct reader_arg {
	struct reader *r;
	size_t first;
};

static void *
reader_main(void *arg)
{
	struct reader *r = ((struct reader_arg *)arg)->r;
	size_t first = ((struct reader_arg *)arg)->first;

	free(arg);
	pthread_mutex_lock(&r->mu);
	while (!r->go)
		pthread_cond_wait(&r->changed, &r->mu);
	pthread_mutex_unlock(&r->mu);
	for (size_t j = first; j < r->plan->n_jobs; j += r->n_threads) {
		const struct plan_job *job = &r->plan->jobs[j];
		const struct plan_unit *pu = &r->plan->units[job->unit];
		struct slot s = {.a = xmalloc(sizeof(struct attempt)), .filled = true};
		char *dir;

		attempt_init(s.a);
		run_ident_set(&s.a->run, pu->run.name, pu->run.agent, pu->run.model, pu->run.label,
			      pu->run.source);
		s.a->task = pu->ti;
		s.a->number = job->number;
		snprintf(s.a->batch, sizeof(s.a->batch), "%s", pu->u->date);
		dir = job_dir(r->plan, job);
		read_attempt(r->cat, r->scope, s.a, dir, &s.bytes, &s.errors);
		free(dir);
		ingest_complete_attempt(s.a);

		pthread_mutex_lock(&r->mu);
		while (j >= r->next + QUEUE_SLOTS && !r->stop)
			pthread_cond_wait(&r->changed, &r->mu);
		if (r->stop) {
			pthread_mutex_unlock(&r->mu);
			attempt_free(s.a);
			free(s.a);
			strv_free(&s.errors);
			break;
		}
		r->q[j % QUEUE_SLOTS] = s;
		pthread_cond_broadcast(&r->changed);
		pthread_mutex_unlock(&r->mu);
	}
	return NULL;
}

/* Start the readers: as many as there are cores beside the writer's. */
static int
reader_start(struct reader *r, struct bt_error *err)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = cores > 1 ? (size_t)cores : 1;

	if (want > MAX_READERS)
		want = MAX_READERS;
	pthread_mutex_init(&r->mu, NULL);
	pthread_cond_init(&r->changed, NULL);
	for (r->n_threads = 0; r->n_threads < want; r->n_threads++) {
		struct reader_arg *arg = xmalloc(sizeof(*arg));

		*arg = (struct reader_arg){r, r->n_threads};
		if (pthread_create(&r->thread[r->n_threads], NULL, reader_main, arg) != 0) {
			free(arg);
			break;
		}
	}
	if (r->n_threads == 0) {
		pthread_mutex_destroy(&r->mu);
		pthread_cond_destroy(&r->changed);
		return bt_errorf(err, BT_ESOFTWARE, "cannot start a thread");
	}
	/* the stride is the number started, which the readers read now */
	pthread_mutex_lock(&r->mu);
	r->go = true;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
	return BT_OK;
}

/* Job j's attempt, read and verified. */
static struct slot
reader_next(struct reader *r, size_t j)
{
	struct slot *q = &r->q[j % QUEUE_SLOTS], s;

	pthread_mutex_lock(&r->mu);
	while (!q->filled)
		pthread_cond_wait(&r->changed, &r->mu);
	s = *q;
	q->filled = false;
	r->next = j + 1;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
	return s;
}

/* Stop the readers and free what they left. */
static void
reader_finish(struct reader *r)
{
	pthread_mutex_lock(&r->mu);
	r->stop = true;
	pthread_cond_broadcast(&r->changed);
	pthread_mutex_unlock(&r->mu);
	for (size_t i = 0; i < r->n_threads; i++)
		pthread_join(r->thread[i], NULL);
	for (size_t i = 0; i < QUEUE_SLOTS; i++)
		if (r->q[i].filled) {
			attempt_free(r->q[i].a);
			free(r->q[i].a);
			strv_free(&r->q[i].errors);
		}
	pthread_mutex_destroy(&r->mu);
	pthread_cond_destroy(&r->changed);
}

/* ------------------------------------------------------------ writing */

/* Store every planned attempt; a unit's attempts are committed together. */
static int
import_plan(struct tree_ctx *c, struct plan *p, struct bt_error *err)
{
	struct reader r = {.plan = p, .cat = c->cat, .scope = &c->scope};
	int *numbers = xcalloc(p->n_jobs + 1, sizeof(int));
	long unit_attempts = 0, unit_flagged = 0;
	bool unit_failed = false;
	int rc = BT_OK;

	if ((rc = reader_start(&r, err))) {
		free(numbers);
		return rc;
	}
	for (size_t j = 0; j < p->n_jobs && !rc; j++) {
		const struct plan_job *job = &p->jobs[j];
		struct plan_unit *pu = &p->units[job->unit];
		struct slot s = reader_next(&r, j);

		/* a unit goes in whole or not at all: a file that cannot be
		 * read drops it back to this savepoint */
		if (j == pu->first_job) {
			unit_failed = false;
			unit_attempts = unit_flagged = 0;
			rc = store_savepoint(c->st, err);
		}
		c->sum->bytes += s.bytes;
		for (size_t i = 0; i < s.errors.n; i++) {
			strv_push(&c->sum->unreadable, s.errors.v[i]);
			c->sum->read_errors++;
			unit_failed = true;
		}
		strv_free(&s.errors);
		if (!rc && !unit_failed) {
			rc = store_put_attempt(c->st, s.a, err);
			unit_attempts++;
			unit_flagged += (s.a->flags & ATTEMPT_PROBLEMS) != 0;
		}
		numbers[j] = job->number;
		attempt_free(s.a);
		free(s.a);
		progress_step(&c->prog, 1);
		/* the unit's last attempt: prune older batches, maybe commit */
		if (!rc && j + 1 == pu->first_job + pu->runs.n) {
			if (unit_failed) {
				store_rollback_savepoint(c->st);
				plan_unit_release(pu);
				continue;
			}
			if (pu->u->whole_batch) {
				long removed = 0;
				rc = store_prune_task(c->st, pu->run.name, &pu->ti, pu->u->date,
						      numbers + pu->first_job, pu->runs.n, &removed, err);
				c->sum->replaced += removed;
			}
			if (!rc && (rc = store_release(c->st, err)) == BT_OK) {
				c->sum->attempts += unit_attempts;
				c->sum->flagged += unit_flagged;
				c->since_commit += unit_attempts;
				if (!strv_contains(&c->sum->runs, pu->run.name))
					strv_push(&c->sum->runs, pu->run.name);
				rc = commit_point(c, false, err);
			}
			/* the reader is past it: memory stays flat on a huge tree */
			plan_unit_release(pu);
		}
	}
	/* a unit with no run folder still replaces an older batch */
	for (size_t u = 0; u < p->n_units && !rc; u++) {
		const struct plan_unit *pu = &p->units[u];
		long removed = 0;
		/* (import --watch: a batch still being written replaces nothing yet) */
		if (pu->released || pu->runs.n || !pu->u->whole_batch || c->o->unfinished_after > 0)
			continue;
		rc = store_prune_task(c->st, pu->run.name, &pu->ti, pu->u->date, NULL, 0, &removed,
				      err);
		c->sum->replaced += removed;
	}
	reader_finish(&r);
	free(numbers);
	return rc;
}

/* ------------------------------------------------------------ siblings */

/* The results folder's parent (the benchmark's data/), if PATH is inside one. */
static char *
find_data_dir(const char *real)
{
	char *p = xstrdup(real);

	for (;;) {
		char *results = path_join(p, "results");
		char *data_results = path_join(p, "data/results");
		bool is_results = strcmp(path_base(p), "results") == 0;
		bool has_results = file_is_dir(results);
		bool has_data = file_is_dir(data_results);
		free(results);
		free(data_results);
		if (has_results)
			return p;
		if (has_data) {
			/* the benchmark's repository itself */
			char *d = path_join(p, "data");
			free(p);
			return d;
		}
		if (is_results) {
			char *up = path_dirname(p);
			free(p);
			return up;
		}
		if (strcmp(p, "/") == 0 || !strchr(p, '/')) {
			free(p);
			return NULL;
		}
		char *up = path_dirname(p);
		free(p);
		p = up;
	}
}

static void
import_task_defs(struct tree_ctx *c, const char *tasks_dir, int depth, struct bt_error *err)
{
	struct strv subs = {0}, files = {0};
	int e;

	if (depth > 3)
		return;
	if ((e = list_dirs(tasks_dir, &subs, &files))) {
		read_error(c->sum, tasks_dir, e);
		return;
	}
	for (size_t i = 0; i < files.n; i++) {
		if (!str_ends(files.v[i], ".json"))
			continue;
		char *p = path_join(tasks_dir, files.v[i]);
		struct bt_error terr;
		int rc = taskdef_import(c->st, p, c->o, c->sum, &terr);
		if (rc)
			strv_push(&c->sum->unreadable, terr.msg);
		c->sum->read_errors += rc == BT_EIO;
		free(p);
	}
	for (size_t i = 0; i < subs.n; i++) {
		char *p = path_join(tasks_dir, subs.v[i]);
		import_task_defs(c, p, depth + 1, err);
		free(p);
	}
	strv_free(&subs);
	strv_free(&files);
}

static struct assertion_catalogue *
load_catalogue(const char *path, struct import_summary *sum)
{
	struct assertion_catalogue *cat;
	struct bt_error err;
	char *data;
	size_t len;

	if (file_read(path, 0, &data, &len, NULL, &err)) {
		strv_push(&sum->unreadable, err.msg);
		return NULL;
	}
	cat = xcalloc(1, sizeof(*cat));
	if (catalogue_parse(data, len, cat, &err)) {
		strv_push_owned(&sum->unreadable, xasprintf("%s: %s", path, err.msg));
		catalogue_free(cat);
		free(cat);
		cat = NULL;
	}
	free(data);
	return cat;
}

/* Resolve the tree named by path into real and set up c and w for it:
 * artifacts come from inside it (or the folders allowed). */
static int
tree_begin(struct tree_ctx *c, struct tree_walk *w, const char *path, char *real,
	   struct bt_error *err)
{
	if (!realpath(path, real))
		return bt_errorf(err, BT_ENOINPUT, "%s: cannot resolve the path", path);
#ifdef __linux__
	struct statfs fs;
	/* endless files and links to everywhere */
	if (statfs(real, &fs) == 0 && (fs.f_type == PROC_SUPER_MAGIC || fs.f_type == SYSFS_MAGIC))
		return bt_errorf(err, BT_EINPUT, "%s: a kernel file system (/proc, /sys), not a "
				 "results tree", path);
#endif
	c->source = xstrdup(real);
	c->scope.root = c->source;
	c->scope.allow = &c->o->allow_outside;
	w->scope = &c->scope;
	strset_init(&w->seen, &w->dirs);
	return BT_OK;
}

static void
tree_end(struct tree_ctx *c, struct tree_walk *w)
{
	for (size_t i = 0; i < w->n; i++) {
		free(w->units[i].date);
		free(w->units[i].only_run);
	}
	free(w->units);
	strset_free(&w->seen);
	strv_free(&w->dirs);
	free(c->source);
}

/* Import the units walked, with the task definitions beside the tree when
 * `defs` (a whole tree's import; else none is an error either). */
static int
import_walked(struct tree_ctx *c, struct tree_walk *w, const char *path, bool defs,
	      struct bt_error *err)
{
	const struct import_options *o = c->o;
	struct store *st = c->st;
	struct import_summary *sum = c->sum;
	struct plan plan = {0};
	struct assertion_catalogue *cat = NULL;
	char *data_dir = NULL;
	int rc = BT_OK;

	/* the collection (for splitting assertion names) and task definitions
	 * sit beside the results in the benchmark's repository */
	data_dir = find_data_dir(c->source);
	if (o->collection) {
		cat = load_catalogue(o->collection, sum);
	} else if (data_dir) {
		char *repo = path_dirname(data_dir);
		char *coll = path_join(repo, "runtime/newman/Conduit.postman_collection.json");
		if (file_exists(coll))
			cat = load_catalogue(coll, sum);
		free(coll);
		free(repo);
	}
	c->cat = cat;

	if (w->n == 0 && !data_dir && defs) {
		rc = bt_errorf(err, BT_EINPUT,
			       "%s: no run_N folders found; expected a results tree "
			       "(results/{runtime}/{agent}/{model}/{task}/{date}/run_N)", path);
		goto out;
	}

	plan_build(c, w, &plan);
	if (o->run_name && (rc = plan_check_name(&plan, o->run_name, err)))
		goto out;
	progress_start(&c->prog, o->progress_out, o->progress && !o->quiet, (long)plan.n_jobs,
		       "attempts");
	if ((rc = store_begin(st, err)))
		goto out;
	if (data_dir && defs) {
		char *tasks = path_join(data_dir, "tasks");
		if (file_is_dir(tasks))
			import_task_defs(c, tasks, 0, err);
		free(tasks);
	}
	rc = import_plan(c, &plan, err);
	if (rc)
		store_rollback(st);
	else if ((rc = commit_point(c, true, err)))
		store_rollback(st);
	progress_end(&c->prog);
out:
	plan_free(&plan);
	free(data_dir);
	if (cat) {
		catalogue_free(cat);
		free(cat);
	}
	return rc;
}

int
tree_import(struct store *st, const char *path, const struct import_options *o,
	    struct import_summary *sum, struct bt_error *err)
{
	struct tree_walk w = {.sum = sum};
	struct tree_ctx c = {.st = st, .o = o, .sum = sum};
	char real[PATH_MAX];
	int rc;

	if ((rc = tree_begin(&c, &w, path, real, err)))
		goto out;
	if (is_run_name(path_base(real)) && run_number(path_base(real)) < 0) {
		rc = bt_errorf(err, BT_EINPUT, "%s: not a run folder (run_N, N from 0 to 999999 "
			       "without leading zeros)", path);
		goto out;
	} else if (is_run_name(path_base(real))) {
		char *date_dir = path_dirname(real), *task_dir = path_dirname(date_dir);
		add_unit(&w, task_dir, path_base(date_dir), path_base(real), false);
		free(date_dir);
		free(task_dir);
	} else if (has_run_dirs(real)) {
		char *task_dir = path_dirname(real);
		add_unit(&w, task_dir, path_base(real), NULL, true);
		free(task_dir);
	} else {
		walk(&w, real, 0);
	}
	rc = import_walked(&c, &w, path, true, err);
out:
	tree_end(&c, &w);
	return rc;
}

int
tree_import_folders(struct store *st, const char *root, char *const *task_dirs, size_t n,
		    const struct import_options *o, struct import_summary *sum,
		    struct bt_error *err)
{
	struct tree_walk w = {.sum = sum};
	struct tree_ctx c = {.st = st, .o = o, .sum = sum};
	char real[PATH_MAX];
	int rc;

	if (!(rc = tree_begin(&c, &w, root, real, err))) {
		for (size_t i = 0; i < n; i++)
			add_task_dir(&w, task_dirs[i]);
		rc = import_walked(&c, &w, root, false, err);
	}
	tree_end(&c, &w);
	return rc;
}

void
tree_find_task_folders(const char *root, const char *path, const struct import_options *o,
		       struct strv *out)
{
	struct import_summary scratch = {0};
	struct tree_walk w = {.sum = &scratch};
	struct tree_ctx c = {.o = o, .sum = &scratch};
	char real[PATH_MAX];

	if (!tree_begin(&c, &w, root, real, NULL)) {
		walk(&w, path, 0);
		for (size_t i = 0; i < w.n; i++)
			strv_push(out, w.units[i].task_dir);
	}
	tree_end(&c, &w);
	import_summary_free(&scratch);
}
