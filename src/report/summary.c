/* summary.c: runs, summary and the upstream-compatible global_stats CSV. */
#include "config.h"

#include "benchtop/summary.h"

#include <stdlib.h>
#include <string.h>

/* The run list, looked up by id. */
struct run_index {
	struct run_summary *v;
	size_t n;
};

static int
run_index_load(struct store *st, struct run_index *ri, struct bt_error *err)
{
	return store_runs(st, &ri->v, &ri->n, err);
}

static const struct run_summary *
run_index_find(const struct run_index *ri, int64_t id)
{
	for (size_t i = 0; i < ri->n; i++)
		if (ri->v[i].id == id)
			return &ri->v[i];
	return NULL;
}

static void
run_index_free(struct run_index *ri)
{
	store_runs_free(ri->v, ri->n);
}

/* The task rows of one run (the store returns them sorted by run). */
static size_t
rows_of_run(struct task_row *all, size_t n, int64_t run, struct task_row **out)
{
	size_t first, k = metrics_rows_of_run(all, n, run, &first);

	*out = all + first;
	return k;
}

int
summary_task_rows(struct store *st, const int64_t *runs, size_t n, enum task_kind kind,
		  bool exclude_limits, struct task_row **rows, size_t *nrows, size_t *excluded,
		  struct bt_error *err)
{
	struct attempt_fact *f;
	size_t nf, k = 0;

	*excluded = 0;
	if (!exclude_limits)
		return store_task_rows(st, 0, kind, rows, nrows, err);
	if (store_attempt_facts(st, 0, kind, &f, &nf, err))
		return err->code;
	/* count only the selected runs' attempts; the rows are every run's */
	for (size_t i = 0; i < nf; i++) {
		bool selected = n == 0;
		for (size_t j = 0; j < n && !selected; j++)
			selected = runs[j] == f[i].run_id;
		k += selected && f[i].term == TERM_LIMITS;
	}
	*nrows = metrics_task_rows_from_facts(f, nf, true, rows, NULL);
	*excluded = k;
	free(f);
	return BT_OK;
}

struct report_table *
summary_runs(struct store *st, struct bt_error *err)
{
	static const char *const cols[] = {
		"Run|run", "Agent|agent", "Model|model", ">Attempts|attempts", ">Tasks|tasks",
		">Feature att.|feature_attempts", ">A%|strict_pct", ">Raw A%|raw_pct",
		">pass@1|pass_at_1", "Label|label",
	};
	struct run_index ri;
	struct task_row *rows;
	size_t nrows;
	struct report_table *t;

	if (run_index_load(st, &ri, err))
		return NULL;
	if (store_task_rows(st, 0, TASK_GENERATION, &rows, &nrows, err)) {
		run_index_free(&ri);
		return NULL;
	}
	t = report_new("Runs", sizeof(cols) / sizeof(cols[0]), cols);
	for (size_t i = 0; i < ri.n; i++) {
		const struct run_summary *r = &ri.v[i];
		struct task_row *mine;
		struct agg_row *g;
		size_t k = rows_of_run(rows, nrows, r->id, &mine), ng;
		size_t row = report_add_row(t);

		ng = metrics_aggregate(mine, k, AGG_GLOBAL, &g);
		report_set_text(t, row, 0, r->name);
		report_set_text(t, row, 1, r->agent);
		report_set_text(t, row, 2, r->model);
		report_set_int(t, row, 3, r->n_attempts);
		report_set_int(t, row, 4, r->n_tasks);
		report_set_int(t, row, 5, r->n_feature_attempts);
		if (ng) {
			report_set_num(t, row, 6, g[0].strict * 100, 1);
			report_set_num(t, row, 7, g[0].raw * 100, 1);
			report_set_num(t, row, 8, g[0].pass1 * 100, 1);
		}
		report_set_text(t, row, 9, r->label);
		free(g);
	}
	if (ri.n == 0)
		report_note(t, "The store holds no runs yet: import some with 'benchtop import PATH'.");
	else
		report_note(t, "Attempts, Tasks and the metrics count generation tasks; Feature att. "
			    "counts the attempts at feature tasks (see summary --kind feature).");
	free(rows);
	run_index_free(&ri);
	return t;
}

