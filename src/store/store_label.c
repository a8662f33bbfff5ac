/* store_label.c: labelled judgements (store_label.h). */
#include "config.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/store_label.h"

/* NULL for SQL NULL, else a copy. */
static char *
col_opt(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? NULL : store_col_text(st, i);
}

int
store_label_item_put(struct store *s, struct label_item *it, bool replace, struct bt_error *err)
{
	static const char sql_replace[] =
		"INSERT INTO label_item (address, agent, model, runtime, task, number,"
		"  judge_category, judge_subcategory, judge_reasoning, coarse_reasoning,"
		"  task_description, newman_summary, server_log, trajectory, source, added_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
		" ON CONFLICT (address) DO UPDATE SET agent = ?2, model = ?3, runtime = ?4,"
		"  task = ?5, number = ?6, judge_category = ?7, judge_subcategory = ?8,"
		"  judge_reasoning = ?9, coarse_reasoning = ?10, task_description = ?11,"
		"  newman_summary = ?12, server_log = ?13, trajectory = ?14, source = ?15"
		" RETURNING id";
	/* keep a known item as it is; the no-op update returns its id */
	static const char sql_keep[] =
		"INSERT INTO label_item (address, agent, model, runtime, task, number,"
		"  judge_category, judge_subcategory, judge_reasoning, coarse_reasoning,"
		"  task_description, newman_summary, server_log, trajectory, source, added_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
		" ON CONFLICT (address) DO UPDATE SET address = excluded.address RETURNING id";
	const char *text[] = {it->address, it->agent, it->model, it->runtime ? it->runtime : "",
			      it->task};
	const char *opt[] = {it->judge_category, it->judge_subcategory, it->judge_reasoning,
			     it->coarse_reasoning, it->task_description, it->newman_summary,
			     it->server_log, it->trajectory};
	char now[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, replace ? sql_replace : sql_keep, &st, err)))
		return rc;
	for (int i = 0; i < 5; i++)
		store_bind_text(st, i + 1, text[i]);
	sqlite3_bind_int(st, 6, it->number);
	for (int i = 0; i < 8; i++)
		store_bind_text(st, i + 7, opt[i]);
	store_bind_text(st, 15, it->source ? it->source : "");
	time_iso_now(now);
	store_bind_text(st, 16, now);
	if (sqlite3_step(st) == SQLITE_ROW) {
		it->id = sqlite3_column_int64(st, 0);
		rc = BT_OK;
	} else {
		rc = store_fail(s, err, "cannot store a labelled item");
	}
	sqlite3_finalize(st);
	return rc;
}

int
store_label_put(struct store *s, int64_t item_id, const char *labeller,
		const struct label_choice *c, struct bt_error *err)
{
	static const char sql[] =
		"INSERT INTO label (item_id, labeller, category, subcategory, labelled_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (item_id, labeller) DO UPDATE SET"
		" category = ?3, subcategory = ?4, labelled_at = ?5";
	char now[32];
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, labeller);
	store_bind_text(st, 3, c->category);
	store_bind_text(st, 4, c->subcategory);
	time_iso_now(now);
	store_bind_text(st, 5, now);
	rc = sqlite3_step(st) == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot store a label");
	sqlite3_finalize(st);
	return rc;
}

int
store_label_delete(struct store *s, int64_t item_id, const char *labeller, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_prepare(s, "DELETE FROM label WHERE item_id = ?1 AND labeller = ?2", &st,
				err)))
		return rc;
	sqlite3_bind_int64(st, 1, item_id);
	store_bind_text(st, 2, labeller);
	rc = sqlite3_step(st) == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot remove a label");
	sqlite3_finalize(st);
	return rc;
}

static void
fill_candidate(sqlite3_stmt *st, void *row)
{
	struct label_item *it = row;
	char *run = store_col_text(st, 0);

	it->agent = store_col_text(st, 1);
	it->model = store_col_text(st, 2);
	it->runtime = store_col_text(st, 3);
	it->task = store_col_text(st, 4);
	it->number = sqlite3_column_int(st, 5);
	it->attempt_id = sqlite3_column_int64(st, 6);
	it->judge_category = col_opt(st, 7);
	it->judge_subcategory = col_opt(st, 8);
	it->coarse_reasoning = col_opt(st, 9);
	it->judge_reasoning = col_opt(st, 10);
	it->address = label_address(run, it->task, it->number);
	it->source = xstrdup("sample");
	free(run);
}

