/* tables_more.c: the outputs of the benchmark's other scripts (spec 1.6,
 * 4.3, 4.5, 4.8): step-by-step decay, termination, subset
 * representativeness, tokens and cost, and Table 8's run-level SEM. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tables_internal.h"

/* An attempt the table counts: --exclude-limits leaves out limit hits. */
static bool
kept(const struct tctx *c, const struct attempt_fact *f)
{
	return !(c->o->exclude_limits && f->term == TERM_LIMITS);
}

/* ------------------------------------------------------------ decay */

struct report_table *
tables_decay(struct tctx *c)
{
	static const char *const cols[] = {
		"Configuration|configuration", "Run|run", ">L0->L1|l0_l1", ">L1->L2|l1_l2",
		">L2->L3|l2_l3", ">L0->L3|l0_l3",
	};
	struct report_table *t = report_new(tables_list[8].title, 6, cols);
	double *steps[METRICS_DECAY_STEPS];
	size_t n[METRICS_DECAY_STEPS] = {0}, row;

	for (size_t s = 0; s < METRICS_DECAY_STEPS; s++)
		steps[s] = xcalloc(c->n_sel + 1, sizeof(double));
	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		struct decay_step d[METRICS_DECAY_STEPS];
		size_t nd;

		if (r->n_gen == 0)
			continue;
		nd = metrics_decay(r->gen, r->n_gen, d);
		row = report_add_row(t);
		report_set_text(t, row, 0, r->display);
		report_set_text(t, row, 1, r->info->name);
		for (size_t j = 0; j < nd; j++)
			for (size_t s = 0; s < METRICS_DECAY_STEPS; s++)
				if (metrics_decay_levels[s][0] == d[j].from &&
				    metrics_decay_levels[s][1] == d[j].to) {
					report_set_signed(t, row, 2 + s, d[j].delta * 100, 1);
					steps[s][n[s]++] = d[j].delta;
				}
	}
	report_rule(t);
	row = report_add_row(t);
	report_set_text(t, row, 0, "Average");
	for (size_t s = 0; s < METRICS_DECAY_STEPS; s++) {
		if (n[s])
			report_set_signed(t, row, 2 + s, metrics_mean(steps[s], n[s]) * 100, 1);
		free(steps[s]);
	}
	report_note(t, "Change of A%% from one level to the next, in percentage points, where A%% "
		    "is the mean over the level's tasks of the RAW assertion pass rate, as "
		    "decay_stats.csv has it (Table 1 uses strict A%%); Average: the mean over the "
		    "configurations that have both levels.");
	return t;
}

/* ------------------------------------------------------------ termination */

static void
termination_row(struct tctx *c, struct report_table *t, const char *display, const char *run,
		const char *level, const struct attempt_fact *f, size_t n, int want_level)
{
	long count[TERM_COUNT] = {0}, total = 0;
	size_t row = report_add_row(t), k = 0;

	for (size_t i = 0; i < n; i++)
		if (kept(c, &f[i]) && (want_level < 0 || f[i].level == want_level)) {
			count[f[i].term]++;
			total++;
		}
	report_set_text(t, row, k++, display);
	report_set_text(t, row, k++, run);
	if (c->o->by_level)
		report_set_text(t, row, k++, level);
	report_set_int(t, row, k++, total);
	for (int r = 0; r < TERM_COUNT; r++) {
		double pct = total ? (double)count[r] / (double)total * 100 : 0;
		if (c->machine) {
			report_set_int(t, row, k++, count[r]);
			report_set_num(t, row, k++, pct, 1);
		} else {
			char cell[48];
			snprintf(cell, sizeof(cell), "%ld (%.1f%%)", count[r], pct);
			report_set_text(t, row, k++, cell);
		}
	}
}

