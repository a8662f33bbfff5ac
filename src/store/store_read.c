/* store_read.c: the queries reports and views run. */
#include "config.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
fill_run(sqlite3_stmt *st, void *row)
{
	struct run_summary *r = row;

	r->id = sqlite3_column_int64(st, 0);
	r->name = store_col_text(st, 1);
	r->agent = store_col_text(st, 2);
	r->model = store_col_text(st, 3);
	r->label = store_col_text(st, 4);
	r->source = store_col_text(st, 5);
	r->imported_at = store_col_text(st, 6);
	r->n_attempts = sqlite3_column_int64(st, 7);
	r->n_tasks = sqlite3_column_int64(st, 8);
	r->n_feature_attempts = sqlite3_column_int64(st, 9);
	r->n_feature_tasks = sqlite3_column_int64(st, 10);
	r->max_task_attempts = sqlite3_column_int64(st, 11);
	r->live_pid = sqlite3_column_int64(st, 12);
}

int
store_runs(struct store *s, struct run_summary **out, size_t *n, struct bt_error *err)
{
	static const char sql[] =
		/* counts from the per-task cache: never a scan of the attempts */
		"SELECT r.id, r.name, r.agent, r.model, r.label, r.source, r.imported_at,"
		" coalesce(sum(x.n_executed) FILTER (WHERE t.kind = 'generation'), 0),"
		" count(x.task_id) FILTER (WHERE t.kind = 'generation'),"
		" coalesce(sum(x.n_executed) FILTER (WHERE t.kind = 'feature'), 0),"
		" count(x.task_id) FILTER (WHERE t.kind = 'feature'),"
		" coalesce(max(x.n_executed) FILTER (WHERE t.kind = 'generation'), 0),"
		" coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'live:' || r.name), 0)"
		" FROM run r LEFT JOIN task_result x ON x.run_id = r.id"
		" LEFT JOIN task t ON t.id = x.task_id"
		" GROUP BY r.id ORDER BY r.agent, r.model, r.name";
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	rc = store_collect(s, st, sizeof(**out), fill_run, (void **)out, n, "cannot list runs", err);
	if (rc) {
		store_runs_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void
store_runs_free(struct run_summary *r, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(r[i].name);
		free(r[i].agent);
		free(r[i].model);
		free(r[i].label);
		free(r[i].source);
		free(r[i].imported_at);
	}
	free(r);
}

int
store_run_progress(struct store *s, const char *name, struct run_progress *p,
		   struct bt_error *err)
{
	static const char sql[] =
		"SELECT coalesce(sum(x.n_executed) FILTER (WHERE t.kind = 'generation'), 0),"
		" coalesce(max(x.n_executed) FILTER (WHERE t.kind = 'generation'), 0),"
		" coalesce(sum(x.n_executed) FILTER (WHERE t.kind = 'feature'), 0)"
		" FROM run r JOIN task_result x ON x.run_id = r.id JOIN task t ON t.id = x.task_id"
		" WHERE r.name = ?1";
	sqlite3_stmt *st;
	int rc;

	memset(p, 0, sizeof(*p));
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	store_bind_text(st, 1, name);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		p->attempts = sqlite3_column_int64(st, 0);
		p->max_task_attempts = sqlite3_column_int64(st, 1);
		p->feature_attempts = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? BT_OK : store_fail(s, err, "cannot read a run's progress");
}

int
store_run_name(struct store *s, int64_t id, char *out, size_t outlen, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, "SELECT name FROM run WHERE id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(out, outlen, "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return BT_OK;
	return rc == SQLITE_DONE ? bt_errorf(err, BT_EINPUT, "run %lld is gone (press R to reload)",
					     (long long)id)
				 : store_fail(s, err, "cannot read a run");
}

int
store_find_run(struct store *s, const char *name, int64_t *id, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc, matches = 0;

	*id = 0;
	/* exact name first, then agent/model, then a unique prefix */
	rc = store_prepare(s,
			   "SELECT id, 0 FROM run WHERE name = ?1"
			   " UNION ALL SELECT id, 1 FROM run WHERE agent || '/' || model = ?1"
			   " UNION ALL SELECT id, 2 FROM run WHERE substr(name, 1, length(?1)) = ?1"
			   " ORDER BY 2",
			   &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, name);
	int best = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int tier = sqlite3_column_int(st, 1);
		if (best >= 0 && tier != best)
			break; /* only the best tier that matched counts */
		if (best < 0)
			*id = sqlite3_column_int64(st, 0);
		best = tier;
		matches++;
	}
	sqlite3_finalize(st);
	if (matches == 0)
		return bt_errorf(err, BT_ENOINPUT, "no run named '%s' (see 'benchtop runs')", name);
	if (matches > 1) {
		*id = 0;
		return bt_errorf(err, BT_EUSAGE, "'%s' names several runs; give the full name", name);
	}
	return BT_OK;
}