static const char *
by_title(int by)
{
	switch (by) {
	case AGG_FRAMEWORK: return "framework";
	case AGG_FRAMEWORK_LEVEL: return "framework and level";
	case AGG_RUNTIME: return "runtime";
	case AGG_RUNTIME_LEVEL: return "runtime and level";
	case AGG_LEVEL: return "level";
	case AGG_CONSTRAINT: return "constraint type";
	case AGG_FRAMEWORK_CONSTRAINT: return "framework and constraint";
	default: return "level";
	}
}

/* The decay L3 - L0 of strict A% (Table 1's ΔA%) of one group of rows
 * aggregated by level (group NULL: every row); false without both levels. */
static bool
decay_of(const struct agg_row *g, size_t n, const char *group, double *out)
{
	double at[4];
	bool have[4] = {false, false, false, false};

	for (size_t j = 0; j < n; j++)
		if ((!group || strcmp(g[j].group, group) == 0) && g[j].level >= 0 && g[j].level < 4) {
			at[g[j].level] = g[j].strict;
			have[g[j].level] = true;
		}
	if (have[0] && have[3])
		*out = at[3] - at[0];
	return have[0] && have[3];
}

static void
summary_row(struct report_table *t, const char *run, const struct agg_row *g)
{
	size_t row = report_add_row(t);

	report_set_text(t, row, 0, run);
	report_set_text(t, row, 1, g->group);
	if (g->level >= 0) {
		char lv[16];
		snprintf(lv, sizeof(lv), "L%d", g->level);
		report_set_text(t, row, 2, lv);
	}
	report_set_int(t, row, 3, g->n_tasks);
	report_set_int(t, row, 4, g->n_executed);
	report_set_int(t, row, 5, g->n_succeeded);
	report_set_num(t, row, 6, g->strict * 100, 1);
	report_set_num(t, row, 7, g->raw * 100, 1);
	report_set_num(t, row, 8, g->pass1 * 100, 1);
	report_set_num(t, row, 9, g->pass3 * 100, 1);
	report_set_num(t, row, 10, g->pow3 * 100, 1);
}

struct report_table *
summary_by(struct store *st, const int64_t *runs, size_t n, int by, enum task_kind kind,
	   bool exclude_limits, struct bt_error *err)
{
	static const char *const cols[] = {
		"Run|run", "Group|group", "Level|level", ">Tasks|tasks", ">Attempts|attempts",
		">Succeeded|succeeded", ">A%|strict_pct", ">Raw A%|raw_pct", ">pass@1|pass_at_1",
		">pass@3|pass_at_3", ">pass^3|pass_power_3", ">L3-L0|decay_strict_pct",
	};
	/* the decay column only by framework: the framework's own L3 - L0 */
	size_t ncols = sizeof(cols) / sizeof(cols[0]) - (by == AGG_FRAMEWORK ? 0 : 1);
	struct run_index ri;
	struct task_row *rows;
	size_t nrows, excluded;
	struct report_table *t;
	char title[160];

	if (run_index_load(st, &ri, err))
		return NULL;
	if (summary_task_rows(st, runs, n, kind, exclude_limits, &rows, &nrows, &excluded, err)) {
		run_index_free(&ri);
		return NULL;
	}
	snprintf(title, sizeof(title), "%s tasks %s%s (A%% = strict assertion pass rate)",
		 kind == TASK_FEATURE ? "Feature" : "Generation", by == AGG_GLOBAL ? "" : "by ",
		 by == AGG_GLOBAL ? "overall" : by_title(by));
	t = report_new(title, ncols, cols);
	for (size_t i = 0; i < n; i++) {
		const struct run_summary *r = run_index_find(&ri, runs[i]);
		struct task_row *mine;
		struct agg_row *g;
		size_t k = rows_of_run(rows, nrows, runs[i], &mine), ng;

		if (!r)
			continue;
		if (i)
			report_rule(t);
		if (by < 0)
			by = AGG_LEVEL;
		struct agg_row *by_level = NULL;
		size_t nl = 0;
		double decay;
		ng = metrics_aggregate(mine, k, (enum agg_by)by, &g);
		if (by == AGG_FRAMEWORK)
			nl = metrics_aggregate(mine, k, AGG_FRAMEWORK_LEVEL, &by_level);
		for (size_t j = 0; j < ng; j++) {
			summary_row(t, r->name, &g[j]);
			if (by == AGG_FRAMEWORK && decay_of(by_level, nl, g[j].group, &decay))
				report_set_signed(t, t->nrows - 1, 11, decay * 100, 1);
		}
		free(g);
		free(by_level);
		/* every grouping ends with the run's overall row */
		if (by != AGG_GLOBAL) {
			ng = metrics_aggregate(mine, k, AGG_GLOBAL, &g);
			nl = by == AGG_FRAMEWORK ? metrics_aggregate(mine, k, AGG_LEVEL, &by_level) : 0;
			for (size_t j = 0; j < ng; j++) {
				summary_row(t, r->name, &g[j]);
				if (by == AGG_FRAMEWORK && decay_of(by_level, nl, NULL, &decay))
					report_set_signed(t, t->nrows - 1, 11, decay * 100, 1);
			}
			free(g);
			if (by == AGG_FRAMEWORK)
				free(by_level);
		}
		if (k == 0)
			report_note(t, "%s has no %s tasks.", r->name,
				    kind == TASK_FEATURE ? "feature" : "generation");
	}
	report_note(t, "Means over tasks (unweighted); Attempts and Succeeded are sums. "
		    "pass@k is the unbiased estimator; pass^3 = (c/n)^3.%s", by == AGG_FRAMEWORK
		    ? " L3-L0: the decay of strict A% from L0 to L3 (Table 1's ΔA%)." : "");
	if (exclude_limits)
		summary_note_excluded(t, excluded);
	free(rows);
	run_index_free(&ri);
	return t;
}

