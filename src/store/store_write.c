/* store_write.c: putting attempts, tasks and judgements into the store. */
#include "config.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const stmt_sql[SQL_COUNT_STMTS] = {
	[SQL_RUN_FIND] = "SELECT id, agent = ?2 AND model = ?3, agent || '/' || model FROM run"
			 " WHERE name = ?1",
	[SQL_RUN_INSERT] = "INSERT INTO run (name, agent, model, label, source, imported_at)"
			   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[SQL_RUN_UPDATE] = "UPDATE run SET agent = ?2, model = ?3,"
			   " label = CASE WHEN ?4 = '' THEN label ELSE ?4 END,"
			   " source = ?5, imported_at = ?6 WHERE id = ?1",
	[SQL_TASK_FIND] = "SELECT id FROM task WHERE runtime = ?1 AND name = ?2",
	[SQL_TASK_INSERT] = "INSERT INTO task (kind, runtime, name, framework, constraints,"
			    " constraint_bits, level, difficulty) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
	[SQL_ATTEMPT_FIND] = "SELECT id FROM attempt WHERE run_id = ?1 AND task_id = ?2 AND number = ?3",
	[SQL_ATTEMPT_INSERT] =
		"INSERT INTO attempt (run_id, task_id, number, batch, has_report, n_requests,"
		" n_errored, assertions_total, assertions_passed, assertions_failed, raw_pct,"
		" strict_pct, tests_passed, verifiers_ok, succeeded, arch_ok, arch_reason, db_ok,"
		" db_reason, orm_ok, orm_reason, termination, steps, tokens_in, tokens_out,"
		" llm_calls, cost, flags, problems) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,"
		"?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27,?28,?29)",
	[SQL_ATTEMPT_UPDATE] =
		"UPDATE attempt SET run_id=?1, task_id=?2, number=?3, batch=?4, has_report=?5,"
		" n_requests=?6, n_errored=?7, assertions_total=?8, assertions_passed=?9,"
		" assertions_failed=?10, raw_pct=?11, strict_pct=?12, tests_passed=?13,"
		" verifiers_ok=?14, succeeded=?15, arch_ok=?16, arch_reason=?17, db_ok=?18,"
		" db_reason=?19, orm_ok=?20, orm_reason=?21, termination=?22, steps=?23,"
		" tokens_in=?24, tokens_out=?25, llm_calls=?26, cost=?27, flags=?28, problems=?29"
		" WHERE id = ?30",
	[SQL_ATTEMPT_CLEAR_REQUESTS] = "DELETE FROM request WHERE attempt_id = ?1",
	[SQL_ATTEMPT_CLEAR_ARTIFACTS] = "DELETE FROM artifact WHERE attempt_id = ?1",
	[SQL_ATTEMPT_CLEAR_EVIDENCE] = "DELETE FROM evidence WHERE attempt_id = ?1",
	[SQL_ASSERTION_FIND] = "SELECT id FROM assertion WHERE name = ?1",
	[SQL_ASSERTION_INSERT] = "INSERT INTO assertion (name) VALUES (?1)",
	[SQL_REQUEST_INSERT] =
		"INSERT INTO request (attempt_id, position, name, method, url, status, code,"
		" response_ms, response_bytes, n_total, n_passed, n_failed, n_skipped, passed,"
		" failed) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15)",
	[SQL_ARTIFACT_INSERT] =
		"INSERT INTO artifact (attempt_id, kind, path, size, truncated, format, content)"
		" VALUES (?1,?2,?3,?4,?5,?6,?7)",
	[SQL_ATTEMPT_CLEAR_FAILURE] = "DELETE FROM attempt_failure WHERE attempt_id = ?1",
	[SQL_REQUEST_KEY_FIND] = "SELECT id FROM request_key WHERE name = ?1 AND occurrence = ?2",
	[SQL_REQUEST_KEY_INSERT] = "INSERT INTO request_key (name, occurrence, position)"
				   " VALUES (?1, ?2, ?3)",
	[SQL_FAILURE_INSERT] = "INSERT OR REPLACE INTO attempt_failure (attempt_id, requests,"
			       " assertions, first_failure) VALUES (?1, ?2, ?3, ?4)",
	[SQL_EVIDENCE_INSERT] =
		"INSERT INTO evidence (attempt_id, verifier, file, patch_line, label, detail)"
		" VALUES (?1,?2,?3,?4,?5,?6)",
	/* A subcategory from a per-model file (rank 1) beats the generic file's
	 * (rank 0) whatever the import order: spec 6.3's merge rule. */
	[SQL_JUDGEMENT_UPSERT] =
		"INSERT INTO judgement (agent, model, runtime, task, number, category,"
		" category_reasoning, subcategory, subcategory_reasoning, subcategory_rank, source,"
		" run)"
		" SELECT ?1,?2,?3,?4,?5,?6,?7,?8,?9,?11,?10,?12"
		" WHERE ?8 IS NULL OR ?11 > 0 OR NOT EXISTS (SELECT 1 FROM judgement"
		"   WHERE model = ?2 AND subcategory_rank > 0)"
		" ON CONFLICT (agent, model, runtime, task, number, run) DO UPDATE SET"
		" category = coalesce(excluded.category, category),"
		" category_reasoning = CASE WHEN excluded.category IS NULL THEN category_reasoning"
		"   ELSE excluded.category_reasoning END,"
		" subcategory = CASE WHEN excluded.subcategory IS NULL THEN subcategory"
		"   ELSE excluded.subcategory END,"
		" subcategory_reasoning = CASE WHEN excluded.subcategory IS NULL"
		"   THEN subcategory_reasoning ELSE excluded.subcategory_reasoning END,"
		" subcategory_rank = CASE WHEN excluded.subcategory IS NULL THEN subcategory_rank"
		"   ELSE excluded.subcategory_rank END,"
		" source = excluded.source",
	[SQL_JUDGEMENT_CLAIM] = "UPDATE judgement SET run = ?1"
				" WHERE agent = ?2 AND model = ?3 AND run = ''",
	[SQL_TOUCHED_INSERT] = "INSERT OR IGNORE INTO temp.touched (run_id, task_id) VALUES (?1, ?2)",
};

