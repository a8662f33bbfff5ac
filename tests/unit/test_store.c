/* The store: schema creation, idempotent puts, cached task statistics, and
 * the refusals (missing file, directory, foreign database, newer schema). */
#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "benchtop/store.h"
#include "tap.h"

static char dir[] = "/tmp/benchtop-test-store-XXXXXX";

static void
make_attempt(struct attempt *a, const char *task, int number, long passed, bool db_ok)
{
	char why[128];
	struct request *r;

	attempt_init(a);
	run_ident_set(&a->run, NULL, "mini_swe_sdk", "gpt-5.4", "", "test");
	task_parse_generation(task, &a->task, why, sizeof(why));
	a->number = number;
	snprintf(a->batch, sizeof(a->batch), "2026-03-14T10-22-05");
	a->has_report = true;
	r = attempt_add_request(a);
	r->name = xstrdup("Register");
	r->method = xstrdup("POST");
	r->url = xstrdup("http://conduit:8080/api/users");
	r->status = xstrdup("OK");
	r->code = 200;
	r->n_total = 6;
	r->n_passed = (int)(passed > 6 ? 6 : passed);
	r->n_failed = 6 - r->n_passed;
	for (int i = 0; i < r->n_passed; i++)
		strv_push(&r->passed, i ? "User has \"email\" property" : "Response contains \"user\" property");
	for (int i = 0; i < r->n_failed; i++)
		strv_push(&r->failed, "User has \"token\" property");
	a->total = 290;
	a->passed = passed;
	a->failed = 290 - passed;
	if (a->task.constraints & (TC_SQLITE | TC_POSTGRES)) {
		a->verdict[VERIFIER_DB].applicable = true;
		a->verdict[VERIFIER_DB].ok = db_ok;
		a->verdict[VERIFIER_DB].reason = xstrdup(db_ok ? "Found sqlite evidence: import:sqlite3"
							 : "No sqlite evidence found");
	}
	attempt_set_artifact(a, ARTIFACT_PATCH, "x.patch", xstrdup("diff --git a/x b/x\n"), 19, 19,
			     false);
	attempt_finish(a);
}

static int
put(struct store *s, const char *task, int number, long passed, bool db_ok)
{
	struct attempt a;
	struct bt_error err;
	int rc;

	make_attempt(&a, task, number, passed, db_ok);
	rc = store_put_attempt(s, &a, &err);
	if (rc)
		tap_diag("put failed: %s", err.msg);
	attempt_free(&a);
	return rc;
}

