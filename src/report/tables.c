/* tables.c: the paper's tables (spec sections 4.4-4.8 and 6.3). */
#include "config.h"

#include "tables_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/metrics.h"
#include "benchtop/summary.h"

const struct table_info tables_list[] = {
	{"1", "Table 1: strict A% and pass@1 by constraint level"},
	{"1-raw", "Table 1 without verifier enforcement: raw A% and tests-only pass@1"},
	{"2a", "Table 2a: marginal effect of each constraint (matched pairs)"},
	{"2b", "Table 2b: feature-implementation tasks, pass@1"},
	{"8", "Table 8: framework leaderboard (full configurations)"},
	{"8-all", "Table 8 over every configuration"},
	{"4", "Table 4: failure taxonomy"},
	{"verifier-impact", "Verifier impact: raw vs strict A% and the confusion matrix"},
	{"decay", "Step-by-step decay of raw A% (evaluation.py's summary table 2)"},
	{"termination", "How the trajectories ended (trajectory_analysis.py)"},
	{"subset", "Subset representativeness: strict A% on all tasks vs the subset"},
	{"tokens", "Token consumption per configuration and level"},
	{"cost", "Cost per configuration (upstream's prices, or --price)"},
	{NULL, NULL},
};

/* The paper's row order (spec 4.4): the full configurations, then the subset ones. */
static const char *const known_full[][2] = {
	{"mini_swe_sdk", "gpt-5-mini"}, {"openhands_sdk", "gpt-5-mini"},
	{"mini_swe_sdk", "qwen3-coder-next"}, {"openhands_sdk", "qwen3-coder-next"},
	{"mini_swe_sdk", "qwen3-235b"}, {"openhands_sdk", "qwen3-235b"},
	{"mini_swe_sdk", "minimax-m2.5"}, {"mini_swe_sdk", "gpt-5.4"},
};
static const char *const known_subset[][2] = {
	{"openhands_sdk", "minimax-m2.5"}, {"mini_swe_sdk", "Kimi-K2.5"}, {"mini_swe_sdk", "gpt-5.2"},
};

static int
known_index(const char *const list[][2], size_t n, const char *agent, const char *model)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i][0], agent) == 0 && strcmp(list[i][1], model) == 0)
			return (int)i;
	return -1;
}

static int
cmp_trun(const void *pa, const void *pb)
{
	const struct trun *a = pa, *b = pb;
	int c;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if ((c = strcmp(a->info->agent, b->info->agent)))
		return c;
	if ((c = strcmp(a->info->model, b->info->model)))
		return c;
	return strcmp(a->info->name, b->info->name);
}

