/* store_attempt.c: reading attempts and their artifacts for the viewers. */
#include "config.h"

#include "store_internal.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char
store_outcome(bool has_report, int n_requests, int n_errored, bool succeeded, bool verifiers_ok)
{
	if (!has_report || (n_requests > 0 && n_errored == n_requests))
		return 'N';
	if (succeeded)
		return 'P';
	return verifiers_ok ? 'F' : 'V';
}

static void
fill_brief(sqlite3_stmt *st, void *row)
{
	struct attempt_brief *b = row;
	const unsigned char *cat = sqlite3_column_text(st, 11);

	b->id = sqlite3_column_int64(st, 0);
	b->task_id = sqlite3_column_int64(st, 1);
	b->run_id = sqlite3_column_int64(st, 12);
	b->number = sqlite3_column_int(st, 2);
	b->has_report = sqlite3_column_int(st, 3);
	b->tests_passed = sqlite3_column_int(st, 4);
	b->verifiers_ok = sqlite3_column_int(st, 5);
	b->succeeded = sqlite3_column_int(st, 6);
	b->n_requests = sqlite3_column_int(st, 7);
	b->n_errored = sqlite3_column_int(st, 8);
	b->raw = sqlite3_column_double(st, 9);
	b->strict = sqlite3_column_double(st, 10);
	snprintf(b->category, sizeof(b->category), "%s", cat ? (const char *)cat : "");
	b->outcome = store_outcome(b->has_report, b->n_requests, b->n_errored, b->succeeded,
				   b->verifiers_ok);
}