static void
test_write_and_read(const char *path)
{
	struct store *s;
	struct bt_error err;
	struct task_row *rows;
	struct run_summary *runs;
	struct store_counts c;
	size_t n;
	int64_t id;

	tap_is_int(store_open(path, STORE_WRITE, &s, &err), BT_OK, "create a store");
	tap_is_int(store_schema_version(s), STORE_SCHEMA_VERSION, "schema version set");
	{
		sqlite3 *db;
		sqlite3_stmt *q;
		char who[64] = "";
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
		    sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'created_by'", -1, &q,
				       NULL) == SQLITE_OK) {
			if (sqlite3_step(q) == SQLITE_ROW)
				snprintf(who, sizeof(who), "%s", sqlite3_column_text(q, 0));
			sqlite3_finalize(q);
		}
		sqlite3_close(db);
		tap_is_str(who, "benchtop " PACKAGE_VERSION, "meta records which benchtop created it");
	}
	tap_is_int(store_begin(s, &err), BT_OK, "begin");
	tap_is_int(put(s, "flask-openapi-sqlite", 0, 290, true), BT_OK, "put attempt 0");
	tap_is_int(put(s, "flask-openapi-sqlite", 1, 145, true), BT_OK, "put attempt 1");
	tap_is_int(put(s, "flask-openapi-sqlite", 2, 290, false), BT_OK, "put attempt 2");
	tap_is_int(put(s, "flask-openapi-unconstrained", 0, 290, true), BT_OK, "put L0");
	tap_is_int(store_refresh_task_results(s, metrics_task_stats, NULL, &err), BT_OK, "refresh stats");
	tap_is_int(store_commit(s, &err), BT_OK, "commit");

	tap_is_int(store_task_rows(s, 0, TASK_GENERATION, &rows, &n, &err), BT_OK, "task rows");
	tap_is_int(n, 2, "two tasks");
	/* ordered by runtime, name: flask-openapi-sqlite < flask-openapi-unconstrained */
	tap_is_str(rows[0].name, "flask-openapi-sqlite", "first task");
	tap_is_int(rows[0].s.n_executed, 3, "three attempts");
	tap_is_int(rows[0].s.n_succeeded, 1, "one succeeded (one failed tests, one the verifier)");
	tap_is_double(rows[0].s.raw, (1.0 + 0.5 + 1.0) / 3, 1e-12, "mean raw");
	tap_is_double(rows[0].s.strict, (1.0 + 0.5 + 0.0) / 3, 1e-12, "mean strict");
	tap_is_int(rows[0].level, 1, "level stored");
	tap_is_int(rows[0].constraints, TC_SQLITE, "constraint bits stored");
	free(rows);

	/* putting the same attempt again replaces it: no duplicates */
	store_begin(s, &err);
	tap_is_int(put(s, "flask-openapi-sqlite", 1, 290, true), BT_OK, "re-put attempt 1");
	store_refresh_task_results(s, metrics_task_stats, NULL, &err);
	store_commit(s, &err);
	store_counts(s, &c, &err);
	tap_is_int(c.attempts, 4, "still four attempts");
	tap_is_int(c.requests, 4, "one request per attempt, old one replaced");
	tap_is_int(c.artifacts, 4, "artifacts replaced too");
	store_task_rows(s, 0, TASK_GENERATION, &rows, &n, &err);
	tap_is_int(rows[0].s.n_succeeded, 2, "statistics follow the replacement");
	free(rows);

	/* rollback leaves nothing behind */
	store_begin(s, &err);
	put(s, "koa-openapi-unconstrained", 0, 100, true);
	store_rollback(s);
	store_counts(s, &c, &err);
	tap_is_int(c.attempts, 4, "rolled-back attempt is gone");
	tap_is_int(c.runs, 1, "one run");

	tap_is_int(store_runs(s, &runs, &n, &err), BT_OK, "list runs");
	tap_is_int(n, 1, "one run listed");
	tap_is_str(runs[0].name, "mini_swe_sdk/gpt-5.4", "default run name agent/model");
	tap_is_int(runs[0].n_attempts, 4, "run attempt count");
	tap_is_int(runs[0].n_tasks, 2, "run task count");
	store_runs_free(runs, n);

	tap_is_int(store_find_run(s, "mini_swe_sdk/gpt-5.4", &id, &err), BT_OK, "find by name");
	tap_is_int(store_find_run(s, "mini", &id, &err), BT_OK, "find by unique prefix");
	tap_is_int(store_find_run(s, "nope", &id, &err), BT_ENOINPUT, "unknown run: 66, not a usage error");
	store_close(s);
}

/* Every run's rows: by run, then runtime and name; a read-only store keeps
 * them between calls, and drops them when another connection commits. */
static void
test_rows_of_every_run(const char *path)
{
	struct store *w, *r;
	struct bt_error err;
	struct task_row *rows;
	struct attempt a;
	size_t n;

	store_open(path, STORE_WRITE, &w, &err);
	store_begin(w, &err);
	make_attempt(&a, "koa-openapi-unconstrained", 0, 290, true);
	free(a.run.model);
	a.run.model = xstrdup("other");
	free(a.run.name);
	a.run.name = xstrdup("mini_swe_sdk/other");
	store_put_attempt(w, &a, &err);
	attempt_free(&a);
	store_refresh_task_results(w, metrics_task_stats, NULL, &err);
	store_commit(w, &err);

	tap_is_int(store_open(path, STORE_READ, &r, &err), BT_OK, "open read-only beside a writer");
	tap_is_int(store_task_rows(r, 0, TASK_GENERATION, &rows, &n, &err), BT_OK, "every run's rows");
	tap_ok(n == 3 && rows[0].run_id == rows[1].run_id && rows[2].run_id != rows[0].run_id &&
		       strcmp(rows[0].name, "flask-openapi-sqlite") == 0 &&
		       strcmp(rows[1].name, "flask-openapi-unconstrained") == 0 &&
		       strcmp(rows[2].name, "koa-openapi-unconstrained") == 0,
	       "by run, then runtime and name, whatever order the tasks were made in");
	tap_is_int(metrics_distinct_tasks(rows, n, NULL), 3, "three distinct tasks");
	free(rows);
	store_task_rows(r, 0, TASK_GENERATION, &rows, &n, &err);
	tap_is_int(n, 3, "asked again: the same rows");
	free(rows);

	struct task_rows *before, *again, *after;
	store_task_rows_snapshot(r, TASK_GENERATION, &before, &err);
	store_task_rows_snapshot(r, TASK_GENERATION, &again, &err);
	tap_ok(before == again && before->refs == 3, "a snapshot is shared while nothing changes");
	task_rows_release(again);
	store_begin(w, &err);
	put(w, "hono-openapi-unconstrained", 0, 290, true);
	store_refresh_task_results(w, metrics_task_stats, NULL, &err);
	store_commit(w, &err);
	store_task_rows(r, 0, TASK_GENERATION, &rows, &n, &err);
	tap_is_int(n, 4, "after another connection's commit: its new row too");
	free(rows);
	store_task_rows_snapshot(r, TASK_GENERATION, &after, &err);
	tap_ok(after != before && after->n == 4 && before->n == 3 &&
		       strcmp(before->v[2].name, "koa-openapi-unconstrained") == 0,
	       "a new snapshot; the old one stays whole for whoever holds it");
	task_rows_release(before);
	task_rows_release(after);
	store_task_rows(r, 0, TASK_FEATURE, &rows, &n, &err);
	tap_is_int(n, 0, "and no feature rows among them");
	free(rows);
	store_close(r);
	store_close(w);
}