int
store_label_candidates(struct store *s, int64_t run_id, struct label_item **out, size_t *n,
		       struct bt_error *err)
{
	static const char sql[] =
		"SELECT r.name, r.agent, r.model, t.runtime, t.name, a.number, a.id,"
		"  j.category, j.subcategory, j.category_reasoning, j.subcategory_reasoning"
		" FROM attempt a JOIN task t ON t.id = a.task_id JOIN run r ON r.id = a.run_id"
		" LEFT JOIN judgement j ON j.agent = r.agent AND j.model = r.model"
		"  AND j.runtime = t.runtime AND j.task = t.name AND j.number = a.number"
		"  AND j.run = r.name"
		" WHERE a.run_id = ?1 AND a.succeeded = 0 AND t.kind = 'generation'"
		" ORDER BY t.runtime, t.name, a.number";
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	return store_collect(s, st, sizeof(**out), fill_candidate, (void **)out, n,
			     "cannot list the failed attempts", err);
}

int
store_label_session_find(struct store *s, const struct label_session_key *k, int64_t *id,
			 struct bt_error *err)
{
	static const char sql[] =
		"SELECT id FROM label_session WHERE run = ?1 AND labeller = ?2 AND sample = ?3"
		" AND seed = ?4 AND stratify = ?5";
	sqlite3_stmt *st;
	int rc;

	*id = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	store_bind_text(st, 1, k->run);
	store_bind_text(st, 2, k->labeller);
	sqlite3_bind_int64(st, 3, k->sample);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)k->seed);
	store_bind_text(st, 5, k->stratify ? k->stratify : "");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? BT_OK
						   : store_fail(s, err, "cannot look up the session");
	sqlite3_finalize(st);
	return rc;
}

int
store_label_session_create(struct store *s, const struct label_session_key *k,
			   const int64_t *item_ids, size_t n, int64_t *id, struct bt_error *err)
{
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if ((rc = store_prepare(s, "INSERT INTO label_session (run, labeller, sample, seed,"
				" stratify, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", &st, err)))
		return rc;
	store_bind_text(st, 1, k->run);
	store_bind_text(st, 2, k->labeller);
	sqlite3_bind_int64(st, 3, k->sample);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)k->seed);
	store_bind_text(st, 5, k->stratify ? k->stratify : "");
	time_iso_now(now);
	store_bind_text(st, 6, now);
	rc = sqlite3_step(st) == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot store the session");
	sqlite3_finalize(st);
	if (rc)
		return rc;
	*id = sqlite3_last_insert_rowid(s->db);
	if ((rc = store_prepare(s, "INSERT INTO label_session_item (session_id, position, item_id)"
				" VALUES (?1, ?2, ?3)", &st, err)))
		return rc;
	for (size_t i = 0; i < n && !rc; i++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *id);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
		sqlite3_bind_int64(st, 3, item_ids[i]);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = store_fail(s, err, "cannot store the session's items");
	}
	sqlite3_finalize(st);
	return rc;
}

static void
fill_item(sqlite3_stmt *st, void *row)
{
	struct label_item *it = row;
	char **text[] = {&it->address, &it->agent, &it->model, &it->runtime, &it->task};
	char **opt[] = {&it->judge_category, &it->judge_subcategory, &it->judge_reasoning,
			&it->coarse_reasoning, &it->task_description, &it->newman_summary,
			&it->server_log, &it->trajectory, &it->source, &it->category,
			&it->subcategory};

	it->id = sqlite3_column_int64(st, 0);
	for (int i = 0; i < 5; i++)
		*text[i] = store_col_text(st, i + 1);
	it->number = sqlite3_column_int(st, 6);
	for (int i = 0; i < 11; i++)
		*opt[i] = col_opt(st, i + 7);
	it->attempt_id = sqlite3_column_int64(st, 18);
}