void
store_col_copy(sqlite3_stmt *st, int i, char *out, size_t outlen)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	str_copy(out, outlen, t ? (const char *)t : "", t ? (size_t)sqlite3_column_bytes(st, i) : 0);
}

/* The task columns of a task_row, from the task table. */
static void
fill_task(sqlite3_stmt *st, void *row)
{
	struct task_row *t = row;

	t->task_id = sqlite3_column_int64(st, 0);
	store_col_copy(st, 1, t->name, sizeof(t->name));
	store_col_copy(st, 2, t->framework, sizeof(t->framework));
	store_col_copy(st, 3, t->runtime, sizeof(t->runtime));
	t->constraints = (unsigned)sqlite3_column_int(st, 4);
	t->level = sqlite3_column_int(st, 5);
	t->kind = sqlite3_column_int(st, 6) ? TASK_FEATURE : TASK_GENERATION;
}

/* The statistics columns of a task_row, from task_result. */
static void
fill_stats(sqlite3_stmt *st, struct task_row *t)
{
	t->run_id = sqlite3_column_int64(st, 0);
	t->s.n_executed = sqlite3_column_int(st, 2);
	t->s.n_succeeded = sqlite3_column_int(st, 3);
	t->s.n_tests_passed = sqlite3_column_int(st, 4);
	t->s.raw = sqlite3_column_double(st, 5);
	t->s.raw_std = sqlite3_column_double(st, 6);
	t->s.strict = sqlite3_column_double(st, 7);
	t->s.strict_std = sqlite3_column_double(st, 8);
	t->s.pass1 = sqlite3_column_double(st, 9);
	t->s.pass3 = sqlite3_column_double(st, 10);
	t->s.pow3 = sqlite3_column_double(st, 11);
	t->s.pass1_tests = sqlite3_column_double(st, 12);
	store_col_copy(st, 13, t->strip, sizeof(t->strip));
	store_col_copy(st, 14, t->category, sizeof(t->category));
	t->has = (unsigned)sqlite3_column_int(st, 15);
}

/* A task by id, with its place in (runtime, name) order. */
struct task_rank {
	int64_t id;
	size_t rank;
};

static int
cmp_rank_id(const void *a, const void *b)
{
	int64_t x = ((const struct task_rank *)a)->id, y = ((const struct task_rank *)b)->id;

	return x < y ? -1 : x > y;
}

static int
cmp_rank(const void *a, const void *b)
{
	size_t x = ((const struct task_rank *)a)->rank, y = ((const struct task_rank *)b)->rank;

	return x < y ? -1 : x > y;
}

/* Put rows[0..k) in the order of their ranks (by[i] is row i's, with
 * id = i); tmp holds k rows. */
static void
sort_by_rank(struct task_row *rows, struct task_rank *by, size_t k, struct task_row *tmp)
{
	qsort(by, k, sizeof(*by), cmp_rank);
	for (size_t i = 0; i < k; i++)
		tmp[i] = rows[by[i].id];
	memcpy(rows, tmp, k * sizeof(*rows));
}

