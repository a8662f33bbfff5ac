/* store_failure.c: what the failure board counts, kept per attempt at import
 * (and backfilled by the migration to schema 2), and read back for a run or
 * the whole store without touching the requests. */
#include "config.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
store_forget_ids(struct store *s)
{
	strv_free(&s->assertion_names);
	strv_free(&s->request_keys);
}

/* The id of a request key (name, occurrence), made when new; position is
 * where it was first seen, for listing keys in collection order. */
static int
request_key_id(struct store *s, const char *name, int occurrence, int position, int64_t *id,
	       struct bt_error *err)
{
	char *key = xasprintf("%d %s", occurrence, name);
	sqlite3_stmt *st;
	int rc = BT_OK;

	for (size_t i = 0; i < s->request_keys.n; i++)
		if (strcmp(s->request_keys.v[i], key) == 0) {
			*id = s->request_key_ids[i];
			free(key);
			return BT_OK;
		}
	if (!(st = store_stmt(s, SQL_REQUEST_KEY_FIND, err))) {
		rc = err->code;
		goto out;
	}
	store_bind_text(st, 1, name);
	sqlite3_bind_int(st, 2, occurrence);
	if ((rc = store_step_id(s, st, id, err)))
		goto out;
	if (!*id) {
		if (!(st = store_stmt(s, SQL_REQUEST_KEY_INSERT, err))) {
			rc = err->code;
			goto out;
		}
		store_bind_text(st, 1, name);
		sqlite3_bind_int(st, 2, occurrence);
		sqlite3_bind_int(st, 3, position);
		if ((rc = store_step_done(s, st, err, "cannot write a request key")))
			goto out;
		*id = sqlite3_last_insert_rowid(s->db);
	}
	/* 32 requests in the collection; a hostile report may have many more */
	if (s->request_keys.n < 4096) {
		BT_GROW(s->request_key_ids, s->cap_request_key_ids, s->request_keys.n + 1);
		s->request_key_ids[s->request_keys.n] = *id;
		strv_push(&s->request_keys, key);
	}
out:
	free(key);
	return rc;
}

/* Append the ids of a JSON array of integers ("[3,7]") to ids, skipping
 * those already there. */
static void
add_ids(const char *json, int64_t **ids, size_t *n, size_t *cap)
{
	for (const char *p = json; p && *p;) {
		char *end;
		long long v;
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		v = strtoll(p, &end, 10);
		p = end;
		bool seen = false;
		for (size_t i = 0; i < *n && !seen; i++)
			seen = (*ids)[i] == v;
		if (!seen) {
			BT_GROW(*ids, *cap, *n + 1);
			(*ids)[(*n)++] = v;
		}
	}
}

int
store_put_failures(struct store *s, int64_t attempt_id, const struct attempt *a,
		   const struct strv *failed_ids, struct bt_error *err)
{
	long first = attempt_first_failure(a);
	int64_t first_id = 0, *asr = NULL;
	size_t n_asr = 0, cap_asr = 0;
	struct buf reqs, asrs;
	sqlite3_stmt *st = NULL;
	int rc = BT_OK;
	bool failed = false;

	for (size_t i = 0; i < a->n_requests; i++)
		failed |= a->requests[i].n_failed > 0;
	if (!failed)
		return BT_OK; /* nothing to keep */
	buf_init(&reqs);
	buf_init(&asrs);
	buf_putc(&reqs, '[');
	for (size_t i = 0; i < a->n_requests && !rc; i++) {
		const struct request *r = &a->requests[i];
		int64_t id;
		if (r->n_failed <= 0)
			continue;
		if ((rc = request_key_id(s, r->name ? r->name : "", attempt_request_occurrence(a, i),
					 r->position, &id, err)))
			break;
		buf_printf(&reqs, "%s%lld", reqs.len > 1 ? "," : "", (long long)id);
		if ((long)i == first)
			first_id = id;
		if (i < failed_ids->n)
			add_ids(failed_ids->v[i], &asr, &n_asr, &cap_asr);
	}
	buf_putc(&reqs, ']');
	buf_putc(&asrs, '[');
	for (size_t i = 0; i < n_asr; i++)
		buf_printf(&asrs, "%s%lld", i ? "," : "", (long long)asr[i]);
	buf_putc(&asrs, ']');
	if (!rc && !(st = store_stmt(s, SQL_FAILURE_INSERT, err)))
		rc = err->code;
	if (!rc) {
		sqlite3_bind_int64(st, 1, attempt_id);
		sqlite3_bind_text(st, 2, reqs.data, (int)reqs.len, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, asrs.data, (int)asrs.len, SQLITE_TRANSIENT);
		if (first_id)
			sqlite3_bind_int64(st, 4, first_id);
		else
			sqlite3_bind_null(st, 4);
		rc = store_step_done(s, st, err, "cannot write an attempt's failures");
	}
	free(asr);
	buf_free(&reqs);
	buf_free(&asrs);
	return rc;
}