int
store_label_items(struct store *s, int64_t session_id, const char *labeller,
		  struct label_item **out, size_t *n, struct bt_error *err)
{
	/* the attempt, when the store has it: the address's run, task and number */
	static const char cols[] =
		"SELECT li.id, li.address, li.agent, li.model, li.runtime, li.task, li.number,"
		"  li.judge_category, li.judge_subcategory, li.judge_reasoning, li.coarse_reasoning,"
		"  li.task_description, li.newman_summary, li.server_log, li.trajectory, li.source,"
		"  l.category, l.subcategory,"
		"  (SELECT a.id FROM attempt a JOIN task t ON t.id = a.task_id"
		"    JOIN run r ON r.id = a.run_id"
		"    WHERE t.name = li.task AND a.number = li.number AND t.kind = 'generation'"
		"     AND (li.runtime = '' OR t.runtime = li.runtime)"
		"     AND r.name || ':' || t.name || ':' || a.number = li.address)"
		" FROM label_item li";
	char *sql;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (session_id > 0)
		sql = xasprintf("%s JOIN label_session_item si ON si.item_id = li.id"
				" LEFT JOIN label l ON l.item_id = li.id AND l.labeller = ?2"
				" WHERE si.session_id = ?1 ORDER BY si.position", cols);
	else if (labeller)
		sql = xasprintf("%s JOIN label l ON l.item_id = li.id AND l.labeller = ?2"
				" ORDER BY li.address", cols);
	else
		sql = xasprintf("%s LEFT JOIN label l ON 0 ORDER BY li.address", cols);
	rc = store_prepare(s, sql, &st, err);
	free(sql);
	if (rc)
		return rc;
	sqlite3_bind_int64(st, 1, session_id);
	store_bind_text(st, 2, labeller);
	return store_collect(s, st, sizeof(**out), fill_item, (void **)out, n,
			     "cannot read the labelled items", err);
}

int
store_labellers(struct store *s, struct strv *out, struct bt_error *err)
{
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_prepare(s, "SELECT DISTINCT labeller FROM label ORDER BY labeller", &st,
				err)))
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strv_push(out, (const char *)sqlite3_column_text(st, 0));
	rc = rc == SQLITE_DONE ? BT_OK : store_fail(s, err, "cannot list the labellers");
	sqlite3_finalize(st);
	return rc;
}

int
store_label_choose_labeller(struct store *st, const char *want, char **out, struct bt_error *err)
{
	struct strv names;
	struct buf list;
	int rc;

	*out = NULL;
	if ((rc = store_labellers(st, &names, err)))
		return rc;
	buf_init(&list);
	for (size_t i = 0; i < names.n; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", names.v[i]);
	if (names.n == 0)
		rc = bt_errorf(err, BT_EINPUT, "nothing is labelled yet: import a judge validation set "
			       "or label a sample with 'benchtop label --run RUN'");
	else if (want && !strv_contains(&names, want))
		rc = bt_errorf(err, BT_EUSAGE, "no labels by '%s' (labellers: %s)", want,
			       buf_cstr(&list));
	else if (!want && names.n > 1)
		rc = bt_errorf(err, BT_EUSAGE, "several labellers (%s): say which with --labeller",
			       buf_cstr(&list));
	else
		*out = xstrdup(want ? want : names.v[0]);
	buf_free(&list);
	strv_free(&names);
	return rc;
}

static void
fill_pair(sqlite3_stmt *st, void *row)
{
	struct label_pair *p = row;

	p->address = store_col_text(st, 0);
	p->ref = store_col_text(st, 1);
	p->other = store_col_text(st, 2);
}

int
store_label_pairs(struct store *s, const char *labeller, const char *against, const char *level,
		  struct label_pair **out, size_t *n, struct bt_error *err)
{
	const char *col = strcmp(level, "logic") == 0 ? "subcategory" : "category";
	char *sql;
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if (against)
		sql = xasprintf("SELECT li.address, l.%s, o.%s FROM label l"
				" JOIN label_item li ON li.id = l.item_id"
				" JOIN label o ON o.item_id = l.item_id AND o.labeller = ?2"
				" WHERE l.labeller = ?1 AND l.%s IS NOT NULL AND o.%s IS NOT NULL"
				" ORDER BY li.address", col, col, col, col);
	else
		sql = xasprintf("SELECT li.address, l.%s, li.judge_%s FROM label l"
				" JOIN label_item li ON li.id = l.item_id"
				" WHERE l.labeller = ?1 AND l.%s IS NOT NULL AND li.judge_%s IS NOT NULL"
				" ORDER BY li.address", col, col, col, col);
	rc = store_prepare(s, sql, &st, err);
	free(sql);
	if (rc)
		return rc;
	store_bind_text(st, 1, labeller);
	store_bind_text(st, 2, against);
	return store_collect(s, st, sizeof(**out), fill_pair, (void **)out, n,
			     "cannot read the labels", err);
}

void
label_pairs_free(struct label_pair *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].address);
		free(v[i].ref);
		free(v[i].other);
	}
	free(v);
}
