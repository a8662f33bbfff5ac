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
	tap_ok(strstr(err.msg, "is a directory") != NULL, "message says directory");

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
	test_refusals(path);
	free(path);
	char *cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		tap_diag("cleanup failed");
	free(cmd);
	return tap_done();
}