/* Put the failures of the attempt whose requests are in a. */
static int
backfill_one(struct store *s, int64_t attempt_id, struct attempt *a, struct strv *failed,
	     struct bt_error *err)
{
	int rc = attempt_id ? store_put_failures(s, attempt_id, a, failed, err) : BT_OK;

	attempt_free(a);
	attempt_init(a);
	strv_free(failed);
	return rc;
}

int
store_backfill_failures(struct store *s, struct bt_error *err)
{
	sqlite3_stmt *st;
	struct attempt a;
	struct strv failed = {0};
	int64_t cur = 0;
	int rc;

	if ((rc = store_exec(s, "UPDATE task_result SET has_flags = (SELECT " STORE_HAS_FLAGS_SQL
			     " FROM attempt a WHERE a.run_id = task_result.run_id"
			     " AND a.task_id = task_result.task_id)", err)))
		return rc;
	/* the requests in primary-key order: each attempt's, in report order */
	if ((rc = store_prepare(s, "SELECT attempt_id, position, name, url, code, n_failed, failed"
				   " FROM request ORDER BY attempt_id, position", &st, err)))
		return rc;
	attempt_init(&a);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct request *r;
		if (id != cur && (rc = backfill_one(s, cur, &a, &failed, err)))
			break;
		cur = id;
		r = attempt_add_request(&a);
		r->position = sqlite3_column_int(st, 1);
		r->name = store_col_text(st, 2);
		r->url = store_col_text(st, 3);
		r->code = sqlite3_column_type(st, 4) == SQLITE_NULL ? -1 : sqlite3_column_int(st, 4);
		r->n_failed = sqlite3_column_int(st, 5);
		strv_push(&failed, (const char *)sqlite3_column_text(st, 6));
	}
	if (rc == SQLITE_DONE)
		rc = backfill_one(s, cur, &a, &failed, err);
	else if (rc != BT_OK || (rc = store_fail(s, err, "cannot read the requests")))
		backfill_one(s, 0, &a, &failed, err);
	sqlite3_finalize(st);
	return rc;
}

/* ------------------------------------------------------------- reading */

void
failure_set_free(struct failure_set *f)
{
	free(f->v);
	free(f->ids);
	memset(f, 0, sizeof(*f));
}

/* Append a JSON array of ids to f->ids; *first gets where they start. */
static size_t
push_ids(struct failure_set *f, const unsigned char *json, size_t *first)
{
	size_t n = 0;

	*first = f->n_ids;
	for (const char *p = (const char *)json; p && *p;) {
		char *end;
		if (*p < '0' || *p > '9') {
			p++;
			continue;
		}
		BT_GROW(f->ids, f->cap_ids, f->n_ids + 1);
		f->ids[f->n_ids++] = strtoll(p, &end, 10);
		p = end;
		n++;
	}
	return n;
}

