/* store_find.c: the queries `benchtop show` needs to find one attempt. */
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
