/* tables_internal.h: what tables.c and tables_more.c share: the selected
 * runs in the paper's order with their task rows.  Not installed. */
#ifndef BENCHTOP_TABLES_INTERNAL_H
#define BENCHTOP_TABLES_INTERNAL_H

#include "benchtop/tables.h"

/* Configurations are grouped as upstream prints them (spec 4.4): the known
 * full ones in the paper's order, then the known subset ones (starred),
 * then every other configuration sorted by agent and model. */
enum { GROUP_FULL, GROUP_SUBSET, GROUP_OTHER };

/* One selected run with its task rows and the facts the tables need. */
struct trun {
	const struct run_summary *info;
	struct task_row *gen, *feat;
	size_t n_gen, n_feat;
	/* its generation attempts, when the table needs them (points into
	 * tctx.facts) */
	const struct attempt_fact *facts;
	size_t n_facts;
	bool covers;  /* covers the task set (spec 4.8's rule): for runs upstream does not know */
	int group;    /* GROUP_* */
	int rank;     /* ordering key */
	char display[160];
};

struct tctx {
	struct store *st;
	struct run_summary *runs;
	size_t n_runs;
	struct task_row *gen_all, *feat_all;
	size_t n_gen_all, n_feat_all;
	struct attempt_fact *facts; /* every run's generation attempts, or NULL */
	size_t n_facts;
	struct trun *sel;
	size_t n_sel;
	bool machine;
	const struct tables_opts *o;
	size_t excluded; /* attempts --exclude-limits left out of the selected runs */
};

/* tables_more.c */
struct report_table *tables_decay(struct tctx *c);
struct report_table *tables_termination(struct tctx *c);
size_t tables_subset(struct tctx *c, struct report_table **out);
struct report_table *tables_tokens(struct tctx *c);
struct report_table *tables_cost(struct tctx *c);
#endif