/* global_stats.csv's row order (spec 4.3). */
static const enum agg_by upstream_order[] = {
	AGG_FRAMEWORK, AGG_FRAMEWORK_LEVEL, AGG_RUNTIME, AGG_RUNTIME_LEVEL,
	AGG_GLOBAL, AGG_LEVEL, AGG_CONSTRAINT, AGG_FRAMEWORK_CONSTRAINT,
};

void
summary_note_excluded(struct report_table *t, size_t excluded)
{
	report_note(t, "--exclude-limits: %zu attempt%s that ended in LimitsExceeded left out.",
		    excluded, excluded == 1 ? "" : "s");
}

void
summary_upstream_block(FILE *out, const char *agent, const char *model,
		       const struct task_row *rows, size_t n)
{
	for (size_t o = 0; o < sizeof(upstream_order) / sizeof(upstream_order[0]); o++) {
		struct agg_row *g;
		size_t ng = metrics_aggregate(rows, n, upstream_order[o], &g);
		for (size_t j = 0; j < ng; j++) {
			report_csv_field(out, agent);
			fputc(',', out);
			report_csv_field(out, model);
			fprintf(out, ",%s,%s,", metrics_agg_name(g[j].by), g[j].group);
			if (g[j].level >= 0)
				fprintf(out, "%d", g[j].level);
			fprintf(out, ",%.4f,%.4f,%.4f,%.4f,%.4f,%ld,%ld\r\n", g[j].pass1, g[j].pass3,
				g[j].pow3, g[j].raw, g[j].strict, g[j].n_succeeded, g[j].n_executed);
		}
		free(g);
	}
}

int
summary_upstream_csv(struct store *st, const int64_t *runs, size_t n, bool exclude_limits,
		     FILE *out, size_t *excluded, struct bt_error *err)
{
	struct run_index ri;
	struct task_row *rows;
	size_t nrows;

	if (run_index_load(st, &ri, err))
		return err->code;
	if (summary_task_rows(st, runs, n, TASK_GENERATION, exclude_limits, &rows, &nrows,
			      excluded, err)) {
		run_index_free(&ri);
		return err->code;
	}
	fputs(SUMMARY_GLOBAL_HEADER "\r\n", out);
	/* ri is ordered by agent, then model: keep that order, not the argument's */
	for (size_t i = 0; i < ri.n; i++) {
		const struct run_summary *r = &ri.v[i];
		bool selected = false;
		for (size_t j = 0; j < n; j++)
			selected |= runs[j] == r->id;
		if (!selected)
			continue;
		struct task_row *mine;
		size_t k = rows_of_run(rows, nrows, r->id, &mine);
		summary_upstream_block(out, r->agent, r->model, mine, k);
	}
	free(rows);
	run_index_free(&ri);
	return BT_OK;
}
