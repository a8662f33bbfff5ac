/* store_find.c: finding an attempt, a task or a run by name or by address. */
#include "config.h"

#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
store_find_attempt(struct store *s, int64_t run_id, const char *task, int number, int64_t *id,
		   struct bt_error *err)
{
	static const char sql[] =
		"SELECT a.id, t.id, t.runtime || '/' || t.name, a.number"
		" FROM attempt a JOIN task t ON t.id = a.task_id"
		" WHERE a.run_id = ?1 AND (t.name = ?2 OR t.runtime || '/' || t.name = ?2"
		"  OR t.framework || '/' || t.name = ?2)"
		" ORDER BY t.runtime, t.name, a.number";
	struct buf tasks, numbers;
	int64_t task_id = 0;
	int n_tasks = 0, rc;
	sqlite3_stmt *st;

	*id = 0;
	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	store_bind_text(st, 2, task);
	buf_init(&tasks);
	buf_init(&numbers);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 1) != task_id) {
			task_id = sqlite3_column_int64(st, 1);
			buf_printf(&tasks, "%s%s", n_tasks++ ? ", " : "",
				   sqlite3_column_text(st, 2));
			buf_reset(&numbers);
		}
		buf_printf(&numbers, "%s%d", numbers.len ? ", " : "", sqlite3_column_int(st, 3));
		if (sqlite3_column_int(st, 3) == number)
			*id = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = store_fail(s, err, "cannot look up the attempt");
	else if (n_tasks == 0)
		rc = bt_errorf(err, BT_ENOINPUT, "the run has no task '%s'", task);
	else if (n_tasks > 1)
		rc = bt_errorf(err, BT_EUSAGE, "'%s' names several tasks (%s): give FRAMEWORK/NAME",
			       task, buf_cstr(&tasks));
	else if (!*id)
		rc = bt_errorf(err, BT_ENOINPUT, "task %s has no attempt %d in the run (it has %s)",
			       buf_cstr(&tasks), number, buf_cstr(&numbers));
	else
		rc = BT_OK;
	if (rc)
		*id = 0;
	buf_free(&tasks);
	buf_free(&numbers);
	return rc;
}

/* The run's task named `task` ("name", "runtime/name" or "framework/name"). */
static int
find_task(struct store *s, int64_t run_id, const char *task, struct address_target *t,
	  struct bt_error *err)
{
	static const char sql[] =
		"SELECT t.id, t.kind = 'feature', t.framework, t.name, t.runtime FROM task t"
		" WHERE (t.name = ?2 OR t.runtime || '/' || t.name = ?2"
		"  OR t.framework || '/' || t.name = ?2)"
		"  AND EXISTS (SELECT 1 FROM attempt a WHERE a.task_id = t.id AND a.run_id = ?1)"
		" ORDER BY t.runtime, t.name";
	struct buf names;
	sqlite3_stmt *st;
	int rc, n = 0;

	if ((rc = store_prepare(s, sql, &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, run_id);
	store_bind_text(st, 2, task);
	buf_init(&names);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t->task_id = sqlite3_column_int64(st, 0);
		t->task_kind = sqlite3_column_int(st, 1) ? TASK_FEATURE : TASK_GENERATION;
		address_task_token(t->task_kind, (const char *)sqlite3_column_text(st, 2),
				   (const char *)sqlite3_column_text(st, 3), t->canon.task,
				   sizeof(t->canon.task));
		buf_printf(&names, "%s%s/%s", n++ ? ", " : "", sqlite3_column_text(st, 4),
			   sqlite3_column_text(st, 3));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		rc = store_fail(s, err, "cannot look up the task");
	else if (n == 0)
		rc = bt_errorf(err, BT_ENOINPUT, "the run has no task '%s'", task);
	else if (n > 1)
		rc = bt_errorf(err, BT_EUSAGE, "'%s' names several tasks (%s): give FRAMEWORK/NAME",
			       task, buf_cstr(&names));
	else
		rc = BT_OK;
	buf_free(&names);
	return rc;
}

int
store_resolve_address(struct store *s, const struct address *a, struct address_target *t,
		      struct bt_error *err)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->canon = *a;
	if ((rc = store_find_run(s, a->run, &t->run_id, err)) ||
	    (rc = store_run_name(s, t->run_id, t->canon.run, sizeof(t->canon.run), err)))
		return rc;
	if (a->kind == ADDRESS_RUN)
		return BT_OK;
	if ((rc = find_task(s, t->run_id, a->task, t, err)))
		return rc;
	if (a->kind == ADDRESS_TASK)
		return BT_OK;
	sqlite3_stmt *st;
	if ((rc = store_prepare(s, "SELECT id FROM attempt WHERE run_id = ?1 AND task_id = ?2"
				" AND number = ?3", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, t->run_id);
	sqlite3_bind_int64(st, 2, t->task_id);
	sqlite3_bind_int(st, 3, a->attempt);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		t->attempt_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "cannot look up the attempt");
	if (!t->attempt_id)
		return bt_errorf(err, BT_ENOINPUT, "task %s has no attempt %d in the run",
				 t->canon.task, a->attempt);
	return BT_OK;
}

int
store_attempt_address(struct store *s, int64_t attempt_id, struct address *out,
		      struct bt_error *err)
{
	sqlite3_stmt *st;
	char task[160];
	int rc;

	if ((rc = store_prepare(s, "SELECT r.name, t.kind = 'feature', t.framework, t.name, a.number"
				" FROM attempt a JOIN run r ON r.id = a.run_id"
				" JOIN task t ON t.id = a.task_id WHERE a.id = ?1", &st, err)))
		return rc;
	sqlite3_bind_int64(st, 1, attempt_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		address_task_token(sqlite3_column_int(st, 1) ? TASK_FEATURE : TASK_GENERATION,
				   (const char *)sqlite3_column_text(st, 2),
				   (const char *)sqlite3_column_text(st, 3), task, sizeof(task));
		address_set(out, (const char *)sqlite3_column_text(st, 0), task,
			    sqlite3_column_int(st, 4));
		rc = BT_OK;
	} else {
		rc = rc == SQLITE_DONE ? bt_errorf(err, BT_ENOINPUT, "no attempt %lld",
						   (long long)attempt_id)
				       : store_fail(s, err, "cannot look up the attempt");
	}
	sqlite3_finalize(st);
	return rc;
}