/* A run's rows, copied out of the store's list (which is sorted by run). */
static size_t
select_rows(const struct task_row *all, size_t n, int64_t run, struct task_row **out)
{
	size_t first, k = metrics_rows_of_run(all, n, run, &first);

	*out = xcalloc(k ? k : 1, sizeof(**out));
	memcpy(*out, all + first, k * sizeof(**out));
	return k;
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Number of distinct generation task names across every run. */
static size_t
union_tasks(const struct task_row *rows, size_t n)
{
	const char **names = xcalloc(n ? n : 1, sizeof(char *));
	size_t u = 0;

	for (size_t i = 0; i < n; i++)
		names[i] = rows[i].name;
	qsort(names, n, sizeof(char *), cmp_cstr);
	for (size_t i = 0; i < n; i++)
		u += i == 0 || strcmp(names[i], names[i - 1]) != 0;
	free(names);
	return u;
}

static void
tctx_free(struct tctx *c)
{
	for (size_t i = 0; i < c->n_sel; i++) {
		free(c->sel[i].gen);
		free(c->sel[i].feat);
	}
	free(c->sel);
	free(c->gen_all);
	free(c->feat_all);
	free(c->facts);
	store_runs_free(c->runs, c->n_runs);
}

/* need_facts: the table counts attempts (c->facts and each run's facts). */
static int
tctx_load(struct tctx *c, struct store *st, const int64_t *ids, size_t n,
	  const struct tables_opts *o, bool need_facts, struct bt_error *err)
{
	size_t all, ex_gen = 0, ex_feat = 0;

	memset(c, 0, sizeof(*c));
	c->st = st;
	c->o = o;
	c->machine = o->machine;
	if (store_runs(st, &c->runs, &c->n_runs, err) ||
	    summary_task_rows(st, ids, n, TASK_GENERATION, o->exclude_limits, &c->gen_all,
			      &c->n_gen_all, &ex_gen, err) ||
	    summary_task_rows(st, ids, n, TASK_FEATURE, o->exclude_limits, &c->feat_all,
			      &c->n_feat_all, &ex_feat, err) ||
	    (need_facts && store_attempt_facts(st, 0, TASK_GENERATION, &c->facts, &c->n_facts, err))) {
		tctx_free(c);
		return err->code;
	}
	c->excluded = ex_gen + ex_feat;
	all = union_tasks(c->gen_all, c->n_gen_all);
	c->sel = xcalloc(c->n_runs ? c->n_runs : 1, sizeof(*c->sel));
	for (size_t i = 0; i < c->n_runs; i++) {
		struct run_summary *r = &c->runs[i];
		struct trun *t;
		size_t pipeline = 0;
		bool wanted = n == 0;

		for (size_t j = 0; j < n; j++)
			wanted |= ids[j] == r->id;
		if (!wanted)
			continue;
		t = &c->sel[c->n_sel++];
		t->info = r;
		t->n_gen = select_rows(c->gen_all, c->n_gen_all, r->id, &t->gen);
		t->n_feat = select_rows(c->feat_all, c->n_feat_all, r->id, &t->feat);
		for (size_t k = 0; k < c->n_facts; k++)
			if (c->facts[k].run_id == r->id && (t->n_facts++ == 0))
				t->facts = &c->facts[k];
		for (size_t k = 0; k < t->n_gen; k++)
			pipeline += metrics_is_pipeline_task(t->gen[k].framework, t->gen[k].constraints);
		t->covers = metrics_run_is_full(t->n_gen, all, pipeline);
		int kf = known_index(known_full, sizeof(known_full) / sizeof(known_full[0]), r->agent,
				     r->model);
		int ks = known_index(known_subset, sizeof(known_subset) / sizeof(known_subset[0]),
				     r->agent, r->model);
		t->group = kf >= 0 ? GROUP_FULL : ks >= 0 ? GROUP_SUBSET : GROUP_OTHER;
		t->rank = t->group * 100 + (kf >= 0 ? kf : ks >= 0 ? ks : 0);
		snprintf(t->display, sizeof(t->display), "%s %s%s", task_agent_display(r->agent),
			 task_model_display(r->model), t->group == GROUP_SUBSET ? "*" : "");
	}
	qsort(c->sel, c->n_sel, sizeof(*c->sel), cmp_trun);
	/* two runs of one configuration need their names to be told apart */
	for (size_t i = 0; i < c->n_sel; i++)
		for (size_t j = 0; j < c->n_sel; j++)
			if (i != j && strcmp(c->sel[i].info->agent, c->sel[j].info->agent) == 0 &&
			    strcmp(c->sel[i].info->model, c->sel[j].info->model) == 0) {
				size_t l = strlen(c->sel[i].display);
				snprintf(c->sel[i].display + l, sizeof(c->sel[i].display) - l, " [%s]",
					 c->sel[i].info->name);
				break;
			}
	return BT_OK;
}

static bool
any_starred(const struct tctx *c)
{
	for (size_t i = 0; i < c->n_sel; i++)
		if (c->sel[i].group == GROUP_SUBSET)
			return true;
	return false;
}

/* ------------------------------------------------------------ Table 1 */

static struct report_table *
table1(struct tctx *c, bool raw)
{
	static const char *const cols[] = {
		"Configuration|configuration", "Run|run",
		">L0 A%|l0_a", ">L0 p@1|l0_pass1", ">L1 A%|l1_a", ">L1 p@1|l1_pass1",
		">L2 A%|l2_a", ">L2 p@1|l2_pass1", ">L3 A%|l3_a", ">L3 p@1|l3_pass1",
		">ΔA%|delta_a",
	};
	struct report_table *t =
		report_new(raw ? tables_list[1].title : tables_list[0].title, 11, cols);
	int last_group = -1;

	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		struct agg_row *g;
		size_t ng, row;
		double a[4];
		bool have[4] = {false};

		/* a configuration with feature tasks only has no row (as upstream) */
		if (r->n_gen == 0)
			continue;
		if (last_group >= 0 && r->group != last_group)
			report_rule(t);
		last_group = r->group;
		ng = metrics_aggregate(r->gen, r->n_gen, AGG_LEVEL, &g);
		row = report_add_row(t);
		report_set_text(t, row, 0, r->display);
		report_set_text(t, row, 1, r->info->name);
		for (size_t j = 0; j < ng; j++) {
			int lv = g[j].level;
			if (lv < 0 || lv > 3)
				continue;
			a[lv] = (raw ? g[j].raw : g[j].strict) * 100;
			have[lv] = true;
			report_set_num(t, row, 2 + 2 * (size_t)lv, a[lv], 1);
			report_set_num(t, row, 3 + 2 * (size_t)lv,
				       (raw ? g[j].pass1_tests : g[j].pass1) * 100, 1);
		}
		if (have[0] && have[3])
			report_set_signed(t, row, 10, a[3] - a[0], 1);
		free(g);
	}
	report_note(t, raw ? "A%%: mean over the level's tasks of the mean raw assertion pass rate; "
			     "pass@1 counts passing tests only (verifiers ignored)."
			   : "A%%: mean over the level's tasks of the strict assertion pass rate (0 "
			     "when a verifier fails); pass@1 counts verifier failures as failures.");
	if (any_starred(c))
		report_note(t, "* evaluated on the 16-task subset (the paper's cost-constrained "
			    "configurations).");
	return t;
}

/* ------------------------------------------------------------ Table 2a */