int
store_attempt_briefs(struct store *s, int64_t run_id, int64_t task_id,
		     struct attempt_brief **out, size_t *n, struct bt_error *err)
{
	/* one statement per case, each with its own index: a catch-all
	 * "(?1 = 0 OR a.run_id = ?1)" would scan every attempt */
	static const char *const where[] = {
		"1", "a.task_id = ?2", "a.run_id = ?1", "a.run_id = ?1 AND a.task_id = ?2",
	};
	char *sql = xasprintf(
		"SELECT a.id, a.task_id, a.number, a.has_report, a.tests_passed, a.verifiers_ok,"
		" a.succeeded, a.n_requests, a.n_errored, a.raw_pct, a.strict_pct,"
		" coalesce(j.category, ''), a.run_id"
		" FROM attempt a JOIN run r ON r.id = a.run_id JOIN task t ON t.id = a.task_id"
		" LEFT JOIN judgement j ON j.agent = r.agent AND j.model = r.model AND j.run = r.name"
		"  AND j.runtime = t.runtime AND j.task = t.name AND j.number = a.number"
		" WHERE %s ORDER BY a.run_id, a.task_id, a.number",
		where[(run_id != 0) * 2 + (task_id != 0)]);
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_prepare(s, sql, &st, err);
	free(sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, task_id);
	rc = store_collect(s, st, sizeof(**out), fill_brief, (void **)out, n, "cannot list attempts",
			   err);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static char *
opt_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static long
opt_long(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}

static void
load_verdict(sqlite3_stmt *st, int i, struct verdict *v)
{
	v->applicable = sqlite3_column_type(st, i) != SQLITE_NULL;
	v->ok = v->applicable && sqlite3_column_int(st, i);
	v->reason = v->applicable ? opt_text(st, i + 1) : NULL;
}

static int
load_row(struct store *s, int64_t id, struct attempt *a, struct bt_error *err)
{
	static const char sql[] =
		"SELECT a.id, a.run_id, a.task_id, a.number, a.batch, a.has_report,"
		" a.assertions_total, a.assertions_passed, a.assertions_failed, a.raw_pct,"
		" a.strict_pct, a.tests_passed, a.verifiers_ok, a.succeeded,"
		" a.arch_ok, a.arch_reason, a.db_ok, a.db_reason, a.orm_ok, a.orm_reason,"
		" a.termination, a.steps, a.tokens_in, a.tokens_out, a.llm_calls, a.cost,"
		" a.flags, a.problems,"
		" r.name, r.agent, r.model, r.label, r.source,"
		" t.kind, t.runtime, t.name, t.framework, t.constraint_bits, t.level, t.difficulty,"
		" j.category, j.category_reasoning, j.subcategory, j.subcategory_reasoning"
		" FROM attempt a JOIN run r ON r.id = a.run_id JOIN task t ON t.id = a.task_id"
		" LEFT JOIN judgement j ON j.agent = r.agent AND j.model = r.model AND j.run = r.name"
		"  AND j.runtime = t.runtime AND j.task = t.name AND j.number = a.number"
		" WHERE a.id = ?1";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return bt_errorf(err, BT_EINPUT, "attempt %lld is not in the store (it was "
					 "replaced by a newer import: press R to reload)", (long long)id);
		return store_fail(s, err, "cannot read an attempt");
	}
	a->id = sqlite3_column_int64(st, 0);
	a->run_id = sqlite3_column_int64(st, 1);
	a->task_id = sqlite3_column_int64(st, 2);
	a->number = sqlite3_column_int(st, 3);
	snprintf(a->batch, sizeof(a->batch), "%s", sqlite3_column_text(st, 4));
	a->has_report = sqlite3_column_int(st, 5);
	a->total = sqlite3_column_int64(st, 6);
	a->passed = sqlite3_column_int64(st, 7);
	a->failed = sqlite3_column_int64(st, 8);
	a->raw = sqlite3_column_double(st, 9);
	a->strict = sqlite3_column_double(st, 10);
	a->tests_passed = sqlite3_column_int(st, 11);
	a->verifiers_ok = sqlite3_column_int(st, 12);
	a->succeeded = sqlite3_column_int(st, 13);
	load_verdict(st, 14, &a->verdict[VERIFIER_ARCH]);
	load_verdict(st, 16, &a->verdict[VERIFIER_DB]);
	load_verdict(st, 18, &a->verdict[VERIFIER_ORM]);
	a->termination = opt_text(st, 20);
	a->steps = opt_long(st, 21);
	a->tokens_in = opt_long(st, 22);
	a->tokens_out = opt_long(st, 23);
	a->llm_calls = opt_long(st, 24);
	a->cost = sqlite3_column_type(st, 25) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 25);
	a->flags = (unsigned)sqlite3_column_int(st, 26);
	buf_puts(&a->problems, (const char *)sqlite3_column_text(st, 27));
	run_ident_set(&a->run, (const char *)sqlite3_column_text(st, 28),
		      (const char *)sqlite3_column_text(st, 29),
		      (const char *)sqlite3_column_text(st, 30),
		      (const char *)sqlite3_column_text(st, 31),
		      (const char *)sqlite3_column_text(st, 32));
	a->task.kind = strcmp((const char *)sqlite3_column_text(st, 33), "feature") == 0
			       ? TASK_FEATURE : TASK_GENERATION;
	snprintf(a->task.runtime, sizeof(a->task.runtime), "%s", sqlite3_column_text(st, 34));
	snprintf(a->task.name, sizeof(a->task.name), "%s", sqlite3_column_text(st, 35));
	snprintf(a->task.framework, sizeof(a->task.framework), "%s", sqlite3_column_text(st, 36));
	a->task.constraints = (unsigned)sqlite3_column_int(st, 37);
	a->task.level = sqlite3_column_int(st, 38);
	snprintf(a->task.difficulty, sizeof(a->task.difficulty), "%s", sqlite3_column_text(st, 39));
	a->category = opt_text(st, 40);
	a->category_reasoning = opt_text(st, 41);
	a->subcategory = opt_text(st, 42);
	a->subcategory_reasoning = opt_text(st, 43);
	sqlite3_finalize(st);
	return BT_OK;
}

