/* metrics.c: pass@k, task statistics and aggregates (spec section 4). */
#include "config.h"

#include "benchtop/metrics.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sort.h"
#include "benchtop/util.h"

/* C(a, k) as a double; 0 when a < k. */
static double
binom(int a, int k)
{
	double r = 1.0;

	if (k < 0 || a < k)
		return 0.0;
	for (int i = 1; i <= k; i++)
		r = r * (double)(a - k + i) / (double)i;
	return r;
}

double
metrics_pass_at_k(int n, int c, int k)
{
	if (n <= 0)
		return 0.0;
	if (n < k)
		return c > 0 ? 1.0 : 0.0;
	return 1.0 - binom(n - c, k) / binom(n, k);
}

double
metrics_pass_power(int n, int c, int k)
{
	if (n <= 0)
		return 0.0;
	return pow((double)c / (double)n, (double)k);
}

/* Python's statistics.mean and stdev, which upstream uses, sum exactly and
 * round once.  A plain double sum rounds at every step and lands on the
 * other side of a printed 4th decimal often enough to matter (pass@1 means
 * over 32 tasks differ ~4% of the time).  The values here (P/T, c/n and
 * their powers) have exponents within a few dozen binary orders, so a
 * 113-bit sum of up to millions of them is exact. */
#if defined(__SIZEOF_FLOAT128__)
typedef __float128 wide_t;
#else
typedef long double wide_t;
#endif

double
metrics_mean(const double *v, size_t n)
{
	wide_t sum = 0;

	if (n == 0)
		return 0.0;
	for (size_t i = 0; i < n; i++)
		sum += (wide_t)v[i];
	return (double)(sum / (wide_t)n);
}

void
metrics_mean_std(const double *v, size_t n, double *mean, double *std)
{
	wide_t sum = 0, m, ss = 0;

	*mean = 0.0;
	*std = 0.0;
	if (n == 0)
		return;
	for (size_t i = 0; i < n; i++)
		sum += (wide_t)v[i];
	m = sum / (wide_t)n;
	*mean = (double)m;
	if (n < 2)
		return;
	for (size_t i = 0; i < n; i++)
		ss += ((wide_t)v[i] - m) * ((wide_t)v[i] - m);
	*std = sqrt((double)(ss / (wide_t)(n - 1)));
}

double
metrics_sem(double std, size_t n)
{
	return n < 2 ? 0.0 : std / sqrt((double)n);
}

void
metrics_task_stats(const struct attempt_outcome *a, size_t n, struct task_stats *out)
{
	double *raw = xcalloc(n ? n : 1, sizeof(double));
	double *strict = xcalloc(n ? n : 1, sizeof(double));

	memset(out, 0, sizeof(*out));
	out->n_executed = (int)n;
	for (size_t i = 0; i < n; i++) {
		raw[i] = a[i].raw;
		strict[i] = a[i].strict;
		out->n_succeeded += a[i].succeeded;
		out->n_tests_passed += a[i].tests_passed;
	}
	metrics_mean_std(raw, n, &out->raw, &out->raw_std);
	metrics_mean_std(strict, n, &out->strict, &out->strict_std);
	out->pass1 = metrics_pass_at_k((int)n, out->n_succeeded, 1);
	out->pass3 = metrics_pass_at_k((int)n, out->n_succeeded, 3);
	out->pow3 = metrics_pass_power((int)n, out->n_succeeded, 3);
	out->pass1_tests = metrics_pass_at_k((int)n, out->n_tests_passed, 1);
	free(raw);
	free(strict);
}

static const char *const agg_names[AGG_COUNT] = {
	"framework", "framework", "runtime", "runtime", "global", "global",
	"constraint_type", "framework_constraint",
};

const char *
metrics_agg_name(enum agg_by by)
{
	return by < AGG_COUNT ? agg_names[by] : "?";
}