static struct report_table *
table2a(struct tctx *c)
{
	static const char *const cols[] = {
		"Constraint|constraint", ">Avg Δ (pp)|mean_pp", ">Std|std_pp", ">SEM|sem_pp",
		">N|pairs", "Mean ± SEM|mean_sem",
	};
	struct report_table *t = report_new(tables_list[2].title, c->machine ? 5 : 6, cols);
	struct task_row *pooled = xcalloc(c->n_gen_all ? c->n_gen_all : 1, sizeof(*pooled));
	size_t np = 0;

	for (size_t i = 0; i < c->n_sel; i++)
		for (size_t k = 0; k < c->sel[i].n_gen; k++)
			pooled[np++] = c->sel[i].gen[k];
	for (size_t i = 0; i < TASK_N_CONSTRAINTS; i++) {
		unsigned bit = task_constraint_order[i];
		struct pair_stats ps;
		size_t row;

		metrics_marginal_effect(pooled, np, bit, &ps);
		/* upstream prints a constraint only when it has pairs */
		if (ps.n == 0)
			continue;
		row = report_add_row(t);
		report_set_text(t, row, 0, task_constraint_display(bit));
		report_set_int(t, row, 4, ps.n);
		report_set_signed(t, row, 1, ps.mean * 100, 1);
		report_set_num(t, row, 2, ps.std * 100, 1);
		report_set_num(t, row, 3, ps.sem * 100, 1);
		if (!c->machine) {
			char ms[64];
			snprintf(ms, sizeof(ms), "%+.1f ± %.1f", ps.mean * 100, ps.sem * 100);
			report_set_text(t, row, 5, ms);
		}
	}
	report_note(t, "Pairs of tasks differing by exactly one constraint, in the same run and "
		    "framework, pooled over %zu run%s; Δ = strict A%%(with) - strict A%%(without), in "
		    "percentage points; SEM = std / sqrt(N).", c->n_sel, c->n_sel == 1 ? "" : "s");
	free(pooled);
	return t;
}

/* ------------------------------------------------------------ Table 2b */

static int
model_rank(const char *model)
{
	static const char *const order[] = {"gpt-5-mini", "gpt-5.2", "minimax-m2.5", "qwen3-coder-next"};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i], model) == 0)
			return (int)i;
	return 100;
}

static int
agent_rank(const char *agent)
{
	return strcmp(agent, "mini_swe_sdk") == 0 ? 0 : strcmp(agent, "openhands_sdk") == 0 ? 1 : 2;
}

static int
cmp_model(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int ra = model_rank(a), rb = model_rank(b);
	return ra != rb ? ra - rb : strcmp(a, b);
}

static int
cmp_agent(const void *pa, const void *pb)
{
	const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
	int ra = agent_rank(a), rb = agent_rank(b);
	return ra != rb ? ra - rb : strcmp(a, b);
}

static struct report_table *
table2b(struct tctx *c)
{
	struct strv models = {0}, agents = {0};
	struct report_table *t;
	char **specs;

	for (size_t i = 0; i < c->n_sel; i++) {
		if (c->sel[i].n_feat == 0)
			continue;
		if (!strv_contains(&models, c->sel[i].info->model))
			strv_push(&models, c->sel[i].info->model);
		if (!strv_contains(&agents, c->sel[i].info->agent))
			strv_push(&agents, c->sel[i].info->agent);
	}
	qsort(models.v, models.n, sizeof(char *), cmp_model);
	qsort(agents.v, agents.n, sizeof(char *), cmp_agent);
	specs = xcalloc(agents.n + 1, sizeof(char *));
	specs[0] = xstrdup("Model|model");
	for (size_t a = 0; a < agents.n; a++)
		specs[a + 1] = xasprintf(">%s|%s", task_agent_display(agents.v[a]), agents.v[a]);
	t = report_new(tables_list[3].title, agents.n + 1, (const char *const *)specs);
	for (size_t a = 0; a <= agents.n; a++)
		free(specs[a]);
	free(specs);
	for (size_t m = 0; m < models.n; m++) {
		size_t row = report_add_row(t);
		report_set_text(t, row, 0, task_model_display(models.v[m]));
		for (size_t a = 0; a < agents.n; a++) {
			/* several runs of one configuration: the first in run order */
			for (size_t i = 0; i < c->n_sel; i++) {
				struct trun *r = &c->sel[i];
				struct agg_row *g;
				if (r->n_feat == 0 || strcmp(r->info->model, models.v[m]) != 0 ||
				    strcmp(r->info->agent, agents.v[a]) != 0)
					continue;
				if (metrics_aggregate(r->feat, r->n_feat, AGG_GLOBAL, &g))
					report_set_num(t, row, a + 1, g[0].pass1_tests * 100, 1);
				free(g);
				break;
			}
		}
	}
	report_note(t, "Mean over the feature tasks of pass@1 (tests only; feature tasks have no "
		    "verifiers).");
	if (models.n == 0)
		report_note(t, "No feature-task attempts in the selected runs.");
	strv_free(&models);
	strv_free(&agents);
	return t;
}

/* ------------------------------------------------------------ Table 8 */