/* JSON id lists ("[1,5,9]") to names, via the assertion table. */
static int
load_requests(struct store *s, struct attempt *a, struct bt_error *err)
{
	static const char sql[] =
		"SELECT r.position, r.name, r.method, r.url, r.status, r.code, r.response_ms,"
		" r.response_bytes, r.n_total, r.n_passed, r.n_failed, r.n_skipped,"
		" (SELECT json_group_array(x.name) FROM json_each(r.passed) j"
		"   JOIN assertion x ON x.id = j.value),"
		" (SELECT json_group_array(x.name) FROM json_each(r.failed) j"
		"   JOIN assertion x ON x.id = j.value)"
		" FROM request r WHERE r.attempt_id = ?1 ORDER BY r.position";
	sqlite3_stmt *st, *split;
	int rc;

	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	if ((rc = store_prepare(s, "SELECT value FROM json_each(?1)", &split, err))) {
		sqlite3_finalize(st);
		return rc;
	}
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct request *r = attempt_add_request(a);
		r->position = sqlite3_column_int(st, 0);
		r->name = store_col_text(st, 1);
		r->method = store_col_text(st, 2);
		r->url = store_col_text(st, 3);
		r->status = store_col_text(st, 4);
		r->code = (int)opt_long(st, 5);
		r->response_ms = opt_long(st, 6);
		r->response_bytes = opt_long(st, 7);
		r->n_total = sqlite3_column_int(st, 8);
		r->n_passed = sqlite3_column_int(st, 9);
		r->n_failed = sqlite3_column_int(st, 10);
		r->n_skipped = sqlite3_column_int(st, 11);
		for (int col = 12; col <= 13; col++) {
			struct strv *names = col == 12 ? &r->passed : &r->failed;
			sqlite3_reset(split);
			sqlite3_bind_text(split, 1, (const char *)sqlite3_column_text(st, col), -1,
					  SQLITE_TRANSIENT);
			while (sqlite3_step(split) == SQLITE_ROW)
				strv_push(names, (const char *)sqlite3_column_text(split, 0));
		}
	}
	sqlite3_finalize(split);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot read requests");
}