int
metrics_agg_parse(const char *s)
{
	static const struct {
		const char *name;
		enum agg_by by;
	} names[] = {
		{"framework", AGG_FRAMEWORK},
		{"framework,level", AGG_FRAMEWORK_LEVEL},
		{"framework-level", AGG_FRAMEWORK_LEVEL},
		{"runtime", AGG_RUNTIME},
		{"runtime,level", AGG_RUNTIME_LEVEL},
		{"runtime-level", AGG_RUNTIME_LEVEL},
		{"global", AGG_GLOBAL},
		{"all", AGG_GLOBAL},
		{"level", AGG_LEVEL},
		{"constraint", AGG_CONSTRAINT},
		{"constraint_type", AGG_CONSTRAINT},
		{"framework,constraint", AGG_FRAMEWORK_CONSTRAINT},
		{"framework:constraint", AGG_FRAMEWORK_CONSTRAINT},
		{"framework_constraint", AGG_FRAMEWORK_CONSTRAINT},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].name, s) == 0)
			return (int)names[i].by;
	return -1;
}

/* A (group, level) key of one task under one granularity.  A task may have
 * several keys (constraint types overlap). */
struct agg_key {
	char group[48];
	int level;
};

static size_t
task_keys(const struct task_row *t, enum agg_by by, struct agg_key keys[TASK_N_CONSTRAINTS])
{
	size_t n = 0;

	switch (by) {
	case AGG_FRAMEWORK:
	case AGG_FRAMEWORK_LEVEL:
		str_copy(keys[0].group, sizeof(keys[0].group), t->framework, strlen(t->framework));
		keys[0].level = by == AGG_FRAMEWORK_LEVEL ? t->level : -1;
		return 1;
	case AGG_RUNTIME:
	case AGG_RUNTIME_LEVEL:
		str_copy(keys[0].group, sizeof(keys[0].group), t->runtime, strlen(t->runtime));
		keys[0].level = by == AGG_RUNTIME_LEVEL ? t->level : -1;
		return 1;
	case AGG_GLOBAL:
	case AGG_LEVEL:
		str_copy(keys[0].group, sizeof(keys[0].group), "all", 3);
		keys[0].level = by == AGG_LEVEL ? t->level : -1;
		return 1;
	case AGG_CONSTRAINT:
	case AGG_FRAMEWORK_CONSTRAINT:
		for (size_t i = 0; i < TASK_N_CONSTRAINTS; i++) {
			unsigned bit = task_constraint_order[i];
			if (!(t->constraints & bit))
				continue;
			if (by == AGG_CONSTRAINT)
				snprintf(keys[n].group, sizeof(keys[n].group), "%s",
					 task_constraint_token(bit));
			else
				snprintf(keys[n].group, sizeof(keys[n].group), "%s:%s", t->framework,
					 task_constraint_token(bit));
			keys[n].level = -1;
			n++;
		}
		return n;
	case AGG_COUNT:
		break;
	}
	return 0;
}

static int
cmp_agg(const void *pa, const void *pb)
{
	const struct agg_row *a = pa, *b = pb;
	int c = strcmp(a->group, b->group);
	return c ? c : (a->level > b->level) - (a->level < b->level);
}

/* The values of one group: exact means need them all. */
enum { V_RAW, V_STRICT, V_PASS1, V_PASS3, V_POW3, V_PASS1_TESTS, V_COUNT };
struct agg_acc {
	struct agg_row row;
	double *v[V_COUNT];
	size_t n, cap;
};

/* with_sd false: only the means of raw, strict and pass1 (the rest NAN). */
static size_t
aggregate(const struct task_row *rows, size_t n, enum agg_by by, bool with_sd,
	  struct agg_row **out)
{
	struct agg_acc *acc = NULL;
	size_t nacc = 0, cap = 0;

	for (size_t i = 0; i < n; i++) {
		struct agg_key keys[TASK_N_CONSTRAINTS];
		size_t nk = task_keys(&rows[i], by, keys);

		for (size_t k = 0; k < nk; k++) {
			struct agg_acc *g = NULL;
			for (size_t j = 0; j < nacc; j++)
				if (acc[j].row.level == keys[k].level &&
				    strcmp(acc[j].row.group, keys[k].group) == 0) {
					g = &acc[j];
					break;
				}
			if (!g) {
				BT_GROW(acc, cap, nacc + 1);
				g = &acc[nacc++];
				memset(g, 0, sizeof(*g));
				g->row.by = by;
				g->row.level = keys[k].level;
				memcpy(g->row.group, keys[k].group, sizeof(g->row.group));
			}
			const struct task_stats *s = &rows[i].s;
			if (g->n + 1 > g->cap) {
				g->cap = g->cap ? g->cap * 2 : 16;
				for (int f = 0; f < V_COUNT; f++)
					g->v[f] = xreallocarray(g->v[f], g->cap, sizeof(double));
			}
			g->v[V_RAW][g->n] = s->raw;
			g->v[V_STRICT][g->n] = s->strict;
			g->v[V_PASS1][g->n] = s->pass1;
			g->v[V_PASS3][g->n] = s->pass3;
			g->v[V_POW3][g->n] = s->pow3;
			g->v[V_PASS1_TESTS][g->n] = s->pass1_tests;
			g->n++;
			g->row.n_succeeded += s->n_succeeded;
			g->row.n_executed += s->n_executed;
		}
	}