int
store_failure_attempts(struct store *s, int64_t run_id, enum task_kind kind, unsigned load,
		       struct failure_set *out, struct bt_error *err)
{
	bool judged = load & FAILURE_LOAD_JUDGEMENTS;
	char *sql = xasprintf(
		"SELECT a.run_id, a.task_id, a.number, a.has_report, a.succeeded, a.n_requests,"
		" a.n_errored, a.verifiers_ok, a.strict_pct, f.first_failure, f.requests, %s, %s"
		" FROM attempt a JOIN task t ON t.id = a.task_id"
		" LEFT JOIN attempt_failure f ON f.attempt_id = a.id%s"
		" WHERE t.kind = ?2%s ORDER BY a.run_id, a.task_id, a.number",
		load & FAILURE_LOAD_ASSERTIONS ? "f.assertions" : "NULL",
		judged ? "j.category, j.subcategory" : "NULL, NULL",
		judged ? " JOIN run r ON r.id = a.run_id LEFT JOIN judgement j ON j.agent = r.agent"
			 " AND j.model = r.model AND j.run = r.name AND j.runtime = t.runtime AND j.task = t.name"
			 " AND j.number = a.number" : "",
		run_id ? " AND a.run_id = ?1" : "");
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_prepare(s, sql, &st, err);
	free(sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	store_bind_text(st, 2, kind == TASK_FEATURE ? "feature" : "generation");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct failure_attempt *f;
		const unsigned char *c;
		BT_GROW(out->v, out->cap, out->n + 1);
		f = &out->v[out->n++];
		memset(f, 0, sizeof(*f));
		f->run_id = sqlite3_column_int64(st, 0);
		f->task_id = sqlite3_column_int64(st, 1);
		f->number = sqlite3_column_int(st, 2);
		f->has_report = sqlite3_column_int(st, 3);
		f->succeeded = sqlite3_column_int(st, 4);
		f->outcome = store_outcome(f->has_report, sqlite3_column_int(st, 5),
					   sqlite3_column_int(st, 6), f->succeeded,
					   sqlite3_column_int(st, 7));
		f->strict = sqlite3_column_double(st, 8);
		f->first = sqlite3_column_int64(st, 9);
		f->n_req = push_ids(out, sqlite3_column_text(st, 10), &f->req);
		f->n_asr = push_ids(out, sqlite3_column_text(st, 11), &f->asr);
		if ((c = sqlite3_column_text(st, 12)))
			snprintf(f->category, sizeof(f->category), "%s", (const char *)c);
		if ((c = sqlite3_column_text(st, 13)))
			snprintf(f->subcategory, sizeof(f->subcategory), "%s", (const char *)c);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		failure_set_free(out);
		return store_fail(s, err, "cannot read the attempts' failures");
	}
	return BT_OK;
}

static void
fill_name_id(sqlite3_stmt *st, void *row)
{
	struct name_id *n = row;

	n->id = sqlite3_column_int64(st, 0);
	n->name = store_col_text(st, 1);
	n->occurrence = sqlite3_column_int(st, 2);
	n->position = sqlite3_column_int(st, 3);
}

static int
name_ids(struct store *s, const char *sql, struct name_id **out, size_t *n, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	rc = store_collect(s, st, sizeof(**out), fill_name_id, (void **)out, n,
			   "cannot read names", err);
	if (rc) {
		name_ids_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_request_keys(struct store *s, struct name_id **out, size_t *n, struct bt_error *err)
{
	return name_ids(s, "SELECT id, name, occurrence, position FROM request_key ORDER BY id",
			out, n, err);
}

int
store_assertion_names(struct store *s, struct name_id **out, size_t *n, struct bt_error *err)
{
	return name_ids(s, "SELECT id, name, 1, id FROM assertion ORDER BY id", out, n, err);
}

void
name_ids_free(struct name_id *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}