/* ------------------------------------------------------------ query plans */

struct plans {
	struct strv sql, plan;
};

static void
keep_plan(void *ctx, const char *sql, const char *plan)
{
	struct plans *p = ctx;
	strv_push(&p->sql, sql);
	strv_push(&p->plan, plan);
}

/* Is name (a table or an alias in sql) one of the tables that grow with the
 * attempts?  run and task stay small. */
static const char *
big_table(const char *sql, const char *name)
{
	static const char *const big[] = {"attempt", "request", "artifact", "evidence",
					  "judgement", "task_result"};
	for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		char pat[64];
		const char *at;
		size_t pl;
		if (strcmp(name, big[i]) == 0)
			return big[i];
		/* "FROM attempt a", "JOIN task_result x" */
		pl = (size_t)snprintf(pat, sizeof(pat), "%s %s", big[i], name);
		for (at = strstr(sql, pat); at; at = strstr(at + 1, pat)) {
			char next = at[pl];
			if (!(next == '_' || (next >= 'a' && next <= 'z') || (next >= '0' && next <= '9')))
				return big[i];
		}
	}
	return NULL;
}

/* A step that reads a growing table whole ("SCAN a", "SCAN a USING INDEX
 * ...", "SCAN TABLE attempt" in older SQLite): its table, else NULL. */
static const char *
full_scan(const char *sql, const char *plan)
{
	for (const char *l = plan; *l; l += strcspn(l, "\n") + (l[strcspn(l, "\n")] != 0)) {
		char name[64];
		const char *t;
		if (strncmp(l, "SCAN ", 5) != 0)
			continue;
		t = l + 5;
		if (strncmp(t, "TABLE ", 6) == 0)
			t += 6;
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(t, " \n"), t);
		if (strncmp(t + strlen(name), " VIRTUAL TABLE", 14) == 0)
			continue;
		if (big_table(sql, name))
			return big_table(sql, name);
	}
	return NULL;
}

/* Every query the store runs, with the plan SQLite chose: reading one run,
 * task or attempt must go through an index, never a scan of a table that
 * grows with the attempts.  Only queries that want every row may scan. */
