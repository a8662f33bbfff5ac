/* summary.h: the reports the CLI prints, built from the store with the
 * metrics engine into report tables (report.h).  Each builder returns a
 * new table the caller frees with report_table_free(), or NULL with err set. */
#ifndef BENCHTOP_SUMMARY_H
#define BENCHTOP_SUMMARY_H

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
				     enum task_kind kind, struct bt_error *err);

/* `benchtop summary --format csv --upstream`: exactly the columns, row order
 * and 4-decimal fractions of the benchmark's global_stats.csv (CRLF line
 * ends), one block per run, runs ordered by agent then model. */
int summary_upstream_csv(struct store *st, const int64_t *runs, size_t n, FILE *out,
			 struct bt_error *err);

#endif
