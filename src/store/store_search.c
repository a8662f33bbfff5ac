/* store_search.c: the texts a search reads (artifacts, judge reasoning,
 * failed assertions) and the optional FTS5 trigram index over artifacts.
 *
 * The index is optional because a trigram index costs import time and disk
 * (docs/performance.md: the figures); without it a search reads every
 * artifact of the sources asked for. */
#include "config.h"

#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

bool
store_has_text_index(struct store *s)
{
	sqlite3_stmt *st;
	bool yes = false;

	if (store_prepare(s, "SELECT 1 FROM sqlite_master WHERE name = 'artifact_text'", &st, NULL))
		return false;
	yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return yes;
}

int
store_text_index(struct store *s, struct bt_error *err)
{
	/* external content: the index keeps no second copy of the text, and
	 * detail=none keeps only which artifacts hold each trigram, so a
	 * match is a candidate that the caller checks in the text itself */
	static const char sql[] =
		"BEGIN IMMEDIATE;"
		"CREATE VIRTUAL TABLE artifact_text USING fts5(content, content='artifact',"
		" content_rowid='id', tokenize='trigram', detail='none');"
		"CREATE TRIGGER artifact_text_insert AFTER INSERT ON artifact BEGIN"
		" INSERT INTO artifact_text (rowid, content) VALUES (new.id, new.content); END;"
		"CREATE TRIGGER artifact_text_delete AFTER DELETE ON artifact BEGIN"
		" INSERT INTO artifact_text (artifact_text, rowid, content)"
		" VALUES ('delete', old.id, old.content); END;"
		"INSERT INTO artifact_text (artifact_text) VALUES ('rebuild');"
		"COMMIT;";
	int rc;

	if (store_has_text_index(s))
		return BT_OK;
	if ((rc = store_exec(s, sql, err)))
		store_exec(s, "ROLLBACK", NULL);
	return rc;
}

/* The FTS5 query for a literal: every trigram of it, quoted, ANDed (with
 * detail=none a phrase cannot be asked).  NULL when it has fewer than 3
 * characters.  Caller frees. */
static char *
trigram_query(const char *literal)
{
	size_t starts[512], n = 0;
	struct buf q;

	/* the start of each UTF-8 character */
	for (size_t i = 0; literal[i] && n < sizeof(starts) / sizeof(starts[0]) - 1; i++)
		if (((unsigned char)literal[i] & 0xC0) != 0x80)
			starts[n++] = i;
	if (n < 3)
		return NULL;
	starts[n] = strlen(literal);
	buf_init(&q);
	for (size_t k = 0; k + 3 <= n; k++) {
		buf_puts(&q, k ? " AND \"" : "\"");
		for (size_t i = starts[k]; i < starts[k + 3]; i++) {
			if (literal[i] == '"')
				buf_putc(&q, '"');
			buf_putc(&q, literal[i]);
		}
		buf_putc(&q, '"');
	}
	return buf_steal(&q);
}

/* Step a query whose columns are: attempt id, run name, feature?, framework,
 * task name, number, source, text; call fn for each row. */
static int
each_text(struct store *s, sqlite3_stmt *st, store_text_fn fn, void *ctx, struct bt_error *err)
{
	struct address addr;
	char task[160];
	int rc, stop = 0;

	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct store_text t = {.attempt_id = sqlite3_column_int64(st, 0), .addr = &addr};
		address_task_token(sqlite3_column_int(st, 2) ? TASK_FEATURE : TASK_GENERATION,
				   (const char *)sqlite3_column_text(st, 3),
				   (const char *)sqlite3_column_text(st, 4), task, sizeof(task));
		address_set(&addr, (const char *)sqlite3_column_text(st, 1), task,
			    sqlite3_column_int(st, 5));
		t.source = (const char *)sqlite3_column_text(st, 6);
		t.data = sqlite3_column_blob(st, 7);
		t.len = (size_t)sqlite3_column_bytes(st, 7);
		if (!t.data)
			t.data = "";
		stop = fn(ctx, &t);
	}
	sqlite3_finalize(st);
	if (stop)
		return stop;
	return rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot read the texts to search");
}