sqlite3_stmt *
store_stmt(struct store *s, enum store_stmt which, struct bt_error *err)
{
	sqlite3_stmt **st = &s->stmt[which];

	if (!*st) {
		if (store_prepare(s, stmt_sql[which], st, err))
			return NULL;
	} else {
		sqlite3_reset(*st);
		sqlite3_clear_bindings(*st);
	}
	return *st;
}

int
store_step_done(struct store *s, sqlite3_stmt *st, struct bt_error *err, const char *what)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, err, what);
	return BT_OK;
}

int
store_step_id(struct store *s, sqlite3_stmt *st, int64_t *id, struct bt_error *err)
{
	int rc = sqlite3_step(st);

	*id = 0;
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE) {
		sqlite3_reset(st);
		return store_fail(s, err, "lookup failed");
	}
	sqlite3_reset(st);
	return BT_OK;
}

static int
put_run(struct store *s, const struct run_ident *r, int64_t *id, struct bt_error *err)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (!(st = store_stmt(s, SQL_RUN_FIND, err)))
		return err->code;
	store_bind_text(st, 1, r->name);
	store_bind_text(st, 2, r->agent);
	store_bind_text(st, 3, r->model);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW && !sqlite3_column_int(st, 1)) {
		/* one name, one agent/model: a second one would silently merge
		 * two agents' attempts under one run */
		rc = bt_errorf(err, BT_EINPUT, "run '%s' is %s in the store, not %s/%s: give "
			       "another name (--name, run.name)", r->name,
			       (const char *)sqlite3_column_text(st, 2), r->agent, r->model);
		sqlite3_reset(st);
		return rc;
	}
	*id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "lookup failed");
	time_iso_now(now);
	st = store_stmt(s, *id ? SQL_RUN_UPDATE : SQL_RUN_INSERT, err);
	if (!st)
		return err->code;
	if (*id)
		sqlite3_bind_int64(st, 1, *id);
	else
		store_bind_text(st, 1, r->name);
	store_bind_text(st, 2, r->agent);
	store_bind_text(st, 3, r->model);
	store_bind_text(st, 4, r->label ? r->label : "");
	store_bind_text(st, 5, r->source ? r->source : "");
	store_bind_text(st, 6, now);
	if ((rc = store_step_done(s, st, err, "cannot write a run")))
		return rc;
	if (*id)
		return BT_OK;
	*id = sqlite3_last_insert_rowid(s->db);
	/* judgements imported before any run of the agent/model are its now */
	if (!(st = store_stmt(s, SQL_JUDGEMENT_CLAIM, err)))
		return err->code;
	store_bind_text(st, 1, r->name);
	store_bind_text(st, 2, r->agent);
	store_bind_text(st, 3, r->model);
	return store_step_done(s, st, err, "cannot claim judgements");
}