struct report_table *
tables_termination(struct tctx *c)
{
	static const char *const keys[TERM_COUNT] = {
		"submitted", "limits_exceeded", "error", "no_trajectory", "unknown",
	};
	const char *specs[4 + 2 * TERM_COUNT];
	char *owned[2 * TERM_COUNT];
	size_t ns = 0, no = 0;
	struct report_table *t;
	char title[160];

	specs[ns++] = "Configuration|configuration";
	specs[ns++] = "Run|run";
	if (c->o->by_level)
		specs[ns++] = "Level|level";
	specs[ns++] = ">Attempts|attempts";
	for (int r = 0; r < TERM_COUNT; r++) {
		specs[ns++] = owned[no++] = xasprintf(">%s|%s", termination_name((enum termination)r),
						      keys[r]);
		if (c->machine)
			specs[ns++] = owned[no++] = xasprintf(">%s %%|%s_pct",
							      termination_name((enum termination)r),
							      keys[r]);
	}
	snprintf(title, sizeof(title), "%s%s", tables_list[9].title,
		 c->o->by_level ? ", by level" : "");
	t = report_new(title, ns, specs);
	for (size_t i = 0; i < no; i++)
		free(owned[i]);
	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		if (r->n_facts == 0)
			continue;
		if (!c->o->by_level) {
			termination_row(c, t, r->display, r->info->name, "", r->facts, r->n_facts, -1);
			continue;
		}
		for (int lv = 0; lv <= 3; lv++) {
			char name[8];
			bool any = false;
			for (size_t k = 0; k < r->n_facts && !any; k++)
				any = r->facts[k].level == lv && kept(c, &r->facts[k]);
			snprintf(name, sizeof(name), "L%d", lv);
			if (any)
				termination_row(c, t, r->display, r->info->name, name, r->facts,
						r->n_facts, lv);
		}
	}
	report_rule(t);
	/* the selected runs' attempts together */
	{
		struct attempt_fact *all = xcalloc(c->n_facts + 1, sizeof(*all));
		size_t n = 0;
		for (size_t i = 0; i < c->n_sel; i++) {
			memcpy(all + n, c->sel[i].facts, c->sel[i].n_facts * sizeof(*all));
			n += c->sel[i].n_facts;
		}
		termination_row(c, t, "All", "", "", all, n, -1);
		free(all);
	}
	report_note(t, "How each generation attempt's trajectory ended (trajectory_analysis.py, "
		    "spec 1.6): Mini-SWE's status; for OpenHands a finish event, else its "
		    "execution status. An attempt without a trajectory counts as NoTrajectory.");
	return t;
}

/* ------------------------------------------------------------ subset */

static bool
in_subset(const struct task_row *t, bool pipeline_only)
{
	if (pipeline_only)
		return metrics_is_pipeline_task(t->framework, t->constraints);
	return task_framework_in_pipeline(t->framework);
}

/* Strict A% per level x 100; have[l] says which levels exist. */
static void
level_strict(const struct task_row *rows, size_t n, double a[4], bool have[4])
{
	struct agg_row *g;
	size_t ng = metrics_aggregate(rows, n, AGG_LEVEL, &g);

	for (int l = 0; l < 4; l++)
		have[l] = false;
	for (size_t i = 0; i < ng; i++)
		if (g[i].level >= 0 && g[i].level < 4) {
			a[g[i].level] = g[i].strict * 100;
			have[g[i].level] = true;
		}
	free(g);
}

