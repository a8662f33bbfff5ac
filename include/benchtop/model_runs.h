/* model_runs.h: the runs view's rows, like the paper's Table 1 (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_RUNS_H
#define BENCHTOP_MODEL_RUNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/metrics.h"

struct run_row {
	int64_t id;
	char name[128], agent[64], model[64], label[128];
	long attempts, tasks, feature_attempts;
	long missing;             /* generation tasks some run in the store has and
				   * this one lacks (marked * in the list) */
	bool have[4];
	double a[4], p1[4];       /* strict A% and pass@1 per level, fractions */
	double a_all, raw_all, p1_all;
	bool have_delta;
	double delta;             /* A%(L3) - A%(L0) */
	long expected;            /* generation attempts a whole run has: 80 tasks x the
				   * most attempts a task has; 0 when it has none */
	char last[8];             /* its last import: "HH:MM" that day, else "MM-DD" */
	bool live;                /* a running import --watch is writing it */
};

enum runs_sort { RUNS_SORT_NAME, RUNS_SORT_A, RUNS_SORT_DELTA, RUNS_SORT_P1, RUNS_SORT_TASKS,
		 RUNS_SORT_COUNT };

struct runs_model {
	struct run_row *rows;
	size_t n;
	long union_tasks;         /* distinct generation task names over every run */
	enum runs_sort sort;
	bool reverse;
};

/* exclude_limits: the metrics without the attempts that ended in
 * LimitsExceeded (the explorer's X). */
int runs_model_load(struct runs_model *m, struct store *st, bool exclude_limits,
		    struct bt_error *err);
/* One run's generation task rows (run_id 0: every run's), as the store
 * caches them or, with exclude_limits, recomputed without the attempts that
 * ended in LimitsExceeded.  *rows is malloc'd. */
int runs_model_task_rows(struct store *st, int64_t run_id, bool exclude_limits,
			 struct task_row **rows, size_t *n, struct bt_error *err);
void runs_model_sort(struct runs_model *m, enum runs_sort sort, bool reverse);
const char *runs_sort_name(enum runs_sort s);
/* A sort key by its name ("A%", "delta" for ΔA%, "pass1" for pass@1, ...),
 * case-insensitive; -1 when there is none. */
int runs_sort_parse(const char *name);
void runs_model_free(struct runs_model *m);

#endif /* BENCHTOP_MODEL_RUNS_H */