/* "8" takes the paper's full configurations in its column order (spec 4.7);
 * "8-all" every configuration, models in upstream's display order. */
static int
display_model_rank(const char *model)
{
	static const char *const order[] = {"gpt-5-mini", "gpt-5.2", "gpt-5.4", "minimax-m2.5",
					    "qwen3-coder-next", "qwen3-235b", "Kimi-K2.5",
					    "devstral-small"};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i], model) == 0)
			return (int)i;
	return 100;
}

static int
cmp_all_columns(const void *pa, const void *pb)
{
	const struct trun *a = *(const struct trun *const *)pa, *b = *(const struct trun *const *)pb;
	int ra = display_model_rank(a->info->model), rb = display_model_rank(b->info->model), c;

	if (ra != rb)
		return ra - rb;
	if ((c = strcmp(a->info->model, b->info->model)) || (c = strcmp(a->info->agent, b->info->agent)))
		return c;
	return strcmp(a->info->name, b->info->name);
}

struct leader_row {
	const char *framework;
	double *a, *p;
	bool *have;
	double avg;
	int n;
};

static int
cmp_leader_row(const void *pa, const void *pb)
{
	const struct leader_row *a = pa, *b = pb;
	if (a->avg != b->avg)
		return a->avg > b->avg ? -1 : 1;
	return strcmp(a->framework, b->framework);
}

/* The columns of Table 8: the known full configurations in the paper's
 * order; when none is present (another harness's runs), the runs that
 * cover the task set, and failing that every run. */
static size_t
leader_columns(struct tctx *c, bool all, struct trun **cols, const char **why)
{
	size_t nc = 0;

	*why = NULL;
	for (size_t i = 0; i < c->n_sel; i++)
		if (c->sel[i].n_gen && (all || c->sel[i].group == GROUP_FULL))
			cols[nc++] = &c->sel[i];
	if (all) {
		qsort(cols, nc, sizeof(*cols), cmp_all_columns);
		return nc;
	}
	if (nc)
		return nc; /* c->sel is already in the paper's order */
	for (size_t i = 0; i < c->n_sel; i++)
		if (c->sel[i].n_gen && c->sel[i].covers)
			cols[nc++] = &c->sel[i];
	*why = "None of the paper's full configurations is in the store: the columns are the "
	       "runs that cover the task set.";
	if (nc)
		return nc;
	for (size_t i = 0; i < c->n_sel; i++)
		if (c->sel[i].n_gen)
			cols[nc++] = &c->sel[i];
	*why = "None of the paper's full configurations is in the store, and no run covers the "
	       "task set: the columns are every run.";
	return nc;
}

