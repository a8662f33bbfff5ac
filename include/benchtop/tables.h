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
 *   decay         step-by-step decay of raw A% (L0->L1 ... L0->L3), average row
 *   termination   how the trajectories ended, per configuration (or level)
 *   subset        subset representativeness: full set vs the 4-framework subset
 *   tokens, cost  token consumption and its price per configuration
 * (tables.c; the last five in tables_more.c)
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

/* A model's price in USD per million tokens (spec 4.8). */
struct tables_price {
	const char *model;
	double in, out;
};

struct tables_opts {
	bool machine;        /* split combined cells into numeric columns (CSV, JSON) */
	bool exclude_limits; /* leave out the attempts that ended in LimitsExceeded */
	bool sem;            /* 8, 8-all: the run-level mean, SEM and n of each cell */
	bool by_level;       /* termination: one row per configuration and level */
	bool pipeline_only;  /* subset: the 16 pipeline tasks, not the 4 frameworks */
	const struct tables_price *prices; /* cost: --price, before upstream's */
	size_t n_prices;
};

/* Build table `name` for the selected runs (n == 0: every run).  Returns
 * the number of tables put in *out (an array the caller frees, with each
 * table), or 0 with err set. */
size_t tables_build(const char *name, struct store *st, const int64_t *runs, size_t n,
		    const struct tables_opts *o, struct report_table ***out,
		    struct bt_error *err);
/* Upstream's price of a model (cost_estimate.py), NULL when it lists none. */
const struct tables_price *tables_upstream_price(const char *model);

#endif