static int
load_evidence_and_artifacts(struct store *s, struct attempt *a, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s,
				"SELECT verifier, file, patch_line, label, detail FROM evidence"
				" WHERE attempt_id = ?1 ORDER BY rowid", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(st, 0);
		enum verifier_kind k = strcmp(v, "architecture") == 0 ? VERIFIER_ARCH
				       : strcmp(v, "database") == 0   ? VERIFIER_DB
								      : VERIFIER_ORM;
		struct evidence *e = attempt_add_evidence(a, k);
		e->file = opt_text(st, 1);
		e->line = (int)opt_long(st, 2);
		e->label = store_col_text(st, 3);
		e->detail = opt_text(st, 4);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "cannot read verifier evidence");
	if ((rc = store_prepare(s,
				"SELECT kind, path, size, truncated, format, length(content) FROM artifact"
				" WHERE attempt_id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, a->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int k = artifact_kind_from_name((const char *)sqlite3_column_text(st, 0));
		struct artifact *art;
		if (k < 0)
			continue;
		art = &a->artifacts[k];
		art->present = true;
		art->path = opt_text(st, 1);
		art->size = (size_t)sqlite3_column_int64(st, 2);
		art->truncated = sqlite3_column_int(st, 3);
		snprintf(art->format, sizeof(art->format), "%s", sqlite3_column_text(st, 4));
		art->len = (size_t)sqlite3_column_int64(st, 5);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot read artifacts");
}

int
store_load_attempt(struct store *s, int64_t attempt_id, struct attempt *a, struct bt_error *err)
{
	int rc;

	attempt_init(a);
	if ((rc = load_row(s, attempt_id, a, err)) || (rc = load_requests(s, a, err)) ||
	    (rc = load_evidence_and_artifacts(s, a, err))) {
		attempt_free(a);
		return rc;
	}
	return BT_OK;
}

/* ------------------------------------------------------------ blobs */

struct store_blob {
	sqlite3_blob *blob; /* NULL between reads when it must not stay open */
	const char *table, *column;
	int64_t rowid;
	size_t size;
	/* An open blob is a read transaction.  In WAL mode it holds nobody
	 * back; under a rollback journal it would keep an import from
	 * committing for as long as the viewer is open, so it is opened for
	 * each read instead. */
	bool keep;
	struct store *s;
};

static int
blob_attach(struct store_blob *b, struct bt_error *err)
{
	if (sqlite3_blob_open(b->s->db, "main", b->table, b->column, b->rowid, 0, &b->blob) !=
	    SQLITE_OK) {
		b->blob = NULL;
		return store_fail(b->s, err, "cannot open an artifact");
	}
	return BT_OK;
}

static void
blob_detach(struct store_blob *b)
{
	if (!b->keep) {
		sqlite3_blob_close(b->blob);
		b->blob = NULL;
	}
}

static int
blob_open_row(struct store *s, const char *table, const char *column, int64_t rowid,
	      struct store_blob **out, struct bt_error *err)
{
	struct store_blob *b = xcalloc(1, sizeof(*b));
	int rc;

	b->s = s;
	b->table = table;
	b->column = column;
	b->rowid = rowid;
	if ((rc = blob_attach(b, err))) {
		free(b);
		return rc;
	}
	b->size = (size_t)sqlite3_blob_bytes(b->blob);
	b->keep = store_reads_snapshot(s);
	blob_detach(b);
	*out = b;
	return BT_OK;
}

int
store_blob_open(struct store *s, int64_t attempt_id, enum artifact_kind kind,
		struct store_blob **out, struct bt_error *err)
{
	sqlite3_stmt *st;
	int64_t rowid = 0;
	int rc;

	*out = NULL;
	if ((rc = store_prepare(s, "SELECT id FROM artifact WHERE attempt_id = ?1 AND kind = ?2",
				&st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, attempt_id);
	store_bind_text(st, 2, artifact_kind_name(kind));
	if (sqlite3_step(st) == SQLITE_ROW)
		rowid = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (!rowid)
		return bt_errorf(err, BT_ENOINPUT, "this attempt has no %s",
				 artifact_kind_name(kind));
	return blob_open_row(s, "artifact", "content", rowid, out, err);
}

int
store_blob_open_reference(struct store *s, int64_t task_id, struct store_blob **out,
			  struct bt_error *err)
{
	sqlite3_stmt *st;
	bool has = false;
	int rc;

	*out = NULL;
	if ((rc = store_prepare(s, "SELECT reference_patch IS NOT NULL FROM task WHERE id = ?1",
				&st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, task_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		has = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (!has)
		return bt_errorf(err, BT_ENOINPUT, "the task has no reference patch (import the "
				 "task definitions, data/tasks)");
	return blob_open_row(s, "task", "reference_patch", task_id, out, err);
}

size_t
store_blob_size(const struct store_blob *b)
{
	return b->size;
}

int
store_blob_read(struct store_blob *b, size_t offset, void *buf, size_t n, struct bt_error *err)
{
	int rc;

	/* a caller's bug: caught here in debug builds, an error in others */
	assert(offset <= b->size && n <= b->size - offset);
	if (offset > b->size || n > b->size - offset)
		return bt_errorf(err, BT_ESOFTWARE, "read past the end of an artifact");
	if (n == 0)
		return BT_OK;
	if (!b->blob) {
		if ((rc = blob_attach(b, err)))
			return rc;
		if ((size_t)sqlite3_blob_bytes(b->blob) != b->size) {
			blob_detach(b);
			return bt_errorf(err, BT_EINPUT, "the artifact was imported again while "
					 "shown: reload it");
		}
	}
	rc = sqlite3_blob_read(b->blob, buf, (int)n, (int)offset) == SQLITE_OK
		     ? BT_OK
		     : store_fail(b->s, err, "cannot read an artifact");
	blob_detach(b);
	return rc;
}

void
store_blob_close(struct store_blob *b)
{
	if (!b)
		return;
	if (b->blob)
		sqlite3_blob_close(b->blob);
	free(b);
}