static struct report_table *
table8(struct tctx *c, bool all)
{
	struct trun **cols_runs = xcalloc(c->n_sel + 1, sizeof(*cols_runs));
	struct leader_row rows[TASK_N_FRAMEWORKS];
	const char *why;
	size_t nc = leader_columns(c, all, cols_runs, &why), nrows = 0, ncols;
	struct report_table *t;
	char **specs;
	/* 8-all shows A% only, as upstream's Table 3-ALL does */
	bool with_p = !all;

	memset(rows, 0, sizeof(rows));
	for (size_t f = 0; f < TASK_N_FRAMEWORKS; f++) {
		struct leader_row *lr = &rows[nrows];
		double *vals = xcalloc(nc + 1, sizeof(double));
		lr->framework = task_frameworks[f];
		lr->a = xcalloc(nc + 1, sizeof(double));
		lr->p = xcalloc(nc + 1, sizeof(double));
		lr->have = xcalloc(nc + 1, sizeof(bool));
		lr->n = 0;
		for (size_t r = 0; r < nc; r++) {
			struct agg_row *g;
			size_t ng = metrics_aggregate(cols_runs[r]->gen, cols_runs[r]->n_gen,
						      AGG_FRAMEWORK, &g);
			for (size_t j = 0; j < ng; j++)
				if (strcmp(g[j].group, lr->framework) == 0) {
					lr->a[r] = g[j].strict * 100;
					lr->p[r] = g[j].pass1 * 100;
					lr->have[r] = true;
					vals[lr->n++] = lr->a[r];
				}
			free(g);
		}
		lr->avg = metrics_mean(vals, (size_t)lr->n);
		free(vals);
		/* only frameworks that appear in the columns get a row */
		if (lr->n)
			nrows++;
		else {
			free(lr->a);
			free(lr->p);
			free(lr->have);
		}
	}
	qsort(rows, nrows, sizeof(rows[0]), cmp_leader_row);

	/* columns per run: one cell for people; A%, pass@1 and with --sem the
	 * run-level mean, SEM and n as numbers for programs */
	size_t w = c->machine ? (with_p ? 2 : 1) + (c->o->sem ? 3 : 0) : 1;
	ncols = 2 + w * nc;
	specs = xcalloc(ncols, sizeof(char *));
	specs[0] = xstrdup("Framework|framework");
	for (size_t r = 0; r < nc; r++) {
		const struct run_summary *ri = cols_runs[r]->info;
		char ab[32];
		size_t k = 1 + w * r;
		snprintf(ab, sizeof(ab), "%s", strcmp(ri->agent, "mini_swe_sdk") == 0 ? "M"
					       : strcmp(ri->agent, "openhands_sdk") == 0 ? "O" : ri->agent);
		if (!c->machine) {
			specs[k] = xasprintf(">%s (%s)%s|%s", task_model_display(ri->model), ab,
					     cols_runs[r]->group == GROUP_SUBSET ? "*" : "", ri->name);
			continue;
		}
		specs[k++] = xasprintf(">%s A%%|%s a_pct", ri->name, ri->name);
		if (with_p)
			specs[k++] = xasprintf(">%s pass@1|%s pass_at_1", ri->name, ri->name);
		if (c->o->sem) {
			specs[k++] = xasprintf(">%s run mean|%s run_mean", ri->name, ri->name);
			specs[k++] = xasprintf(">%s SEM|%s run_sem", ri->name, ri->name);
			specs[k++] = xasprintf(">%s runs|%s runs", ri->name, ri->name);
		}
	}
	specs[ncols - 1] = xstrdup(">Avg|avg_a_pct");
	t = report_new(tables_list[all ? 5 : 4].title, ncols, (const char *const *)specs);
	for (size_t i = 0; i < ncols; i++)
		free(specs[i]);
	free(specs);
	for (size_t f = 0; f < nrows; f++) {
		struct leader_row *lr = &rows[f];
		size_t row = report_add_row(t);
		report_set_text(t, row, 0, task_framework_display(lr->framework));
		for (size_t r = 0; r < nc; r++) {
			size_t k = 1 + w * r, runs = 0;
			double mean = 0, sem = 0;
			if (!lr->have[r])
				continue;
			if (c->o->sem)
				metrics_run_level(cols_runs[r]->facts, cols_runs[r]->n_facts, lr->framework,
						  c->o->exclude_limits, &mean, &sem, &runs);
			if (c->machine) {
				report_set_num(t, row, k++, lr->a[r], 1);
				if (with_p)
					report_set_num(t, row, k++, lr->p[r], 0);
				if (c->o->sem) {
					report_set_num(t, row, k++, mean * 100, 1);
					report_set_num(t, row, k++, sem * 100, 1);
					report_set_int(t, row, k, (long)runs);
				}
			} else if (!with_p && !c->o->sem) {
				report_set_num(t, row, k, lr->a[r], 1);
			} else {
				char cell[96];
				int l = with_p ? snprintf(cell, sizeof(cell), "%.1f/%.0f", lr->a[r], lr->p[r])
					       : snprintf(cell, sizeof(cell), "%.1f", lr->a[r]);
				if (c->o->sem)
					snprintf(cell + l, sizeof(cell) - (size_t)l, " %.1f±%.1f (%zu)",
						 mean * 100, sem * 100, runs);
				report_set_text(t, row, k, cell);
			}
		}
		report_set_num(t, row, ncols - 1, lr->avg, 1);
		free(lr->a);
		free(lr->p);
		free(lr->have);
	}
	report_note(t, "%s over all of the framework's tasks (every level); Avg: mean of the A%% "
		    "cells of the configurations shown; rows sorted by Avg.",
		    with_p ? "Cells: strict A% / pass@1" : "Cells: strict A%");
	if (c->o->sem)
		report_note(t, "--sem: then the mean ± SEM of the strict A%% of every attempt at the "
			    "framework's tasks (run-level, as compute_sem.py; SEM = sample std / "
			    "sqrt(n)) and n, the attempts.");
	if (why)
		report_note(t, "%s", why);
	if (nc == 0)
		report_note(t, "No configuration with generation tasks selected.");
	free(cols_runs);
	return t;
}

/* ------------------------------------------------------------ Table 4 */

/* Table 4's columns are models (upstream keys its CSVs by model), in the
 * order and with the stars of failure_analysis_aggregate.py; models it does
 * not know are shown only when none it knows is present. */
static const char *const judge_models[] = {
	"qwen3-coder-next", "gpt-5-mini", "minimax-m2.5", "Kimi-K2.5", "gpt-5.2", "gpt-5.4",
};

struct judge_col {
	char model[64];
	long coarse[TAXONOMY_N_CATEGORIES], coarse_total, logic[TAXONOMY_N_SUBCATEGORIES], logic_total;
	int rank;
};

static int
cmp_judge_col(const void *pa, const void *pb)
{
	const struct judge_col *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return strcmp(a->model, b->model);
}

static bool
judge_selected(const struct tctx *c, const char *agent, const char *model, bool all)
{
	if (all)
		return true;
	for (size_t i = 0; i < c->n_sel; i++)
		if (strcmp(c->sel[i].info->agent, agent) == 0 && strcmp(c->sel[i].info->model, model) == 0)
			return true;
	return false;
}

static void
pct_cell(struct report_table *t, size_t row, size_t col, long n, long total)
{
	/* upstream divides, then multiplies by 100: the order decides some roundings */
	if (n > 0 && total > 0)
		report_set_num(t, row, col, (double)n / (double)total * 100, 1);
	else
		report_set_missing(t, row, col);
}

