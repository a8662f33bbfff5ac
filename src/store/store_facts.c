/* store_facts.c: every attempt with its task, for the upstream exports and
 * the tables that count attempts (termination, tokens, cost). */
#include "config.h"

#include "store_internal.h"

#include <stdlib.h>
#include <string.h>

static long
opt_long(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, i);
}

static void
fill_fact(sqlite3_stmt *st, void *row)
{
	struct attempt_fact *f = row;

	f->run_id = sqlite3_column_int64(st, 0);
	f->task_id = sqlite3_column_int64(st, 1);
	f->kind = sqlite3_column_int(st, 2) ? TASK_FEATURE : TASK_GENERATION;
	store_col_copy(st, 3, f->runtime, sizeof(f->runtime));
	store_col_copy(st, 4, f->framework, sizeof(f->framework));
	store_col_copy(st, 5, f->name, sizeof(f->name));
	store_col_copy(st, 6, f->difficulty, sizeof(f->difficulty));
	f->constraints = (unsigned)sqlite3_column_int(st, 7);
	f->level = sqlite3_column_int(st, 8);
	f->number = sqlite3_column_int(st, 9);
	f->total = (long)sqlite3_column_int64(st, 10);
	f->passed = (long)sqlite3_column_int64(st, 11);
	f->failed = (long)sqlite3_column_int64(st, 12);
	f->raw = sqlite3_column_double(st, 13);
	f->strict = sqlite3_column_double(st, 14);
	f->tests_passed = sqlite3_column_int(st, 15);
	f->succeeded = sqlite3_column_int(st, 16);
	/* NULL: the verifier does not apply, which upstream writes as compliant */
	f->arch_ok = sqlite3_column_type(st, 17) == SQLITE_NULL || sqlite3_column_int(st, 17);
	f->db_ok = sqlite3_column_type(st, 18) == SQLITE_NULL || sqlite3_column_int(st, 18);
	f->orm_ok = sqlite3_column_type(st, 19) == SQLITE_NULL || sqlite3_column_int(st, 19);
	f->term = termination_parse((const char *)sqlite3_column_text(st, 20));
	f->tokens_in = opt_long(st, 21);
	f->tokens_out = opt_long(st, 22);
	f->tokens_approx = sqlite3_column_int(st, 24) & ATTEMPT_TOKENS_APPROX;
	/* calls as upstream counts them: Mini-SWE's assistant messages (the
	 * steps), the LLM calls OpenHands' state lists */
	f->calls = f->tokens_approx ? opt_long(st, 25) : opt_long(st, 23);
	f->cost = sqlite3_column_type(st, 26) == SQLITE_NULL ? -1 : sqlite3_column_double(st, 26);
}

int
store_attempt_facts(struct store *s, int64_t run_id, enum task_kind kind,
		    struct attempt_fact **out, size_t *n, struct bt_error *err)
{
	static const char sql[] =
		"SELECT a.run_id, a.task_id, t.kind = 'feature', t.runtime, t.framework, t.name,"
		" t.difficulty, t.constraint_bits, t.level, a.number, a.assertions_total,"
		" a.assertions_passed, a.assertions_failed, a.raw_pct, a.strict_pct,"
		" a.tests_passed, a.succeeded, a.arch_ok, a.db_ok, a.orm_ok, a.termination,"
		" a.tokens_in, a.tokens_out, a.llm_calls, a.flags, a.steps, a.cost"
		" FROM attempt a JOIN task t ON t.id = a.task_id"
		" WHERE (?1 = 0 OR a.run_id = ?1) AND t.kind = ?2"
		" ORDER BY a.run_id, t.runtime, t.name, 'run_' || a.number";
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, kind == TASK_FEATURE ? "feature" : "generation", -1, SQLITE_STATIC);
	rc = store_collect(s, st, sizeof(**out), fill_fact, (void **)out, n,
			   "cannot read the attempts", err);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

static void
fill_hits(sqlite3_stmt *st, void *row)
{
	struct limit_hits *h = row;

	h->run_id = sqlite3_column_int64(st, 0);
	h->task_id = sqlite3_column_int64(st, 1);
	h->n = sqlite3_column_int(st, 2);
}

int
store_limit_hits(struct store *s, int64_t run_id, struct limit_hits **out, size_t *n,
		 struct bt_error *err)
{
	static const char sql[] =
		"SELECT run_id, task_id, count(*) FROM attempt"
		" WHERE (?1 = 0 OR run_id = ?1) AND termination = 'LimitsExceeded'"
		" GROUP BY run_id, task_id ORDER BY run_id, task_id";
	sqlite3_stmt *st;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	rc = store_collect(s, st, sizeof(**out), fill_hits, (void **)out, n,
			   "cannot count the limit hits", err);
	if (rc) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