static int
put_task(struct store *s, const struct task_info *t, int64_t *id, struct bt_error *err)
{
	sqlite3_stmt *st;
	char cs[128];
	int rc;

	if (!(st = store_stmt(s, SQL_TASK_FIND, err)))
		return err->code;
	store_bind_text(st, 1, t->runtime);
	store_bind_text(st, 2, t->name);
	if ((rc = store_step_id(s, st, id, err)) || *id)
		return rc;
	if (!(st = store_stmt(s, SQL_TASK_INSERT, err)))
		return err->code;
	task_constraints_string(t->constraints, cs, sizeof(cs));
	store_bind_text(st, 1, t->kind == TASK_FEATURE ? "feature" : "generation");
	store_bind_text(st, 2, t->runtime);
	store_bind_text(st, 3, t->name);
	store_bind_text(st, 4, t->framework);
	store_bind_text(st, 5, cs);
	sqlite3_bind_int(st, 6, (int)t->constraints);
	sqlite3_bind_int(st, 7, t->level);
	store_bind_text(st, 8, t->difficulty);
	if ((rc = store_step_done(s, st, err, "cannot write a task")))
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	return BT_OK;
}

static int
assertion_id(struct store *s, const char *name, int64_t *id, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	for (size_t i = 0; i < s->assertion_names.n; i++)
		if (strcmp(s->assertion_names.v[i], name) == 0) {
			*id = s->assertion_ids[i];
			return BT_OK;
		}
	if (!(st = store_stmt(s, SQL_ASSERTION_FIND, err)))
		return err->code;
	store_bind_text(st, 1, name);
	if ((rc = store_step_id(s, st, id, err)))
		return rc;
	if (!*id) {
		if (!(st = store_stmt(s, SQL_ASSERTION_INSERT, err)))
			return err->code;
		store_bind_text(st, 1, name);
		if ((rc = store_step_done(s, st, err, "cannot write an assertion name")))
			return rc;
		*id = sqlite3_last_insert_rowid(s->db);
	}
	/* The collection has 44 names; a hostile report could have millions,
	 * so the cache stays small and the rest is looked up. */
	if (s->assertion_names.n < 4096) {
		BT_GROW(s->assertion_ids, s->cap_assertion_ids, s->assertion_names.n + 1);
		s->assertion_ids[s->assertion_names.n] = *id;
		strv_push(&s->assertion_names, name);
	}
	return BT_OK;
}

/* Assertion names as a JSON array of assertion ids. */
static int
assertion_list(struct store *s, const struct strv *names, struct buf *out, struct bt_error *err)
{
	buf_reset(out);
	buf_putc(out, '[');
	for (size_t i = 0; i < names->n; i++) {
		int64_t id;
		int rc = assertion_id(s, names->v[i], &id, err);
		if (rc)
			return rc;
		buf_printf(out, "%s%lld", i ? "," : "", (long long)id);
	}
	buf_putc(out, ']');
	return BT_OK;
}

static void
bind_verdict(sqlite3_stmt *st, int i, const struct verdict *v)
{
	if (v->applicable) {
		sqlite3_bind_int(st, i, v->ok);
		store_bind_text(st, i + 1, v->reason ? v->reason : "");
	} else {
		sqlite3_bind_null(st, i);
		sqlite3_bind_null(st, i + 1);
	}
}