/* A table whose columns are the models with a non-zero total. */
static struct report_table *
judge_table(const char *title, const char *first, const struct judge_col *cols, size_t nc,
	    bool logic, size_t **shown, size_t *n_shown)
{
	char **specs = xcalloc(nc + 2, sizeof(char *));
	struct report_table *t;
	size_t k = 0;

	*shown = xcalloc(nc + 1, sizeof(size_t));
	specs[k++] = xstrdup(first);
	for (size_t m = 0; m < nc; m++) {
		if ((logic ? cols[m].logic_total : cols[m].coarse_total) == 0)
			continue;
		bool star = strcmp(cols[m].model, "Kimi-K2.5") == 0 || strcmp(cols[m].model, "gpt-5.2") == 0;
		(*shown)[(*n_shown)++] = m;
		specs[k++] = xasprintf(">%s%s|%s", task_model_display(cols[m].model), star ? "*" : "",
				       cols[m].model);
	}
	specs[k++] = xstrdup(">Avg|avg");
	t = report_new(title, k, (const char *const *)specs);
	for (size_t i = 0; i < k; i++)
		free(specs[i]);
	free(specs);
	return t;
}

static int
table4(struct tctx *c, bool all_runs, struct report_table **coarse_out,
       struct report_table **logic_out, struct bt_error *err)
{
	struct judgement_count *jc;
	struct judge_col *cols = NULL;
	size_t njc, nc = 0, cap = 0, *sc, nsc = 0, *sl, nsl = 0;
	bool any_known = false;
	int rc;

	if ((rc = store_judgement_counts(c->st, c->o->exclude_limits, &jc, &njc, err)))
		return rc;
	for (size_t i = 0; i < njc; i++)
		for (size_t k = 0; k < sizeof(judge_models) / sizeof(judge_models[0]); k++)
			any_known |= strcmp(jc[i].model, judge_models[k]) == 0 &&
				     judge_selected(c, jc[i].agent, jc[i].model, all_runs);
	for (size_t i = 0; i < njc; i++) {
		struct judge_col *col = NULL;
		int rank = 100;
		for (size_t k = 0; k < sizeof(judge_models) / sizeof(judge_models[0]); k++)
			if (strcmp(jc[i].model, judge_models[k]) == 0)
				rank = (int)k;
		if (!judge_selected(c, jc[i].agent, jc[i].model, all_runs) || (any_known && rank == 100))
			continue;
		for (size_t k = 0; k < nc; k++)
			if (strcmp(cols[k].model, jc[i].model) == 0)
				col = &cols[k];
		if (!col) {
			BT_GROW(cols, cap, nc + 1);
			col = &cols[nc++];
			memset(col, 0, sizeof(*col));
			snprintf(col->model, sizeof(col->model), "%s", jc[i].model);
			col->rank = rank;
		}
		if (jc[i].logic) {
			int k = taxonomy_index(taxonomy_subcategories, TAXONOMY_N_SUBCATEGORIES,
					       jc[i].label);
			if (k >= 0)
				col->logic[k] += jc[i].n;
			col->logic_total += jc[i].n;
		} else {
			int k = taxonomy_index(taxonomy_categories, TAXONOMY_N_CATEGORIES, jc[i].label);
			if (k >= 0)
				col->coarse[k] += jc[i].n;
			col->coarse_total += jc[i].n;
		}
	}
	free(jc);
	if (nc)
		qsort(cols, nc, sizeof(*cols), cmp_judge_col);

	struct report_table *tc = judge_table("Table 4 (coarse): % of failed runs",
					      "Category|category", cols, nc, false, &sc, &nsc);
	struct report_table *tl = judge_table("Table 4 (logic errors): % of logic errors",
					      "Logic subcategory|subcategory", cols, nc, true, &sl, &nsl);

	for (int k = 0; k < TAXONOMY_N_CATEGORIES; k++) {
		bool any = false;
		size_t row;
		for (size_t i = 0; i < nsc; i++)
			any |= cols[sc[i]].coarse[k] > 0;
		if (!any)
			continue; /* upstream leaves out categories nobody has */
		row = report_add_row(tc);
		report_set_text(tc, row, 0, taxonomy_categories[k].display);
		double *vals = xcalloc(nsc + 1, sizeof(double));
		for (size_t i = 0; i < nsc; i++) {
			const struct judge_col *m = &cols[sc[i]];
			pct_cell(tc, row, i + 1, m->coarse[k], m->coarse_total);
			vals[i] = (double)m->coarse[k] / (double)m->coarse_total * 100;
		}
		report_set_num(tc, row, nsc + 1, metrics_mean(vals, nsc), 1);
		free(vals);
	}
	report_rule(tc);
	size_t row = report_add_row(tc);
	report_set_text(tc, row, 0, "Total failed runs");
	for (size_t i = 0; i < nsc; i++)
		report_set_int(tc, row, i + 1, cols[sc[i]].coarse_total);