size_t
tables_subset(struct tctx *c, struct report_table **out)
{
	static const char *const cols[] = {
		"Configuration|configuration", "Run|run",
		">Full L0|full_l0", ">Full L1|full_l1", ">Full L2|full_l2", ">Full L3|full_l3",
		">Subset L0|subset_l0", ">Subset L1|subset_l1", ">Subset L2|subset_l2",
		">Subset L3|subset_l3",
		">Δ L0|delta_l0", ">Δ L1|delta_l1", ">Δ L2|delta_l2", ">Δ L3|delta_l3",
	};
	static const char *const ccols[] = {"Statistic|statistic", ">Value|value", ">Pairs|pairs"};
	struct report_table *t = report_new(tables_list[10].title, 14, cols);
	struct report_table *s = report_new("Subset representativeness: correlation of the pairs "
					    "(full, subset)", 3, ccols);
	double *x = xcalloc(4 * c->n_sel + 1, sizeof(double));
	double *y = xcalloc(4 * c->n_sel + 1, sizeof(double));
	double *abs_d[4];
	size_t np = 0, nd[4] = {0}, row, nfull = 0;

	for (int l = 0; l < 4; l++)
		abs_d[l] = xcalloc(c->n_sel + 1, sizeof(double));
	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		struct task_row *sub = xcalloc(r->n_gen + 1, sizeof(*sub));
		double fa[4], sa[4];
		bool fh[4], sh[4];
		size_t ns = 0;

		/* spec 4.8: the full configurations, devstral-small left out */
		if (!r->covers || strcmp(r->info->model, "devstral-small") == 0) {
			free(sub);
			continue;
		}
		nfull++;
		for (size_t k = 0; k < r->n_gen; k++)
			if (in_subset(&r->gen[k], c->o->pipeline_only))
				sub[ns++] = r->gen[k];
		level_strict(r->gen, r->n_gen, fa, fh);
		level_strict(sub, ns, sa, sh);
		free(sub);
		row = report_add_row(t);
		report_set_text(t, row, 0, r->display);
		report_set_text(t, row, 1, r->info->name);
		for (int l = 0; l < 4; l++) {
			if (fh[l])
				report_set_num(t, row, 2 + (size_t)l, fa[l], 1);
			if (sh[l])
				report_set_num(t, row, 6 + (size_t)l, sa[l], 1);
			if (fh[l] && sh[l]) {
				report_set_signed(t, row, 10 + (size_t)l, fa[l] - sa[l], 1);
				abs_d[l][nd[l]++] = fabs(fa[l] - sa[l]);
				x[np] = fa[l];
				y[np++] = sa[l];
			}
		}
	}
	report_rule(t);
	row = report_add_row(t);
	report_set_text(t, row, 0, "MAE");
	for (int l = 0; l < 4; l++) {
		if (nd[l])
			report_set_num(t, row, 10 + (size_t)l, metrics_mean(abs_d[l], nd[l]), 1);
		free(abs_d[l]);
	}
	report_note(t, "Strict A%% per level on every task of each full configuration and on the "
		    "subset: %s; Δ = full - subset (pp); MAE: the mean |Δ| over the "
		    "configurations. Full: at least 90%% of the tasks seen in any run and all 16 "
		    "pipeline tasks (devstral-small is left out).",
		    c->o->pipeline_only ? "the 16 pipeline tasks (--pipeline-only)"
					: "all tasks of aiohttp, Express, FastAPI and Fastify");
	if (nfull == 0)
		report_note(t, "No selected run is a full configuration.");
	row = report_add_row(s);
	report_set_text(s, row, 0, "Pearson r");
	if (np > 1 && !isnan(metrics_pearson(x, y, np)))
		report_set_num(s, row, 1, metrics_pearson(x, y, np), 3);
	report_set_int(s, row, 2, (long)np);
	row = report_add_row(s);
	report_set_text(s, row, 0, "Spearman rho");
	if (np > 1 && !isnan(metrics_spearman(x, y, np)))
		report_set_num(s, row, 1, metrics_spearman(x, y, np), 3);
	report_set_int(s, row, 2, (long)np);
	report_note(s, "Over every (full A%%, subset A%%) pair: one per full configuration and "
		    "level; Spearman's rho is Pearson's r of the ranks (ties share their mean rank).");
	free(x);
	free(y);
	out[0] = t;
	out[1] = s;
	return 2;
}

/* ------------------------------------------------------------ tokens, cost */

static bool
has_tokens(const struct tctx *c, const struct attempt_fact *f)
{
	return kept(c, f) && f->tokens_in >= 0 && f->tokens_out >= 0;
}

/* Means and sums over the attempts with token counts (level < 0: any). */
struct token_sums {
	size_t n;
	double in, out, calls; /* means */
	long total_in, total_out;
	bool approx;
};