static int
put_attempt_row(struct store *s, const struct attempt *a, int64_t run_id, int64_t task_id,
		int64_t *attempt_id, struct bt_error *err)
{
	sqlite3_stmt *st;
	int64_t existing;
	long errored = 0;
	int rc;

	if (!(st = store_stmt(s, SQL_ATTEMPT_FIND, err)))
		return err->code;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, task_id);
	sqlite3_bind_int(st, 3, a->number);
	if ((rc = store_step_id(s, st, &existing, err)))
		return rc;
	if (existing) {
		static const enum store_stmt clear[] = {
			SQL_ATTEMPT_CLEAR_REQUESTS, SQL_ATTEMPT_CLEAR_ARTIFACTS,
			SQL_ATTEMPT_CLEAR_EVIDENCE, SQL_ATTEMPT_CLEAR_FAILURE,
		};
		for (size_t i = 0; i < sizeof(clear) / sizeof(clear[0]); i++) {
			if (!(st = store_stmt(s, clear[i], err)))
				return err->code;
			sqlite3_bind_int64(st, 1, existing);
			if ((rc = store_step_done(s, st, err, "cannot replace an attempt")))
				return rc;
		}
	}
	for (size_t i = 0; i < a->n_requests; i++)
		errored += a->requests[i].code < 0;

	if (!(st = store_stmt(s, existing ? SQL_ATTEMPT_UPDATE : SQL_ATTEMPT_INSERT, err)))
		return err->code;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, task_id);
	sqlite3_bind_int(st, 3, a->number);
	store_bind_text(st, 4, a->batch);
	sqlite3_bind_int(st, 5, a->has_report);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)a->n_requests);
	sqlite3_bind_int64(st, 7, errored);
	sqlite3_bind_int64(st, 8, a->total);
	sqlite3_bind_int64(st, 9, a->passed);
	sqlite3_bind_int64(st, 10, a->failed);
	sqlite3_bind_double(st, 11, a->raw);
	sqlite3_bind_double(st, 12, a->strict);
	sqlite3_bind_int(st, 13, a->tests_passed);
	sqlite3_bind_int(st, 14, a->verifiers_ok);
	sqlite3_bind_int(st, 15, a->succeeded);
	bind_verdict(st, 16, &a->verdict[VERIFIER_ARCH]);
	bind_verdict(st, 18, &a->verdict[VERIFIER_DB]);
	bind_verdict(st, 20, &a->verdict[VERIFIER_ORM]);
	store_bind_text(st, 22, a->termination);
	store_bind_opt_long(st, 23, a->steps);
	store_bind_opt_long(st, 24, a->tokens_in);
	store_bind_opt_long(st, 25, a->tokens_out);
	store_bind_opt_long(st, 26, a->llm_calls);
	if (a->cost >= 0)
		sqlite3_bind_double(st, 27, a->cost);
	else
		sqlite3_bind_null(st, 27);
	sqlite3_bind_int(st, 28, (int)a->flags);
	sqlite3_bind_text(st, 29, a->problems.len ? a->problems.data : "", -1, SQLITE_TRANSIENT);
	if (existing)
		sqlite3_bind_int64(st, 30, existing);
	if ((rc = store_step_done(s, st, err, "cannot write an attempt")))
		return rc;
	*attempt_id = existing ? existing : sqlite3_last_insert_rowid(s->db);
	return BT_OK;
}

