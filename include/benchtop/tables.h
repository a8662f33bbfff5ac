/* tables.h: every table of the paper (upstream-format.md sections 4-6),
 * built from the store into report tables.
 *
 *   1             strict A% and pass@1 per level, ΔA% = L3 - L0
 *   1-raw         the same without verifier enforcement (raw A%, tests-only pass@1)
 *   2a            marginal effect of each constraint, matched pairs
 *   2b            feature-task pass@1 per model and agent
 *   8, 8-all      framework leaderboard (full configurations / every configuration)
 *   4             failure taxonomy and logic subcategories, data-layer share
 *   verifier-impact  raw vs strict A% per level, the confusion matrix
 */
#ifndef BENCHTOP_TABLES_H
#define BENCHTOP_TABLES_H

#include <stdbool.h>
#include <stdint.h>

#include "benchtop/report.h"
#include "benchtop/store.h"

struct table_info {
	const char *name;
	const char *title;
};
extern const struct table_info tables_list[];

/* Build table `name` for the selected runs (n == 0: every run).  `machine`
 * splits combined "A/p" cells into numeric columns (CSV, JSON).  Returns
 * the number of tables put in *out (an array the caller frees, with each
 * table), or 0 with err set. */
size_t tables_build(const char *name, struct store *st, const int64_t *runs, size_t n,
		    bool machine, struct report_table ***out, struct bt_error *err);

#endif