	double *vals = xcalloc(nsl + 1, sizeof(double));
	for (int k = 0; k < TAXONOMY_N_SUBCATEGORIES; k++) {
		row = report_add_row(tl);
		report_set_text(tl, row, 0, taxonomy_subcategories[k].display);
		for (size_t i = 0; i < nsl; i++) {
			const struct judge_col *m = &cols[sl[i]];
			pct_cell(tl, row, i + 1, m->logic[k], m->logic_total);
			vals[i] = (double)m->logic[k] / (double)m->logic_total * 100;
		}
		if (nsl)
			report_set_num(tl, row, nsl + 1, metrics_mean(vals, nsl), 1);
	}
	report_rule(tl);
	row = report_add_row(tl);
	report_set_text(tl, row, 0, "Total logic errors");
	for (size_t i = 0; i < nsl; i++)
		report_set_int(tl, row, i + 1, cols[sl[i]].logic_total);
	row = report_add_row(tl);
	report_set_text(tl, row, 0, "Data-layer share");
	for (size_t i = 0; i < nsl; i++) {
		const struct judge_col *m = &cols[sl[i]];
		long dl = m->logic[0] + m->logic[1];
		vals[i] = (double)dl / (double)m->logic_total * 100;
		if (c->machine) {
			report_set_num(tl, row, i + 1, vals[i], 1);
		} else {
			char cell[64];
			snprintf(cell, sizeof(cell), "%.1f (%ld/%ld)", vals[i], dl, m->logic_total);
			report_set_text(tl, row, i + 1, cell);
		}
	}
	if (nsl)
		report_set_num(tl, row, nsl + 1, metrics_mean(vals, nsl), 1);
	free(vals);
	report_note(tc, "Judge categories of failed runs (succeeded = 0); Avg is the unweighted mean "
		    "of the per-model percentages, 0 for a missing category.");
	report_note(tl, "Data-layer share = (incorrect query logic + DB / ORM runtime error) / logic "
		    "errors.");
	if (nsc + nsl && (nsc ? cols[sc[0]].rank : cols[sl[0]].rank) == 100)
		report_note(tc, "None of the paper's models is in the store: every model judged is shown.");
	if (nsc == 0 && nsl == 0)
		report_note(tc, "No failure judgements in the store: import failure_analysis_*.csv and "
			    "logic_subcategories*.csv.");
	free(sc);
	free(sl);
	free(cols);
	*coarse_out = tc;
	*logic_out = tl;
	return BT_OK;
}

/* ------------------------------------------------------------ verifier impact */

static int
verifier_impact(struct tctx *c, struct report_table **levels_out, struct report_table **matrix_out,
		struct bt_error *err)
{
	static const char *const cols[] = {
		"Configuration|configuration", "Run|run", "Level|level", ">Strict A%|strict_pct",
		">Raw A%|raw_pct", ">Δ|delta_pp",
	};
	static const char *const mcols[] = {
		"Configuration|configuration", "Run|run", ">Attempts|attempts", ">Constrained|constrained",
		">Tests pass, verifiers pass|tp_vp", ">Tests pass, verifiers fail|tp_vf",
		">Tests fail, verifiers pass|tf_vp", ">Tests fail, verifiers fail|tf_vf",
		">Violating %|violating_pct", ">False reject %|false_reject_pct",
	};
	struct report_table *t = report_new(tables_list[7].title, 6, cols);
	struct report_table *m = report_new("Verifier confusion matrix (constrained attempts)", 10, mcols);
	double best = 0;
	const char *best_run = NULL;
	int best_level = 0, n_decay = 0;
	long all_constrained = 0, all_violating = 0, all_tp = 0, all_tp_vf = 0;
	double *decay_strict = xcalloc(c->n_sel + 1, sizeof(double));
	double *decay_raw = xcalloc(c->n_sel + 1, sizeof(double));

	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		struct agg_row *g;
		struct verifier_counts vc;
		size_t ng;
		double s0 = 0, s3 = 0, r0 = 0, r3 = 0;
		bool h0 = false, h3 = false;