	struct agg_row *res = xcalloc(nacc ? nacc : 1, sizeof(*res));
	for (size_t j = 0; j < nacc; j++) {
		struct agg_acc *g = &acc[j];
		res[j] = g->row;
		res[j].n_tasks = (int)g->n;
		if (with_sd) {
			metrics_mean_std(g->v[V_RAW], g->n, &res[j].raw, &res[j].raw_sd);
			metrics_mean_std(g->v[V_STRICT], g->n, &res[j].strict, &res[j].strict_sd);
			metrics_mean_std(g->v[V_PASS1], g->n, &res[j].pass1, &res[j].pass1_sd);
		} else {
			res[j].raw = metrics_mean(g->v[V_RAW], g->n);
			res[j].strict = metrics_mean(g->v[V_STRICT], g->n);
			res[j].pass1 = metrics_mean(g->v[V_PASS1], g->n);
			res[j].raw_sd = res[j].strict_sd = res[j].pass1_sd = NAN;
			res[j].pass3 = res[j].pow3 = res[j].pass1_tests = NAN;
		}
		if (with_sd) {
			res[j].pass3 = metrics_mean(g->v[V_PASS3], g->n);
			res[j].pow3 = metrics_mean(g->v[V_POW3], g->n);
			res[j].pass1_tests = metrics_mean(g->v[V_PASS1_TESTS], g->n);
		}
		for (int k = 0; k < V_COUNT; k++)
			free(g->v[k]);
	}
	free(acc);
	qsort(res, nacc, sizeof(*res), cmp_agg);
	*out = res;
	return nacc;
}

size_t
metrics_aggregate(const struct task_row *rows, size_t n, enum agg_by by, struct agg_row **out)
{
	return aggregate(rows, n, by, true, out);
}

size_t
metrics_aggregate_means(const struct task_row *rows, size_t n, enum agg_by by,
			struct agg_row **out)
{
	return aggregate(rows, n, by, false, out);
}

/* ------------------------------------------------------------ distinct tasks */

static int
cmp_first_row_name(const void *a, const void *b, const void *ctx)
{
	const struct task_row *rows = ctx;

	return strcmp(rows[*(const size_t *)a].name, rows[*(const size_t *)b].name);
}

size_t
metrics_distinct_tasks(const struct task_row *rows, size_t n, int **name_rank)
{
	/* task ids are the store's row ids: small, so they index arrays (a
	 * list of 100,000 rows has a hundred tasks: no sort of the rows) */
	int64_t max_id = 0;
	size_t *first, *tasks, n_tasks = 0;
	int *rank;

	for (size_t i = 0; i < n; i++)
		if (rows[i].task_id > max_id)
			max_id = rows[i].task_id;
	first = xreallocarray(NULL, (size_t)max_id + 1, sizeof(*first));
	tasks = xreallocarray(NULL, n ? n : 1, sizeof(*tasks));
	for (int64_t id = 0; id <= max_id; id++)
		first[id] = SIZE_MAX;
	for (size_t i = 0; i < n; i++)
		if (rows[i].task_id >= 0 && first[rows[i].task_id] == SIZE_MAX) {
			first[rows[i].task_id] = i;
			tasks[n_tasks++] = i;
		}
	if (name_rank) {
		bt_sort(tasks, n_tasks, sizeof(*tasks), cmp_first_row_name, rows);
		rank = xcalloc((size_t)max_id + 1, sizeof(*rank));
		/* tasks of the same name (a feature task of several frameworks)
		 * share a place */
		for (size_t k = 0, r = 0; k < n_tasks; k++) {
			if (k > 0 && strcmp(rows[tasks[k]].name, rows[tasks[k - 1]].name) != 0)
				r++;
			rank[rows[tasks[k]].task_id] = (int)r;
		}
		*name_rank = rank;
	}
	free(first);
	free(tasks);
	return n_tasks;
}