static int
read_task_rows(struct store *s, int64_t run_id, enum task_kind kind, struct task_row **out,
	       size_t *n, struct bt_error *err)
{
	/* The results in primary-key order (one run: a range of it) and the
	 * few tasks from their own table; each run's rows are then put in
	 * (runtime, name) order here: a join ordered by name made SQLite sort
	 * every row of a big store. */
	static const char tasks_sql[] =
		"SELECT id, name, framework, runtime, constraint_bits, level, kind = 'feature'"
		" FROM task WHERE kind = ?1 ORDER BY runtime, name";
	char *sql = xasprintf(
		"SELECT run_id, task_id, n_executed, n_succeeded, n_tests_passed, raw, raw_std,"
		" strict, strict_std, pass1, pass3, pow3, pass1_tests, strip, category, has_flags"
		" FROM task_result%s ORDER BY run_id, task_id", run_id ? " WHERE run_id = ?1" : "");
	struct task_row *tasks = NULL, *rows = NULL, *tmp = NULL;
	struct task_rank *ids = NULL, *seg = NULL;
	size_t n_tasks = 0, cap = 0, cap_seg = 0, nr = 0, first = 0;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, tasks_sql, &st, err))) {
		free(sql);
		return rc;
	}
	store_bind_text(st, 1, kind == TASK_FEATURE ? "feature" : "generation");
	if ((rc = store_collect(s, st, sizeof(*tasks), fill_task, (void **)&tasks, &n_tasks,
				"cannot read the tasks", err)) ||
	    (rc = store_prepare(s, sql, &st, err))) {
		free(tasks);
		free(sql);
		return rc;
	}
	free(sql);
	ids = xreallocarray(NULL, n_tasks ? n_tasks : 1, sizeof(*ids));
	for (size_t i = 0; i < n_tasks; i++)
		ids[i] = (struct task_rank){tasks[i].task_id, i};
	qsort(ids, n_tasks, sizeof(*ids), cmp_rank_id);
	sqlite3_bind_int64(st, 1, run_id);
	for (;;) {
		struct task_rank key, *t = NULL;
		bool row = (rc = sqlite3_step(st)) == SQLITE_ROW;

		/* a run's rows are all read: order them */
		if (!row || (nr > first && sqlite3_column_int64(st, 0) != rows[first].run_id)) {
			if (nr - first > 1)
				sort_by_rank(rows + first, seg, nr - first, tmp);
			first = nr;
		}
		if (!row)
			break;
		key.id = sqlite3_column_int64(st, 1);
		t = bsearch(&key, ids, n_tasks, sizeof(*ids), cmp_rank_id);
		if (!t)
			continue; /* a task of the other kind */
		bt_grow((void **)&rows, &cap, nr + 1, sizeof(*rows));
		rows[nr] = tasks[t->rank];
		fill_stats(st, &rows[nr]);
		if (nr - first + 1 > cap_seg) {
			cap_seg = 2 * (nr - first + 1);
			seg = xreallocarray(seg, cap_seg, sizeof(*seg));
			tmp = xreallocarray(tmp, cap_seg, sizeof(*tmp));
		}
		seg[nr - first] = (struct task_rank){(int64_t)(nr - first), t->rank};
		nr++;
	}
	sqlite3_finalize(st);
	free(tasks);
	free(ids);
	free(seg);
	free(tmp);
	if (rc != SQLITE_DONE) {
		free(rows);
		return store_fail(s, err, "cannot read task statistics");
	}
	*out = rows;
	*n = nr;
	return BT_OK;
}

void
task_rows_release(struct task_rows *r)
{
	if (r && --r->refs == 0) {
		free(r->v);
		free(r);
	}
}

int
store_task_rows_snapshot(struct store *s, enum task_kind kind, struct task_rows **out,
			 struct bt_error *err)
{
	struct rows_cache *cache = &s->rows_cache[kind == TASK_FEATURE];
	/* a writer's own commits do not change data_version: it reads anew */
	long version = s->readonly ? store_data_version(s) : -1;
	int rc;

	*out = NULL;
	if (!cache->snap || !s->readonly || cache->version != version) {
		struct task_rows *r = xcalloc(1, sizeof(*r));

		if ((rc = read_task_rows(s, 0, kind, &r->v, &r->n, err))) {
			free(r);
			return rc;
		}
		r->refs = 1;
		task_rows_release(cache->snap);
		cache->snap = r;
		cache->version = version;
	}
	cache->snap->refs++;
	*out = cache->snap;
	return BT_OK;
}

int
store_task_rows(struct store *s, int64_t run_id, enum task_kind kind, struct task_row **out,
		size_t *n, struct bt_error *err)
{
	struct task_rows *snap;
	int rc;

	if (run_id != 0 || !s->readonly)
		return read_task_rows(s, run_id, kind, out, n, err);
	*out = NULL;
	*n = 0;
	if ((rc = store_task_rows_snapshot(s, kind, &snap, err)))
		return rc;
	*out = xreallocarray(NULL, snap->n ? snap->n : 1, sizeof(**out));
	if (snap->n)
		memcpy(*out, snap->v, snap->n * sizeof(**out));
	*n = snap->n;
	task_rows_release(snap);
	return BT_OK;
}

int
store_counts(struct store *s, struct store_counts *c, struct bt_error *err)
{
	static const char sql[] =
		"SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM task),"
		" (SELECT count(*) FROM attempt), (SELECT count(*) FROM request),"
		" (SELECT count(*) FROM artifact), (SELECT count(*) FROM evidence),"
		" (SELECT count(*) FROM judgement),"
		" (SELECT coalesce(sum(length(content)), 0) FROM artifact)";
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->runs = sqlite3_column_int64(st, 0);
		c->tasks = sqlite3_column_int64(st, 1);
		c->attempts = sqlite3_column_int64(st, 2);
		c->requests = sqlite3_column_int64(st, 3);
		c->artifacts = sqlite3_column_int64(st, 4);
		c->evidence = sqlite3_column_int64(st, 5);
		c->judgements = sqlite3_column_int64(st, 6);
		c->artifact_bytes = sqlite3_column_int64(st, 7);
		rc = BT_OK;
	} else {
		rc = store_fail(s, err, "cannot count rows");
	}
	sqlite3_finalize(st);
	return rc;
}