static void
token_sums(const struct tctx *c, const struct attempt_fact *f, size_t n, int level,
	   struct token_sums *s)
{
	double *in = xcalloc(n + 1, sizeof(double)), *out = xcalloc(n + 1, sizeof(double));
	double *calls = xcalloc(n + 1, sizeof(double));

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		if (!has_tokens(c, &f[i]) || (level >= 0 && f[i].level != level))
			continue;
		in[s->n] = (double)f[i].tokens_in;
		out[s->n] = (double)f[i].tokens_out;
		calls[s->n++] = f[i].calls > 0 ? (double)f[i].calls : 0;
		s->total_in += f[i].tokens_in;
		s->total_out += f[i].tokens_out;
		s->approx |= f[i].tokens_approx;
	}
	s->in = metrics_mean(in, s->n);
	s->out = metrics_mean(out, s->n);
	s->calls = metrics_mean(calls, s->n);
	free(in);
	free(out);
	free(calls);
}

static const char *
counts_label(bool approx)
{
	return approx ? "approximate" : "exact";
}

static void
tokens_row(struct tctx *c, struct report_table *t, const char *display, const char *run,
	   const struct attempt_fact *f, size_t n, int level)
{
	struct token_sums s;
	size_t row;
	char lv[8];

	token_sums(c, f, n, level, &s);
	if (s.n == 0)
		return;
	row = report_add_row(t);
	snprintf(lv, sizeof(lv), level < 0 ? "all" : "L%d", level);
	report_set_text(t, row, 0, display);
	report_set_text(t, row, 1, run);
	report_set_text(t, row, 2, lv);
	report_set_int(t, row, 3, (long)s.n);
	report_set_num(t, row, 4, s.in, 0);
	report_set_num(t, row, 5, s.out, 0);
	report_set_num(t, row, 6, s.calls, 1);
	report_set_int(t, row, 7, s.total_in);
	report_set_int(t, row, 8, s.total_out);
	report_set_text(t, row, 9, counts_label(s.approx));
}

static bool
any_approx(const struct tctx *c)
{
	for (size_t i = 0; i < c->n_sel; i++)
		for (size_t k = 0; k < c->sel[i].n_facts; k++)
			if (has_tokens(c, &c->sel[i].facts[k]) && c->sel[i].facts[k].tokens_approx)
				return true;
	return false;
}

static void
note_approx(const struct tctx *c, struct report_table *t)
{
	if (any_approx(c))
		report_note(t, "approximate: Mini-SWE records no token counts; upstream replays its "
			    "trajectory with tiktoken (each call reads every earlier message and "
			    "writes its own), benchtop with 4 bytes a token, so its counts are "
			    "estimates. OpenHands' counts are exact (its base_state.json).");
}

struct report_table *
tables_tokens(struct tctx *c)
{
	static const char *const cols[] = {
		"Configuration|configuration", "Run|run", "Level|level", ">Attempts|runs",
		">Input|input", ">Output|output", ">Calls|calls", ">Total input|total_input",
		">Total output|total_output", "Counts|counts",
	};
	struct report_table *t = report_new(tables_list[11].title, 10, cols);
	struct attempt_fact *all = xcalloc(c->n_facts + 1, sizeof(*all));
	size_t n = 0, shown = 0;

	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		size_t before = t->nrows;
		for (int lv = 0; lv <= 3; lv++)
			tokens_row(c, t, r->display, r->info->name, r->facts, r->n_facts, lv);
		tokens_row(c, t, r->display, r->info->name, r->facts, r->n_facts, -1);
		if (t->nrows > before && before)
			t->rows[before].rule_before = true;
		shown += t->nrows > before;
		memcpy(all + n, r->facts, r->n_facts * sizeof(*all));
		n += r->n_facts;
	}
	/* every configuration together, as upstream's Table A */
	if (shown > 1) {
		report_rule(t);
		for (int lv = 0; lv <= 3; lv++)
			tokens_row(c, t, "All", "", all, n, lv);
		tokens_row(c, t, "All", "", all, n, -1);
	}
	free(all);
	report_note(t, "Per generation attempt with token counts: Input, Output and Calls are "
		    "means, the totals sums (evaluation_token_consumption.py; only the newest "
		    "date folder counts, where upstream's token scripts read every one).");
	note_approx(c, t);
	return t;
}

