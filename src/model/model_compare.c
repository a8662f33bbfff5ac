/* model_compare.c: two runs side by side: coverage, Table 1 and framework x
 * level differences over the common tasks with paired confidence intervals,
 * and each task's change, marked only when Welch's t-test on its attempts
 * says the difference is larger than their spread allows (CMP_RULE). */
#include "config.h"

#include "benchtop/model_compare.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/sort.h"

/* ------------------------------------------------------------ Student's t */

/* The continued fraction of the incomplete beta function (modified Lentz). */
static double
beta_fraction(double a, double b, double x)
{
	const double tiny = 1e-300;
	double c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0), h;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= 500; m++) {
		double aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)), del;

		d = 1.0 + aa * d;
		c = 1.0 + aa / c;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = fabs(c) < tiny ? tiny : c;
		h *= d * c;
		aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
		d = 1.0 + aa * d;
		c = 1.0 + aa / c;
		d = 1.0 / (fabs(d) < tiny ? tiny : d);
		c = fabs(c) < tiny ? tiny : c;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-15)
			break;
	}
	return h;
}

/* The regularized incomplete beta function I_x(a, b). */
static double
beta_inc(double a, double b, double x)
{
	double front;

	if (x <= 0)
		return 0.0;
	if (x >= 1)
		return 1.0;
	front = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x));
	/* the fraction converges fast only on this side of the mean */
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_fraction(a, b, x) / a;
	return 1.0 - front * beta_fraction(b, a, 1.0 - x) / b;
}

double
compare_t_pvalue(double t, double df)
{
	if (!(df > 0) || isnan(t))
		return 1.0;
	if (isinf(t))
		return 0.0;
	return beta_inc(df / 2.0, 0.5, df / (df + t * t));
}