static int
put_requests(struct store *s, const struct attempt *a, int64_t attempt_id, struct bt_error *err)
{
	struct buf passed, failed;
	struct strv failed_ids = {0};
	int rc = BT_OK;

	buf_init(&passed);
	buf_init(&failed);
	for (size_t i = 0; i < a->n_requests && !rc; i++) {
		const struct request *r = &a->requests[i];
		sqlite3_stmt *st;

		if ((rc = assertion_list(s, &r->passed, &passed, err)) ||
		    (rc = assertion_list(s, &r->failed, &failed, err)))
			break;
		if (!(st = store_stmt(s, SQL_REQUEST_INSERT, err))) {
			rc = err->code;
			break;
		}
		sqlite3_bind_int64(st, 1, attempt_id);
		sqlite3_bind_int(st, 2, r->position);
		store_bind_text(st, 3, r->name ? r->name : "");
		store_bind_text(st, 4, r->method ? r->method : "");
		store_bind_text(st, 5, r->url ? r->url : "");
		store_bind_text(st, 6, r->status ? r->status : "");
		store_bind_opt_long(st, 7, r->code);
		store_bind_opt_long(st, 8, r->response_ms);
		store_bind_opt_long(st, 9, r->response_bytes);
		sqlite3_bind_int(st, 10, r->n_total);
		sqlite3_bind_int(st, 11, r->n_passed);
		sqlite3_bind_int(st, 12, r->n_failed);
		sqlite3_bind_int(st, 13, r->n_skipped);
		sqlite3_bind_text(st, 14, passed.data, (int)passed.len, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 15, failed.data, (int)failed.len, SQLITE_TRANSIENT);
		rc = store_step_done(s, st, err, "cannot write a request");
		strv_push(&failed_ids, failed.data);
	}
	if (!rc)
		rc = store_put_failures(s, attempt_id, a, &failed_ids, err);
	strv_free(&failed_ids);
	buf_free(&passed);
	buf_free(&failed);
	return rc;
}

static int
put_artifacts(struct store *s, const struct attempt *a, int64_t attempt_id, struct bt_error *err)
{
	for (int k = 0; k < ARTIFACT_KINDS; k++) {
		const struct artifact *art = &a->artifacts[k];
		sqlite3_stmt *st;
		int rc;

		if (!art->present)
			continue;
		if (!(st = store_stmt(s, SQL_ARTIFACT_INSERT, err)))
			return err->code;
		sqlite3_bind_int64(st, 1, attempt_id);
		store_bind_text(st, 2, artifact_kind_name((enum artifact_kind)k));
		store_bind_text(st, 3, art->path);
		sqlite3_bind_int64(st, 4, (sqlite3_int64)art->size);
		sqlite3_bind_int(st, 5, art->truncated);
		store_bind_text(st, 6, art->format);
		sqlite3_bind_blob64(st, 7, art->data ? art->data : "", art->len, SQLITE_STATIC);
		if ((rc = store_step_done(s, st, err, "cannot write an artifact")))
			return rc;
	}
	return BT_OK;
}

static int
put_evidence(struct store *s, const struct attempt *a, int64_t attempt_id, struct bt_error *err)
{
	for (size_t i = 0; i < a->n_evidence; i++) {
		const struct evidence *e = &a->evidence[i];
		sqlite3_stmt *st;
		int rc;

		if (!(st = store_stmt(s, SQL_EVIDENCE_INSERT, err)))
			return err->code;
		sqlite3_bind_int64(st, 1, attempt_id);
		store_bind_text(st, 2, verifier_name(e->verifier));
		store_bind_text(st, 3, e->file);
		if (e->line > 0)
			sqlite3_bind_int(st, 4, e->line);
		store_bind_text(st, 5, e->label ? e->label : "");
		store_bind_text(st, 6, e->detail);
		if ((rc = store_step_done(s, st, err, "cannot write verifier evidence")))
			return rc;
	}
	return BT_OK;
}

static int
touch(struct store *s, int64_t run_id, int64_t task_id, struct bt_error *err)
{
	sqlite3_stmt *st = store_stmt(s, SQL_TOUCHED_INSERT, err);

	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, task_id);
	return store_step_done(s, st, err, "cannot note a changed task");
}

int
store_put_attempt(struct store *s, const struct attempt *a, struct bt_error *err)
{
	int64_t run_id = 0, task_id = 0, attempt_id = 0;
	int rc;

	if ((rc = put_run(s, &a->run, &run_id, err)) || (rc = put_task(s, &a->task, &task_id, err)) ||
	    (rc = put_attempt_row(s, a, run_id, task_id, &attempt_id, err)) ||
	    (rc = put_requests(s, a, attempt_id, err)) ||
	    (rc = put_artifacts(s, a, attempt_id, err)) ||
	    (rc = put_evidence(s, a, attempt_id, err)) || (rc = touch(s, run_id, task_id, err)))
		return rc;
	if (a->category || a->subcategory) {
		struct judgement j = {
			.agent = a->run.agent, .model = a->run.model, .runtime = a->task.runtime,
			.task = a->task.name, .number = a->number, .category = a->category,
			.category_reasoning = a->category_reasoning, .subcategory = a->subcategory,
			.subcategory_reasoning = a->subcategory_reasoning, .source = a->run.source,
			.subcategory_rank = 1, .run = a->run.name,
		};
		return store_put_judgement(s, &j, err);
	}
	return BT_OK;
}