/* ------------------------------------------------------------ matched pairs */

struct pair_key {
	int64_t run;
	const char *name;
	double strict;
};

static int
cmp_pair_key(const void *pa, const void *pb)
{
	const struct pair_key *a = pa, *b = pb;
	if (a->run != b->run)
		return a->run < b->run ? -1 : 1;
	return strcmp(a->name, b->name);
}

void
metrics_marginal_effect(const struct task_row *rows, size_t n, unsigned bit,
			struct pair_stats *out)
{
	struct pair_key *keys = xcalloc(n ? n : 1, sizeof(*keys));
	double *deltas = xcalloc(n ? n : 1, sizeof(double));
	size_t nd = 0;

	for (size_t i = 0; i < n; i++) {
		keys[i].run = rows[i].run_id;
		keys[i].name = rows[i].name;
		keys[i].strict = rows[i].s.strict;
	}
	qsort(keys, n, sizeof(*keys), cmp_pair_key);
	for (size_t i = 0; i < n; i++) {
		const struct task_row *t = &rows[i];
		char sibling[128];
		struct pair_key probe, *hit;

		if (t->kind != TASK_GENERATION || !(t->constraints & bit))
			continue;
		task_generation_name(t->framework, t->constraints & ~bit, sibling, sizeof(sibling));
		probe.run = t->run_id;
		probe.name = sibling;
		hit = bsearch(&probe, keys, n, sizeof(*keys), cmp_pair_key);
		if (hit)
			deltas[nd++] = t->s.strict - hit->strict;
	}
	out->n = (int)nd;
	metrics_mean_std(deltas, nd, &out->mean, &out->std);
	out->sem = metrics_sem(out->std, nd);
	free(keys);
	free(deltas);
}

bool
metrics_is_pipeline_task(const char *framework, unsigned constraints)
{
	bool fw = task_framework_in_pipeline(framework);
	const char *runtime;

	/* unconstrained -> clean_architecture -> + postgres -> + ORM (the
	 * runtime's ORM looked up last: the runs view asks for every row) */
	if (!fw || (constraints & ~(unsigned)(TC_ARCH | TC_POSTGRES)) == 0)
		return fw && (constraints == 0 || constraints == TC_ARCH ||
			      constraints == (TC_ARCH | TC_POSTGRES));
	runtime = task_framework_runtime(framework);
	return constraints == (TC_ARCH | TC_POSTGRES | task_runtime_orm(runtime ? runtime : ""));
}

bool
metrics_run_is_full(size_t run_tasks, size_t union_tasks, size_t pipeline_tasks)
{
	return union_tasks > 0 && (double)run_tasks >= 0.9 * (double)union_tasks &&
	       pipeline_tasks >= 16;
}

size_t
metrics_rows_of_run(const struct task_row *rows, size_t n, int64_t run_id, size_t *first)
{
	size_t lo = 0, hi = n, end;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (rows[mid].run_id < run_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < n && rows[end].run_id == run_id; end++)
		;
	*first = lo;
	return end - lo;
}

size_t
metrics_task_rows_from_facts(const struct attempt_fact *f, size_t n, bool exclude_limits,
			     struct task_row **out, size_t *excluded)
{
	struct task_row *rows = xcalloc(n ? n : 1, sizeof(*rows));
	struct attempt_outcome *o = xcalloc(n ? n : 1, sizeof(*o));
	size_t nr = 0, skipped = 0;