int
store_info(struct store *s, struct store_info *out, struct bt_error *err)
{
	static const char sql[] = "SELECT (SELECT count(*) FROM run), (SELECT count(*) FROM attempt),"
				  " (SELECT max(imported_at) FROM run)";
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	out->wal = store_fs_header_wal(s->path);
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 2);
		out->runs = sqlite3_column_int64(st, 0);
		out->attempts = sqlite3_column_int64(st, 1);
		snprintf(out->last_import, sizeof(out->last_import), "%s", t ? (const char *)t : "");
		rc = BT_OK;
	} else {
		rc = store_fail(s, err, "cannot count rows");
	}
	sqlite3_finalize(st);
	return rc;
}

static void
fill_judgement_count(sqlite3_stmt *st, void *row)
{
	struct judgement_count *j = row;

	store_col_copy(st, 0, j->agent, sizeof(j->agent));
	store_col_copy(st, 1, j->model, sizeof(j->model));
	store_col_copy(st, 2, j->label, sizeof(j->label));
	j->logic = sqlite3_column_int(st, 3);
	j->n = sqlite3_column_int64(st, 4);
}

int
store_judgement_counts(struct store *s, bool exclude_limits, struct judgement_count **out,
		       size_t *n, struct bt_error *err)
{
	/* a judgement is about its run's attempt of the same task and number;
	 * ?1 leaves out those whose attempt hit its limits */
#define NOT_LIMITS \
	" AND (?1 = 0 OR NOT EXISTS (SELECT 1 FROM attempt a JOIN run r ON r.id = a.run_id" \
	"  JOIN task t ON t.id = a.task_id WHERE r.name = j.run" \
	"  AND t.runtime = j.runtime AND t.name = j.task AND a.number = j.number" \
	"  AND a.termination = 'LimitsExceeded'))"
	static const char sql[] =
		"SELECT agent, model, category, 0, count(*) FROM judgement j"
		"  WHERE category IS NOT NULL" NOT_LIMITS " GROUP BY agent, model, category"
		" UNION ALL "
		"SELECT agent, model, subcategory, 1, count(*) FROM judgement j"
		"  WHERE subcategory IS NOT NULL" NOT_LIMITS " GROUP BY agent, model, subcategory"
		" ORDER BY 1, 2, 4, 3";
#undef NOT_LIMITS
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int(st, 1, exclude_limits);
	rc = store_collect(s, st, sizeof(**out), fill_judgement_count, (void **)out, n,
			   "cannot count judgements", err);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_verifier_counts(struct store *s, int64_t run_id, bool exclude_limits,
		      struct verifier_counts *c, struct bt_error *err)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(a.tests_passed), 0),"
		" coalesce(sum(t.level > 0), 0),"
		" coalesce(sum(t.level > 0 AND a.tests_passed AND a.verifiers_ok), 0),"
		" coalesce(sum(t.level > 0 AND a.tests_passed AND NOT a.verifiers_ok), 0),"
		" coalesce(sum(t.level > 0 AND NOT a.tests_passed AND a.verifiers_ok), 0),"
		" coalesce(sum(t.level > 0 AND NOT a.tests_passed AND NOT a.verifiers_ok), 0)"
		" FROM attempt a JOIN task t ON t.id = a.task_id"
		" WHERE a.run_id = ?1 AND t.kind = 'generation'"
		" AND (?2 = 0 OR a.termination IS NOT 'LimitsExceeded')";
	sqlite3_stmt *st;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int(st, 2, exclude_limits);
	if (sqlite3_step(st) == SQLITE_ROW) {
		c->attempts = sqlite3_column_int64(st, 0);
		c->test_pass = sqlite3_column_int64(st, 1);
		c->test_fail = c->attempts - c->test_pass;
		c->constrained = sqlite3_column_int64(st, 2);
		c->tp_vp = sqlite3_column_int64(st, 3);
		c->tp_vf = sqlite3_column_int64(st, 4);
		c->tf_vp = sqlite3_column_int64(st, 5);
		c->tf_vf = sqlite3_column_int64(st, 6);
		rc = BT_OK;
	} else {
		rc = store_fail(s, err, "cannot count verifier outcomes");
	}
	sqlite3_finalize(st);
	return rc;
}