int
store_prune_task(struct store *s, const char *run_name, const struct task_info *t,
		 const char *batch, const int *keep, size_t n, long *removed,
		 struct bt_error *err)
{
	sqlite3_stmt *st;
	struct buf numbers;
	int rc;

	*removed = 0;
	rc = store_prepare(s,
			   "DELETE FROM attempt WHERE run_id = (SELECT id FROM run WHERE name = ?1)"
			   " AND task_id = (SELECT id FROM task WHERE runtime = ?2 AND name = ?3)"
			   " AND (batch <> ?4 OR number NOT IN (SELECT value FROM json_each(?5)))",
			   &st, err);
	if (rc)
		return rc;
	buf_init(&numbers);
	buf_putc(&numbers, '[');
	for (size_t i = 0; i < n; i++)
		buf_printf(&numbers, "%s%d", i ? "," : "", keep[i]);
	buf_putc(&numbers, ']');
	store_bind_text(st, 1, run_name);
	store_bind_text(st, 2, t->runtime);
	store_bind_text(st, 3, t->name);
	store_bind_text(st, 4, batch);
	store_bind_text(st, 5, numbers.data);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	buf_free(&numbers);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot drop superseded attempts");
	*removed = sqlite3_changes(s->db);
	if (*removed == 0)
		return BT_OK;
	/* the task's statistics must be recomputed, even if nothing is left */
	if ((rc = store_prepare(s,
				"INSERT OR IGNORE INTO temp.touched (run_id, task_id)"
				" SELECT r.id, t.id FROM run r, task t"
				" WHERE r.name = ?1 AND t.runtime = ?2 AND t.name = ?3",
				&st, err)))
		return rc;
	store_bind_text(st, 1, run_name);
	store_bind_text(st, 2, t->runtime);
	store_bind_text(st, 3, t->name);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot note a changed task");
}

int
store_put_task_meta(struct store *s, const struct task_info *t, const struct task_meta *m,
		    struct bt_error *err)
{
	sqlite3_stmt *st;
	int64_t id;
	int rc;

	if ((rc = put_task(s, t, &id, err)))
		return rc;
	rc = store_prepare(s,
			   "UPDATE task SET description = coalesce(?2, description),"
			   " prompt = coalesce(?3, prompt), repo_url = coalesce(?4, repo_url),"
			   " repo_commit = coalesce(?5, repo_commit),"
			   " reference_patch = coalesce(?6, reference_patch) WHERE id = ?1",
			   &st, err);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, m->description);
	store_bind_text(st, 3, m->prompt);
	store_bind_text(st, 4, m->repo_url);
	store_bind_text(st, 5, m->repo_commit);
	if (m->reference_patch)
		sqlite3_bind_blob64(st, 6, m->reference_patch, m->reference_patch_len,
				    SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot write task metadata");
}

int
store_put_judgement(struct store *s, const struct judgement *j, struct bt_error *err)
{
	sqlite3_stmt *st = store_stmt(s, SQL_JUDGEMENT_UPSERT, err);

	if (!st)
		return err->code;
	store_bind_text(st, 1, j->agent);
	store_bind_text(st, 2, j->model);
	store_bind_text(st, 3, j->runtime);
	store_bind_text(st, 4, j->task);
	sqlite3_bind_int(st, 5, j->number);
	store_bind_text(st, 6, j->category);
	store_bind_text(st, 7, j->category ? (j->category_reasoning ? j->category_reasoning : "")
					   : NULL);
	store_bind_text(st, 8, j->subcategory);
	store_bind_text(st, 9, j->subcategory ? (j->subcategory_reasoning
						 ? j->subcategory_reasoning : "") : NULL);
	store_bind_text(st, 10, j->source ? j->source : "");
	sqlite3_bind_int(st, 11, j->subcategory_rank);
	store_bind_text(st, 12, j->run ? j->run : "");
	return store_step_done(s, st, err, "cannot write a judgement");
}