static void
test_query_plans(const char *path)
{
	/* whole-table reads by design: the counts, Table 4's count of every
	 * judgement, and every run's task statistics (the list of all tasks) */
	static const char *const whole[] = {
		/* counts, and every run's task statistics (a list of them all) */
		"count(*) FROM", "FROM task_result ORDER BY run_id, task_id",
	};
	struct plans p = {0};
	struct store *s;
	struct bt_error err;
	struct run_summary *runs;
	struct task_row *rows;
	struct attempt_brief *briefs;
	struct judgement_count *jc;
	struct verifier_counts vc;
	struct store_counts c;
	struct store_blob *blob;
	struct attempt a;
	struct judgement j = {.agent = "mini_swe_sdk", .model = "gpt-5.4", .runtime = "uv",
			      .task = "flask-openapi-sqlite", .number = 0,
			      .category = "logic_error", .category_reasoning = "x",
			      .subcategory = "incorrect_query_logic", .subcategory_reasoning = "y",
			      .subcategory_rank = 1, .source = "t"};
	struct task_meta meta = {.description = "d", .reference_patch = "diff", .reference_patch_len = 4};
	int keep[] = {0, 1, 2};
	int64_t run = 0, att = 0;
	char name[128];
	size_t n;
	long removed, pairs;

	if (store_open(path, STORE_WRITE, &s, &err)) {
		tap_ok(false, "open for the plans: %s", err.msg);
		return;
	}
	store_watch_plans(s, keep_plan, &p);
	/* the import path */
	store_begin(s, &err);
	put(s, "flask-openapi-sqlite", 0, 200, true);
	store_put_judgement(s, &j, &err);
	store_touch_judged(s, &j, &err);
	store_clear_subcategories(s, "gpt-5.4", 1, &err);
	make_attempt(&a, "flask-openapi-sqlite", 0, 200, true);
	store_prune_task(s, "mini_swe_sdk/gpt-5.4", &a.task, a.batch, keep, 3, &removed, &err);
	store_put_task_meta(s, &a.task, &meta, &err);
	store_refresh_task_results(s, metrics_task_stats, &pairs, &err);
	store_commit(s, &err);
	/* the reading path */
	store_runs(s, &runs, &n, &err);
	store_runs_free(runs, n);
	store_find_run(s, "mini_swe_sdk/gpt-5.4", &run, &err);
	store_run_name(s, run, name, sizeof(name), &err);
	store_task_rows(s, run, TASK_GENERATION, &rows, &n, &err);
	free(rows);
	store_task_rows(s, 0, TASK_GENERATION, &rows, &n, &err);
	free(rows);
	store_judgement_counts(s, false, &jc, &n, &err);
	free(jc);
	store_verifier_counts(s, run, false, &vc, &err);
	store_attempt_briefs(s, run, 0, &briefs, &n, &err);
	free(briefs);
	store_find_attempt(s, run, "flask-openapi-sqlite", 0, &att, &err);
	store_attempt_briefs(s, run, 1, &briefs, &n, &err);
	free(briefs);
	attempt_free(&a);
	attempt_init(&a);
	store_load_attempt(s, att, &a, &err);
	attempt_free(&a);
	if (store_blob_open(s, att, ARTIFACT_PATCH, &blob, &err) == BT_OK)
		store_blob_close(blob);
	store_counts(s, &c, &err);
	store_close(s);

	tap_ok(p.sql.n >= 25, "the store's queries were watched (%zu)", p.sql.n);
	size_t scans = 0;
	for (size_t i = 0; i < p.sql.n; i++) {
		const char *table = full_scan(p.sql.v[i], p.plan.v[i]);
		bool allowed = false;
		if (!table)
			continue;
		for (size_t k = 0; k < sizeof(whole) / sizeof(whole[0]); k++)
			allowed |= strstr(p.sql.v[i], whole[k]) != NULL;
		if (!allowed) {
			scans++;
			tap_diag("full scan of %s in: %.200s\n  plan: %s", table, p.sql.v[i], p.plan.v[i]);
		}
	}
	tap_is_int((long)scans, 0, "no query for one run, task or attempt scans a growing table");
	strv_free(&p.sql);
	strv_free(&p.plan);
}

static void
test_refusals(const char *path)
{
	struct store *s;
	struct bt_error err;
	char *missing = xasprintf("%s/does-not-exist.db", dir);
	char *foreign = xasprintf("%s/foreign.db", dir);
	sqlite3 *db;

	tap_is_int(store_open(path, STORE_READ, &s, &err), BT_OK, "open read-only");
	store_close(s);

	tap_is_int(store_open(missing, STORE_READ, &s, &err), BT_ENOINPUT, "missing store refused");
	tap_ok(!file_exists(missing), "reading never creates a file");
	tap_is_int(store_open(dir, STORE_READ, &s, &err), BT_EINPUT, "directory refused");
	tap_ok(strstr(err.msg, "a directory, not a store file") != NULL, "message says directory");

	sqlite3_open(foreign, &db);
	sqlite3_exec(db, "CREATE TABLE x(y)", NULL, NULL, NULL);
	sqlite3_close(db);
	tap_is_int(store_open(foreign, STORE_READ, &s, &err), BT_EINPUT, "foreign database refused");
	tap_ok(strstr(err.msg, "not a benchtop store") != NULL, "message says so");
	tap_is_int(store_open(foreign, STORE_WRITE, &s, &err), BT_EINPUT,
		   "foreign database not written either");

	sqlite3_open(path, &db);
	sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	tap_is_int(store_open(path, STORE_READ, &s, &err), BT_EINPUT, "newer schema refused");
	tap_ok(strstr(err.msg, "newer benchtop") != NULL, "message says newer");

	FILE *f = fopen(foreign, "w");
	fputs("this is not a database at all, just text that goes on for a while............"
	      "..............................................................................",
	      f);
	fclose(f);
	tap_is_int(store_open(foreign, STORE_READ, &s, &err), BT_EINPUT, "garbage file refused");
	free(missing);
	free(foreign);
}

int
main(void)
{
	char *path;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	path = xasprintf("%s/sub/store.db", dir);
	{
		struct store *s;
		struct bt_error err;
		char *sub = xasprintf("%s/sub", dir);
		tap_is_int(store_open(path, STORE_WRITE, &s, &err), BT_ENOINPUT,
			   "a store in a missing directory: no directory is made");
		tap_ok(!file_exists(sub), "the directory is still missing");
		if (mkdir(sub, 0755) != 0) {
			perror(sub);
			return 1;
		}
		free(sub);
	}
	test_write_and_read(path);
	test_query_plans(path);
	test_rows_of_every_run(path);
	test_refusals(path);
	free(path);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("cleanup failed");
	free(cmd);
	return tap_done();
}