		if (r->n_gen == 0)
			continue;
		ng = metrics_aggregate(r->gen, r->n_gen, AGG_LEVEL, &g);
		if (t->nrows)
			report_rule(t);
		for (size_t j = 0; j < ng; j++) {
			size_t row = report_add_row(t);
			char lv[16];
			/* upstream scales each to percent, then subtracts */
			double d = g[j].raw * 100 - g[j].strict * 100;
			snprintf(lv, sizeof(lv), "L%d", g[j].level);
			report_set_text(t, row, 0, r->display);
			report_set_text(t, row, 1, r->info->name);
			report_set_text(t, row, 2, lv);
			report_set_num(t, row, 3, g[j].strict * 100, 1);
			report_set_num(t, row, 4, g[j].raw * 100, 1);
			report_set_num(t, row, 5, d, 1);
			if (d > best) { /* strictly: no line when verifiers never bite */
				best = d;
				best_run = r->display;
				best_level = g[j].level;
			}
			if (g[j].level == 0) {
				s0 = g[j].strict, r0 = g[j].raw;
				h0 = true;
			}
			if (g[j].level == 3) {
				s3 = g[j].strict, r3 = g[j].raw;
				h3 = true;
			}
		}
		free(g);
		if (h0 && h3) {
			decay_strict[n_decay] = s0 * 100 - s3 * 100;
			decay_raw[n_decay] = r0 * 100 - r3 * 100;
			n_decay++;
		}
		if (store_verifier_counts(c->st, r->info->id, c->o->exclude_limits, &vc, err)) {
			report_table_free(t);
			report_table_free(m);
			return err->code;
		}
		size_t row = report_add_row(m);
		long viol = vc.tp_vf + vc.tf_vf, tp = vc.tp_vp + vc.tp_vf;
		report_set_text(m, row, 0, r->display);
		report_set_text(m, row, 1, r->info->name);
		report_set_int(m, row, 2, vc.attempts);
		report_set_int(m, row, 3, vc.constrained);
		report_set_int(m, row, 4, vc.tp_vp);
		report_set_int(m, row, 5, vc.tp_vf);
		report_set_int(m, row, 6, vc.tf_vp);
		report_set_int(m, row, 7, vc.tf_vf);
		if (vc.constrained)
			report_set_num(m, row, 8, (double)viol / (double)vc.constrained * 100, 1);
		if (tp)
			report_set_num(m, row, 9, (double)vc.tp_vf / (double)tp * 100, 1);
		all_constrained += vc.constrained;
		all_violating += viol;
		all_tp += tp;
		all_tp_vf += vc.tp_vf;
	}
	if (best_run)
		report_note(t, "Largest Δ (raw - strict): %.1f pp, %s at L%d.", best, best_run, best_level);
	if (n_decay)
		report_note(t, "Average L0->L3 decay over %d configuration%s: %.0f pp without verifier "
			    "enforcement, %.0f pp with it.", n_decay, n_decay == 1 ? "" : "s",
			    metrics_mean(decay_raw, (size_t)n_decay),
			    metrics_mean(decay_strict, (size_t)n_decay));
	if (all_constrained)
		report_note(m, "Constrained attempts violating at least one verifier: %.1f%% (%ld of %ld).",
			    (double)all_violating / (double)all_constrained * 100, all_violating,
			    all_constrained);
	if (all_tp)
		report_note(m, "False rejects (tests pass, a verifier fails) among constrained attempts "
			    "whose tests pass: %.1f%% (%ld of %ld).",
			    (double)all_tp_vf / (double)all_tp * 100, all_tp_vf, all_tp);
	free(decay_strict);
	free(decay_raw);
	*levels_out = t;
	*matrix_out = m;
	return BT_OK;
}

size_t
tables_build(const char *name, struct store *st, const int64_t *runs, size_t n,
	     const struct tables_opts *o, struct report_table ***out, struct bt_error *err)
{
	struct tctx c;
	struct report_table **v = xcalloc(2, sizeof(*v));
	size_t k = 0;
	bool facts = o->exclude_limits || o->sem || strcmp(name, "termination") == 0 ||
		     strcmp(name, "tokens") == 0 || strcmp(name, "cost") == 0;

	*out = NULL;
	if (tctx_load(&c, st, runs, n, o, facts, err)) {
		free(v);
		return 0;
	}
	if (strcmp(name, "1") == 0)
		v[k++] = table1(&c, false);
	else if (strcmp(name, "1-raw") == 0)
		v[k++] = table1(&c, true);
	else if (strcmp(name, "2a") == 0)
		v[k++] = table2a(&c);
	else if (strcmp(name, "2b") == 0)
		v[k++] = table2b(&c);
	else if (strcmp(name, "8") == 0 || strcmp(name, "8-all") == 0)
		v[k++] = table8(&c, strcmp(name, "8-all") == 0);
	else if (strcmp(name, "4") == 0) {
		if (!table4(&c, n == 0, &v[0], &v[1], err))
			k = 2;
	} else if (strcmp(name, "verifier-impact") == 0) {
		if (!verifier_impact(&c, &v[0], &v[1], err))
			k = 2;
	} else if (strcmp(name, "decay") == 0)
		v[k++] = tables_decay(&c);
	else if (strcmp(name, "termination") == 0)
		v[k++] = tables_termination(&c);
	else if (strcmp(name, "subset") == 0)
		k = tables_subset(&c, v);
	else if (strcmp(name, "tokens") == 0)
		v[k++] = tables_tokens(&c);
	else if (strcmp(name, "cost") == 0)
		v[k++] = tables_cost(&c);
	else {
		bt_errorf(err, BT_EUSAGE, "unknown table '%s' (1, 1-raw, 2a, 2b, 8, 8-all, 4, "
			  "verifier-impact, decay, termination, subset, tokens, cost)", name);
	}
	/* every table says what --exclude-limits left out */
	if (o->exclude_limits && k)
		summary_note_excluded(v[0], c.excluded);
	tctx_free(&c);
	if (k == 0) {
		free(v);
		return 0;
	}
	*out = v;
	return k;
}