int
store_touch_judged(struct store *s, const struct judgement *j, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s,
			       "INSERT OR IGNORE INTO temp.touched (run_id, task_id)"
			       " SELECT r.id, t.id FROM run r, task t"
			       " WHERE r.name = ?5 AND t.runtime = ?3 AND t.name = ?4"
			       " AND r.agent = ?1 AND r.model = ?2",
			       &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, j->agent);
	store_bind_text(st, 2, j->model);
	store_bind_text(st, 3, j->runtime);
	store_bind_text(st, 4, j->task);
	store_bind_text(st, 5, j->run ? j->run : "");
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot note a judged task");
}

int
store_runs_of(struct store *s, const char *agent, const char *model, struct strv *names,
	      struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "SELECT name FROM run WHERE agent = ?1 AND model = ?2"
			       " ORDER BY name", &st, err);

	if (rc)
		return rc;
	store_bind_text(st, 1, agent);
	store_bind_text(st, 2, model);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strv_push(names, (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot list runs");
}

int
store_has_attempt(struct store *s, const char *run, const char *runtime, const char *task,
		  int number, bool *yes, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s, "SELECT 1 FROM attempt a JOIN run r ON r.id = a.run_id"
			       " JOIN task t ON t.id = a.task_id WHERE r.name = ?1"
			       " AND t.runtime = ?2 AND t.name = ?3 AND a.number = ?4", &st, err);

	if (rc)
		return rc;
	store_bind_text(st, 1, run);
	store_bind_text(st, 2, runtime);
	store_bind_text(st, 3, task);
	sqlite3_bind_int(st, 4, number);
	rc = sqlite3_step(st);
	*yes = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot look up an attempt");
	return BT_OK;
}

int
store_clear_subcategories(struct store *s, const char *model, int below_rank,
			  struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc = store_prepare(s,
			       "UPDATE judgement SET subcategory = NULL, subcategory_reasoning = NULL,"
			       " subcategory_rank = 0"
			       " WHERE model = ?1 AND subcategory_rank < ?2",
			       &st, err);
	if (rc)
		return rc;
	store_bind_text(st, 1, model);
	sqlite3_bind_int(st, 2, below_rank);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot clear subcategories");
}

int
store_refresh_task_results(struct store *s, store_stats_fn fn, long *n_pairs,
			   struct bt_error *err)
{
	sqlite3_stmt *pairs = NULL, *outcomes = NULL, *write = NULL, *drop = NULL;
	struct attempt_outcome *o = NULL;
	size_t cap = 0;
	int rc;

