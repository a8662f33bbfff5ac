/* summary.h: the reports the CLI prints, built from the store with the
 * metrics engine into report tables (report.h).  Each builder returns a
 * new table the caller frees with report_table_free(), or NULL with err set. */
#ifndef BENCHTOP_SUMMARY_H
#define BENCHTOP_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "benchtop/metrics.h"
#include "benchtop/report.h"
#include "benchtop/store.h"

/* `benchtop runs`: one row per run with counts and headline A%. */
struct report_table *summary_runs(struct store *st, struct bt_error *err);

/* `benchtop summary`: the aggregates of the selected runs by one
 * granularity; by < 0 gives the per-level rows plus the overall row. */
struct report_table *summary_by(struct store *st, const int64_t *runs, size_t n, int by,
				enum task_kind kind, bool exclude_limits, struct bt_error *err);

/* `benchtop summary --format csv --upstream`: exactly the columns, row order
 * and 4-decimal fractions of the benchmark's global_stats.csv (CRLF line
 * ends), one block per run, runs ordered by agent then model.  *excluded
 * gets the number of attempts --exclude-limits left out. */
int summary_upstream_csv(struct store *st, const int64_t *runs, size_t n, bool exclude_limits,
			 FILE *out, size_t *excluded, struct bt_error *err);
#define SUMMARY_GLOBAL_HEADER                                                                  \
	"agent,model,granularity,group,n_constraints,pass_at_1,pass_at_3,pass_power_3,"       \
	"passed_assertions_perc,strict_assertions_perc,n_succeeded,n_executed"
/* global_stats.csv's rows (no header) of one run's task rows. */
void summary_upstream_block(FILE *out, const char *agent, const char *model,
			    const struct task_row *rows, size_t n);
/* The task rows of every run (sorted by run), as the store caches them or,
 * with exclude_limits, recomputed without the attempts that ended in
 * LimitsExceeded; *excluded gets how many of the selected runs' attempts
 * (n == 0: every run's) were left out.  *rows is malloc'd. */
int summary_task_rows(struct store *st, const int64_t *runs, size_t n, enum task_kind kind,
		      bool exclude_limits, struct task_row **rows, size_t *nrows, size_t *excluded,
		      struct bt_error *err);
/* The note every table and summary made with --exclude-limits carries. */
void summary_note_excluded(struct report_table *t, size_t excluded);

#endif