static const struct tables_price upstream_prices[] = {
	{"gpt-5-mini", 1.50, 6.00}, {"gpt-5.2", 10.00, 30.00}, {"qwen3-coder-next", 0.50, 2.00},
	{"minimax-m2.5", 0.50, 2.00}, {"Kimi-K2.5", 0.50, 2.80}, {"qwen3-235b", 0.50, 2.00},
	{"devstral-small", 0.25, 1.00},
};

const struct tables_price *
tables_upstream_price(const char *model)
{
	for (size_t i = 0; i < sizeof(upstream_prices) / sizeof(upstream_prices[0]); i++)
		if (strcmp(upstream_prices[i].model, model) == 0)
			return &upstream_prices[i];
	return NULL;
}

static const struct tables_price *
price_of(const struct tctx *c, const char *model)
{
	for (size_t i = 0; i < c->o->n_prices; i++)
		if (strcmp(c->o->prices[i].model, model) == 0)
			return &c->o->prices[i];
	return tables_upstream_price(model);
}

struct report_table *
tables_cost(struct tctx *c)
{
	static const char *const cols[] = {
		"Configuration|configuration", "Run|run", ">Attempts|runs", ">Input|input",
		">Output|output", ">$/M in|price_in", ">$/M out|price_out",
		">$/attempt|cost_per_run", ">Total $|total_cost", "Cost from|source",
		"Counts|counts",
	};
	struct report_table *t = report_new(tables_list[12].title, 11, cols);
	struct strv unpriced = {0};

	for (size_t i = 0; i < c->n_sel; i++) {
		struct trun *r = &c->sel[i];
		const struct tables_price *p = price_of(c, r->info->model);
		struct token_sums s;
		double *cost = xcalloc(r->n_facts + 1, sizeof(double)), total = 0;
		size_t nc = 0, recorded = 0, priced = 0, row;

		token_sums(c, r->facts, r->n_facts, -1, &s);
		if (s.n == 0) {
			free(cost);
			continue;
		}
		/* cost_estimate.py: the cost the trajectory recorded when it is not 0,
		 * else the tokens at the model's price */
		for (size_t k = 0; k < r->n_facts; k++) {
			const struct attempt_fact *f = &r->facts[k];
			if (!has_tokens(c, f))
				continue;
			if (f->cost > 0) {
				cost[nc++] = f->cost;
				recorded++;
			} else if (p) {
				cost[nc++] = (double)f->tokens_in * (p->in / 1e6) +
					     (double)f->tokens_out * (p->out / 1e6);
				priced++;
			}
		}
		for (size_t k = 0; k < nc; k++)
			total += cost[k];
		row = report_add_row(t);
		report_set_text(t, row, 0, r->display);
		report_set_text(t, row, 1, r->info->name);
		report_set_int(t, row, 2, (long)s.n);
		report_set_num(t, row, 3, s.in, 0);
		report_set_num(t, row, 4, s.out, 0);
		if (p) {
			report_set_num(t, row, 5, p->in, 2);
			report_set_num(t, row, 6, p->out, 2);
		}
		if (nc) {
			report_set_num(t, row, 7, metrics_mean(cost, nc), 4);
			report_set_num(t, row, 8, total, 2);
		}
		report_set_text(t, row, 9, recorded && priced ? "recorded+prices" : recorded ? "recorded"
					   : priced ? "prices" : "");
		report_set_text(t, row, 10, counts_label(s.approx));
		if (nc < s.n && !strv_contains(&unpriced, r->info->model))
			strv_push(&unpriced, r->info->model);
		free(cost);
	}
	report_note(t, "USD per generation attempt with token counts: the cost its trajectory "
		    "recorded when not 0, else its tokens at the model's price per million "
		    "(upstream's prices in cost_estimate.py, or --price MODEL=IN,OUT); Input and "
		    "Output are mean tokens.");
	for (size_t i = 0; i < unpriced.n; i++)
		report_note(t, "No price for %s: give --price %s=IN,OUT (USD per million tokens).",
			    unpriced.v[i], unpriced.v[i]);
	note_approx(c, t);
	strv_free(&unpriced);
	return t;
}