double
compare_t_quantile(double p, double df)
{
	double lo = 0.0, hi = 1.0;

	if (!(df > 0) || !(p > 0) || p >= 1)
		return p >= 1 ? 0.0 : INFINITY;
	while (compare_t_pvalue(hi, df) > p && hi < 1e12)
		hi *= 2;
	for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
		double mid = (lo + hi) / 2;
		if (compare_t_pvalue(mid, df) > p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

struct cmp_test
compare_welch(double mean_a, double sd_a, int n_a, double mean_b, double sd_b, int n_b)
{
	struct cmp_test r = {.p = 1.0};
	double va, vb;

	if (n_a < 2 || n_b < 2)
		return r;
	/* three attempts that agree are not proof of zero variance */
	sd_a = sd_a > CMP_SD_FLOOR ? sd_a : CMP_SD_FLOOR;
	sd_b = sd_b > CMP_SD_FLOOR ? sd_b : CMP_SD_FLOOR;
	va = sd_a * sd_a / n_a;
	vb = sd_b * sd_b / n_b;
	r.testable = true;
	r.t = (mean_b - mean_a) / sqrt(va + vb);
	r.df = (va + vb) * (va + vb) / (va * va / (n_a - 1) + vb * vb / (n_b - 1));
	r.p = compare_t_pvalue(r.t, r.df);
	return r;
}

enum cmp_mark
compare_mark(const struct cmp_test *t, double d_strict)
{
	if (!t->testable || !(t->p < CMP_ALPHA) || d_strict == 0)
		return CMP_UNCHANGED;
	return d_strict > 0 ? CMP_IMPROVED : CMP_REGRESSED;
}

int
compare_bucket(double d)
{
	/* bucket what is shown (0.1 pp), so "-10.0" never lands in two colours */
	double pp = round(d * 1000) / 10;

	if (pp <= -10)
		return 0;
	if (pp < -2)
		return 1;
	if (pp <= 2)
		return 2;
	if (pp < 10)
		return 3;
	return 4;
}

const char *
compare_mark_name(enum cmp_mark m)
{
	static const char *const names[CMP_MARKS] = {
		"regressed", "improved", "unchanged", "only in A", "only in B",
	};
	return m < CMP_MARKS ? names[m] : "?";
}

const char *
compare_sort_name(enum cmp_sort s)
{
	static const char *const names[CMP_SORT_COUNT] = {"change", "ΔA%", "p", "task"};
	return s < CMP_SORT_COUNT ? names[s] : "?";
}

/* ------------------------------------------------------------ building */

static double
metric_of(const struct task_row *r, enum cmp_metric m)
{
	return m == CMP_RAW ? r->s.raw : m == CMP_PASS1 ? r->s.pass1 : r->s.strict;
}


/* Does a task row fall in cell (fw, lv)? */
static bool
in_cell(const struct task_row *r, int fw, int lv)
{
	return (fw == CMP_ALL_FW || task_framework_index(r->framework) == fw) &&
	       (lv == CMP_ALL_LV || r->level == lv);
}

static void
fill_cell(struct compare_model *m, int fw, int lv, double *va, double *vb, double *vd)
{
	struct cmp_cell *c = &m->cell[fw][lv];
	size_t n = 0;

	for (int k = 0; k < CMP_METRICS; k++) {
		n = 0;
		for (size_t i = 0; i < m->n_tasks; i++) {
			const struct cmp_task *t = &m->tasks[i];
			if (!t->in_a || !t->in_b || !in_cell(&t->a, fw, lv))
				continue;
			va[n] = metric_of(&t->a, (enum cmp_metric)k);
			vb[n] = metric_of(&t->b, (enum cmp_metric)k);
			vd[n] = t->d[k];
			n++;
		}
		double sd;
		c->a[k] = metrics_mean(va, n);
		c->b[k] = metrics_mean(vb, n);
		metrics_mean_std(vd, n, &c->d[k], &sd);
		c->ci[k] = n >= 2 ? compare_t_quantile(0.05, (double)(n - 1)) * sd / sqrt((double)n)
				  : 0.0;
	}
	c->n = (int)n;
}

static void
fill_own(struct cmp_mean *own, const struct task_row *rows, size_t n, double *v)
{
	for (int lv = 0; lv <= CMP_ALL_LV; lv++) {
		for (int k = 0; k < CMP_METRICS; k++) {
			size_t j = 0;
			for (size_t i = 0; i < n; i++)
				if (in_cell(&rows[i], CMP_ALL_FW, lv))
					v[j++] = metric_of(&rows[i], (enum cmp_metric)k);
			own[lv].v[k] = metrics_mean(v, j);
			own[lv].n = (int)j;
		}
	}
}

static int
cmp_row_name(const void *pa, const void *pb)
{
	return strcmp(((const struct task_row *)pa)->name, ((const struct task_row *)pb)->name);
}

static void
clear_built(struct compare_model *m)
{
	free(m->tasks);
	free(m->shown);
	m->tasks = NULL;
	m->shown = NULL;
	m->n_tasks = m->n_shown = 0;
	m->n_both = m->n_only_a = m->n_only_b = 0;
	memset(m->n_mark, 0, sizeof(m->n_mark));
	memset(m->cell, 0, sizeof(m->cell));
	memset(m->own_a, 0, sizeof(m->own_a));
	memset(m->own_b, 0, sizeof(m->own_b));
}

void
compare_model_build(struct compare_model *m, const struct task_row *a, size_t na,
		    const struct task_row *b, size_t nb)
{
	struct task_row *sa = xcalloc(na ? na : 1, sizeof(*sa));
	struct task_row *sb = xcalloc(nb ? nb : 1, sizeof(*sb));
	size_t i = 0, j = 0, most = na + nb ? na + nb : 1;
	double *va = xcalloc(most, sizeof(double)), *vb = xcalloc(most, sizeof(double));
	double *vd = xcalloc(most, sizeof(double));

	clear_built(m);
	memcpy(sa, a, na * sizeof(*sa));
	memcpy(sb, b, nb * sizeof(*sb));
	qsort(sa, na, sizeof(*sa), cmp_row_name);
	qsort(sb, nb, sizeof(*sb), cmp_row_name);
	m->tasks = xcalloc(most, sizeof(*m->tasks));
	m->shown = xcalloc(most, sizeof(size_t));
	/* merge by name: a task is the same task in both runs */
	while (i < na || j < nb) {
		struct cmp_task *t = &m->tasks[m->n_tasks++];
		int c = i >= na ? 1 : j >= nb ? -1 : strcmp(sa[i].name, sb[j].name);

		if (c <= 0) {
			t->a = sa[i++];
			t->in_a = true;
		}
		if (c >= 0) {
			t->b = sb[j++];
			t->in_b = true;
		}
		if (t->in_a && t->in_b) {
			for (int k = 0; k < CMP_METRICS; k++)
				t->d[k] = metric_of(&t->b, (enum cmp_metric)k) -
					  metric_of(&t->a, (enum cmp_metric)k);
			t->test = compare_welch(t->a.s.strict, t->a.s.strict_std, t->a.s.n_executed,
						t->b.s.strict, t->b.s.strict_std, t->b.s.n_executed);
			t->mark = compare_mark(&t->test, t->d[CMP_STRICT]);
			m->n_both++;
		} else {
			t->mark = t->in_a ? CMP_ONLY_A : CMP_ONLY_B;
			t->test.p = 1.0;
			*(t->in_a ? &m->n_only_a : &m->n_only_b) += 1;
		}
		m->n_mark[t->mark]++;
	}
	for (int fw = 0; fw <= CMP_ALL_FW; fw++)
		for (int lv = 0; lv <= CMP_ALL_LV; lv++)
			fill_cell(m, fw, lv, va, vb, vd);
	fill_own(m->own_a, sa, na, va);
	fill_own(m->own_b, sb, nb, va);
	free(va);
	free(vb);
	free(vd);
	free(sa);
	free(sb);
	m->filter_mark = -1;
	m->filter_fw[0] = '\0';
	m->filter_level = -1;
	m->sort = CMP_SORT_CHANGE;
	m->reverse = false;
	compare_model_apply(m);
}

int
compare_model_load(struct compare_model *m, struct store *st, int64_t run_a, int64_t run_b,
		   struct bt_error *err)
{
	struct task_row *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	m->run_a = run_a;
	m->run_b = run_b;
	if ((rc = store_run_name(st, run_a, m->name_a, sizeof(m->name_a), err)) ||
	    (rc = store_run_name(st, run_b, m->name_b, sizeof(m->name_b), err)) ||
	    (rc = store_task_rows(st, run_a, TASK_GENERATION, &a, &na, err)) ||
	    (rc = store_task_rows(st, run_b, TASK_GENERATION, &b, &nb, err))) {
		free(a);
		return rc;
	}
	compare_model_build(m, a, na, b, nb);
	free(a);
	free(b);
	return BT_OK;
}

void
compare_model_free(struct compare_model *m)
{
	clear_built(m);
}

/* ------------------------------------------------------------ the task list */

static const char *
task_name(const struct cmp_task *t)
{
	return t->in_a ? t->a.name : t->b.name;
}

static int
cmp_change(const struct cmp_task *a, const struct cmp_task *b)
{
	double da = a->d[CMP_STRICT], db = b->d[CMP_STRICT];

	if (a->mark != b->mark)
		return a->mark < b->mark ? -1 : 1;
	switch (a->mark) {
	case CMP_REGRESSED: return da < db ? -1 : da > db;
	case CMP_IMPROVED: return da > db ? -1 : da < db;
	case CMP_UNCHANGED: return fabs(da) > fabs(db) ? -1 : fabs(da) < fabs(db);
	default: return 0;
	}
}

static int
cmp_tasks(const void *pa, const void *pb, const void *ctx)
{
	const struct compare_model *m = ctx;
	const struct cmp_task *a = &m->tasks[*(const size_t *)pa];
	const struct cmp_task *b = &m->tasks[*(const size_t *)pb];
	bool ba = a->in_a && a->in_b, bb = b->in_a && b->in_b;
	int c = 0;

	/* tasks of one run only have no difference: they go last */
	if (m->sort != CMP_SORT_NAME && ba != bb)
		c = ba ? -1 : 1;
	else if (m->sort == CMP_SORT_CHANGE)
		c = cmp_change(a, b);
	else if (m->sort == CMP_SORT_DELTA && ba)
		c = a->d[CMP_STRICT] < b->d[CMP_STRICT] ? -1 : a->d[CMP_STRICT] > b->d[CMP_STRICT];
	else if (m->sort == CMP_SORT_P && ba)
		c = a->test.p < b->test.p ? -1 : a->test.p > b->test.p;
	if (!c)
		c = a->mark != b->mark && m->sort != CMP_SORT_NAME
			    ? (a->mark < b->mark ? -1 : 1) : strcmp(task_name(a), task_name(b));
	return m->reverse ? -c : c;
}

void
compare_model_apply(struct compare_model *m)
{
	m->n_shown = 0;
	for (size_t i = 0; i < m->n_tasks; i++) {
		const struct cmp_task *t = &m->tasks[i];
		const struct task_row *r = t->in_a ? &t->a : &t->b;
		if (m->filter_mark >= 0 && (int)t->mark != m->filter_mark)
			continue;
		if (m->filter_fw[0] && strcmp(r->framework, m->filter_fw) != 0)
			continue;
		if (m->filter_level >= 0 && r->level != m->filter_level)
			continue;
		m->shown[m->n_shown++] = i;
	}
	bt_sort(m->shown, m->n_shown, sizeof(size_t), cmp_tasks, m);
}

/* ------------------------------------------------------------ the gate */

enum cmp_verdict
compare_regresses(const struct compare_model *m, bool have_threshold, double threshold_pp,
		  char *why, size_t whylen)
{
	const struct cmp_cell *all = &m->cell[CMP_ALL_FW][CMP_ALL_LV];
	size_t n = m->n_mark[CMP_REGRESSED];

	/* a gate that compares nothing must not pass silently */
	if (all->n == 0) {
		snprintf(why, whylen, "no task is in both runs: nothing to compare");
		return CMP_NO_COMMON;
	}
	if (have_threshold) {
		double pp = all->d[CMP_STRICT] * 100;
		bool bad = -pp > threshold_pp;
		snprintf(why, whylen, "strict A%% on the %d common task%s changes by %+.2f pp: "
			 "%s a drop of more than %g pp", all->n, all->n == 1 ? "" : "s", pp,
			 bad ? "a regression," : "within the threshold,", threshold_pp);
		return bad ? CMP_REGRESSES : CMP_PASS;
	}
	if (n)
		snprintf(why, whylen, "regression: %zu task%s regressed beyond the attempts' spread",
			 n, n == 1 ? "" : "s");
	else
		snprintf(why, whylen, "no task regressed beyond the attempts' spread");
	return n ? CMP_REGRESSES : CMP_PASS;
}