	if (n_pairs)
		*n_pairs = 0;
	if ((rc = store_prepare(s, "SELECT run_id, task_id FROM temp.touched", &pairs, err)) ||
	    (rc = store_prepare(s,
				"SELECT a.raw_pct, a.strict_pct, a.tests_passed, a.succeeded,"
				" a.has_report, a.n_requests, a.n_errored, a.verifiers_ok,"
				" coalesce(j.category, '')"
				" FROM attempt a JOIN run r ON r.id = a.run_id JOIN task t ON t.id = a.task_id"
				" LEFT JOIN judgement j ON j.agent = r.agent AND j.model = r.model AND j.run = r.name"
				"  AND j.runtime = t.runtime AND j.task = t.name AND j.number = a.number"
				" WHERE a.run_id = ?1 AND a.task_id = ?2 ORDER BY a.number",
				&outcomes, err)) ||
	    (rc = store_prepare(s,
				"INSERT OR REPLACE INTO task_result (run_id, task_id, n_executed,"
				" n_succeeded, n_tests_passed, raw, raw_std, strict, strict_std,"
				" pass1, pass3, pow3, pass1_tests, strip, category, has_flags)"
				" VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,"
				" (SELECT " STORE_HAS_FLAGS_SQL " FROM attempt a"
				"  WHERE a.run_id = ?1 AND a.task_id = ?2))",
				&write, err)) ||
	    (rc = store_prepare(s, "DELETE FROM task_result WHERE run_id = ?1 AND task_id = ?2",
				&drop, err)))
		goto out;
	while ((rc = sqlite3_step(pairs)) == SQLITE_ROW) {
		int64_t run_id = sqlite3_column_int64(pairs, 0), task_id = sqlite3_column_int64(pairs, 1);
		struct task_stats ts;
		size_t n = 0;
		char strip[16] = "";
		struct strv cats = {0};

		if (n_pairs)
			(*n_pairs)++;
		sqlite3_reset(outcomes);
		sqlite3_bind_int64(outcomes, 1, run_id);
		sqlite3_bind_int64(outcomes, 2, task_id);
		while ((rc = sqlite3_step(outcomes)) == SQLITE_ROW) {
			BT_GROW(o, cap, n + 1);
			o[n].raw = sqlite3_column_double(outcomes, 0);
			o[n].strict = sqlite3_column_double(outcomes, 1);
			o[n].tests_passed = sqlite3_column_int(outcomes, 2);
			o[n].succeeded = sqlite3_column_int(outcomes, 3);
			if (n + 1 < sizeof(strip)) {
				strip[n] = store_outcome(sqlite3_column_int(outcomes, 4),
							 sqlite3_column_int(outcomes, 5),
							 sqlite3_column_int(outcomes, 6), o[n].succeeded,
							 sqlite3_column_int(outcomes, 7));
				strip[n + 1] = '\0';
			}
			if (*sqlite3_column_text(outcomes, 8))
				strv_push(&cats, (const char *)sqlite3_column_text(outcomes, 8));
			n++;
		}
		if (rc != SQLITE_DONE) {
			strv_free(&cats);
			rc = store_fail(s, err, "cannot read attempts");
			goto out;
		}
		/* the most frequent category of the task's attempts, first seen on ties */
		const char *category = "";
		size_t best = 0;
		for (size_t i = 0; i < cats.n; i++) {
			size_t count = 0;
			for (size_t j = 0; j < cats.n; j++)
				count += strcmp(cats.v[i], cats.v[j]) == 0;
			if (count > best) {
				best = count;
				category = cats.v[i];
			}
		}
		if (n == 0) {
			sqlite3_reset(drop);
			sqlite3_bind_int64(drop, 1, run_id);
			sqlite3_bind_int64(drop, 2, task_id);
			rc = store_step_done(s, drop, err, "cannot drop task statistics");
			strv_free(&cats);
			if (rc)
				goto out;
			continue;
		}
		fn(o, n, &ts);
		sqlite3_reset(write);
		sqlite3_bind_int64(write, 1, run_id);
		sqlite3_bind_int64(write, 2, task_id);
		sqlite3_bind_int(write, 3, ts.n_executed);
		sqlite3_bind_int(write, 4, ts.n_succeeded);
		sqlite3_bind_int(write, 5, ts.n_tests_passed);
		sqlite3_bind_double(write, 6, ts.raw);
		sqlite3_bind_double(write, 7, ts.raw_std);
		sqlite3_bind_double(write, 8, ts.strict);
		sqlite3_bind_double(write, 9, ts.strict_std);
		sqlite3_bind_double(write, 10, ts.pass1);
		sqlite3_bind_double(write, 11, ts.pass3);
		sqlite3_bind_double(write, 12, ts.pow3);
		sqlite3_bind_double(write, 13, ts.pass1_tests);
		store_bind_text(write, 14, strip);
		store_bind_text(write, 15, category);
		rc = store_step_done(s, write, err, "cannot write task statistics");
		strv_free(&cats);
		if (rc)
			goto out;
	}
	if (rc != SQLITE_DONE) {
		rc = store_fail(s, err, "cannot list changed tasks");
		goto out;
	}
	sqlite3_finalize(pairs);
	pairs = NULL;
	rc = store_exec(s, "DELETE FROM temp.touched", err);
out:
	free(o);
	sqlite3_finalize(pairs);
	sqlite3_finalize(outcomes);
	sqlite3_finalize(write);
	sqlite3_finalize(drop);
	return rc;
}