#define ATTEMPT_COLS "a.id, r.name, t.kind = 'feature', t.framework, t.name, a.number"
#define ATTEMPT_JOIN " JOIN run r ON r.id = a.run_id JOIN task t ON t.id = a.task_id"

static int
search_artifacts(struct store *s, unsigned sources, int64_t run_id, const char *match,
		 store_text_fn fn, void *ctx, struct bt_error *err)
{
	/* by artifact id, so that the text (the row's last column) is read
	 * only for the kinds asked for, and no sort copies it */
	char *sql = xasprintf(
		"SELECT " ATTEMPT_COLS ", ar.kind, ar.content FROM artifact ar"
		" JOIN attempt a ON a.id = ar.attempt_id" ATTEMPT_JOIN
		" WHERE ar.kind IN (%s%s%s%s) AND (?1 = 0 OR a.run_id = ?1)%s ORDER BY ar.id",
		sources & TEXT_PATCH ? "'patch'," : "",
		sources & TEXT_LOGS ? "'server_log','setup_log'," : "",
		sources & TEXT_TRAJECTORY ? "'trajectory'," : "", "''",
		match ? " AND ar.id IN (SELECT rowid FROM artifact_text WHERE artifact_text MATCH ?2)"
		      : "");
	sqlite3_stmt *st;
	int rc = store_prepare(s, sql, &st, err);

	free(sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	if (match)
		sqlite3_bind_text(st, 2, match, -1, SQLITE_STATIC);
	return each_text(s, st, fn, ctx, err);
}

int
store_texts(struct store *s, unsigned sources, int64_t run_id, const char *literal,
	    store_text_fn fn, void *ctx, bool *indexed, struct bt_error *err)
{
	static const char judge_sql[] =
		"SELECT " ATTEMPT_COLS ", 'judge',"
		" trim(coalesce(j.category || ': ' || coalesce(j.category_reasoning, ''), '')"
		"  || char(10) || coalesce(j.subcategory || ': ' || coalesce(j.subcategory_reasoning, ''),"
		"  ''), char(10))"
		" FROM judgement j JOIN run r ON r.agent = j.agent AND r.model = j.model"
		" JOIN task t ON t.runtime = j.runtime AND t.name = j.task"
		" JOIN attempt a ON a.run_id = r.id AND a.task_id = t.id AND a.number = j.number"
		" WHERE ?1 = 0 OR a.run_id = ?1 ORDER BY a.id";
	static const char assertions_sql[] =
		"SELECT " ATTEMPT_COLS ", 'assertions', f.text FROM"
		" (SELECT attempt_id, group_concat(request || ': ' || assertion, char(10)) AS text"
		"  FROM (SELECT * FROM assertion_result WHERE passed = 0 ORDER BY attempt_id, position)"
		"  GROUP BY attempt_id) f"
		" JOIN attempt a ON a.id = f.attempt_id" ATTEMPT_JOIN
		" WHERE ?1 = 0 OR a.run_id = ?1 ORDER BY a.id";
	char *match = NULL;
	int rc = BT_OK;

	if (literal && store_has_text_index(s))
		match = trigram_query(literal);
	if (indexed)
		*indexed = match != NULL;
	if (sources & (TEXT_PATCH | TEXT_LOGS | TEXT_TRAJECTORY))
		rc = search_artifacts(s, sources, run_id, match, fn, ctx, err);
	free(match);
	for (int k = 0; k < 2 && !rc; k++) {
		sqlite3_stmt *st;
		if (!(sources & (k ? TEXT_ASSERTIONS : TEXT_JUDGE)))
			continue;
		if ((rc = store_prepare(s, k ? assertions_sql : judge_sql, &st, err)))
			break;
		sqlite3_bind_int64(st, 1, run_id);
		rc = each_text(s, st, fn, ctx, err);
	}
	return rc;
}