	for (size_t i = 0; i < n;) {
		size_t j = i, k = 0;

		for (; j < n && f[j].run_id == f[i].run_id && f[j].task_id == f[i].task_id; j++) {
			if (exclude_limits && f[j].term == TERM_LIMITS) {
				skipped++;
				continue;
			}
			o[k++] = (struct attempt_outcome){
				.raw = f[j].raw, .strict = f[j].strict,
				.tests_passed = f[j].tests_passed, .succeeded = f[j].succeeded,
			};
		}
		if (k) {
			struct task_row *t = &rows[nr++];
			t->run_id = f[i].run_id;
			t->task_id = f[i].task_id;
			t->kind = f[i].kind;
			snprintf(t->name, sizeof(t->name), "%s", f[i].name);
			snprintf(t->framework, sizeof(t->framework), "%s", f[i].framework);
			snprintf(t->runtime, sizeof(t->runtime), "%s", f[i].runtime);
			t->constraints = f[i].constraints;
			t->level = f[i].level;
			metrics_task_stats(o, k, &t->s);
		}
		i = j;
	}
	free(o);
	if (excluded)
		*excluded = skipped;
	*out = rows;
	return nr;
}

const int metrics_decay_levels[METRICS_DECAY_STEPS][2] = {{0, 1}, {1, 2}, {2, 3}, {0, 3}};

size_t
metrics_decay(const struct task_row *rows, size_t n, struct decay_step out[METRICS_DECAY_STEPS])
{
	struct agg_row *g;
	size_t ng = metrics_aggregate(rows, n, AGG_LEVEL, &g), k = 0;
	double raw[4];
	bool have[4] = {false, false, false, false};

	for (size_t i = 0; i < ng; i++)
		if (g[i].level >= 0 && g[i].level < 4) {
			raw[g[i].level] = g[i].raw;
			have[g[i].level] = true;
		}
	free(g);
	for (size_t s = 0; s < METRICS_DECAY_STEPS; s++) {
		int lo = metrics_decay_levels[s][0], hi = metrics_decay_levels[s][1];
		if (!have[lo] || !have[hi])
			continue;
		out[k++] = (struct decay_step){lo, hi, raw[lo], raw[hi], raw[hi] - raw[lo]};
	}
	return k;
}

double
metrics_pearson(const double *x, const double *y, size_t n)
{
	double mx = metrics_mean(x, n), my = metrics_mean(y, n), cov = 0, sx = 0, sy = 0, r;

	for (size_t i = 0; i < n; i++) {
		cov += (x[i] - mx) * (y[i] - my);
		sx += (x[i] - mx) * (x[i] - mx);
		sy += (y[i] - my) * (y[i] - my);
	}
	if (n == 0 || sx == 0 || sy == 0)
		return NAN;
	r = cov / (sqrt(sx) * sqrt(sy));
	return r > 1 ? 1 : r < -1 ? -1 : r;
}

struct ranked {
	double v;
	size_t i;
};

static int
cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;

	/* ties in index order, as a stable sort leaves them */
	return a->v < b->v ? -1 : a->v > b->v ? 1 : a->i < b->i ? -1 : a->i > b->i;
}

/* Fractional ranks from 1; equal values share the mean of their ranks. */
static double *
ranks(const double *v, size_t n)
{
	struct ranked *o = xcalloc(n ? n : 1, sizeof(*o));
	double *r = xcalloc(n ? n : 1, sizeof(double));

	for (size_t i = 0; i < n; i++)
		o[i] = (struct ranked){v[i], i};
	qsort(o, n, sizeof(*o), cmp_ranked);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j + 1 < n && o[j + 1].v == o[i].v)
			j++;
		for (size_t k = i; k <= j; k++)
			r[o[k].i] = (double)(i + j) / 2.0 + 1.0;
		i = j + 1;
	}
	free(o);
	return r;
}

double
metrics_spearman(const double *x, const double *y, size_t n)
{
	double *rx = ranks(x, n), *ry = ranks(y, n), rho = metrics_pearson(rx, ry, n);

	free(rx);
	free(ry);
	return rho;
}

void
metrics_run_level(const struct attempt_fact *f, size_t nf, const char *framework,
		  bool exclude_limits, double *mean, double *sem, size_t *n)
{
	double *v = xcalloc(nf + 1, sizeof(double)), std;
	size_t k = 0;

	for (size_t i = 0; i < nf; i++)
		if (strcmp(f[i].framework, framework) == 0 &&
		    !(exclude_limits && f[i].term == TERM_LIMITS))
			v[k++] = f[i].strict;
	metrics_mean_std(v, k, mean, &std);
	*sem = metrics_sem(std, k);
	*n = k;
	free(v);
}
