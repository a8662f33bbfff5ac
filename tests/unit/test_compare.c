/* The compare model: Student's t against closed forms, Welch's test and the
 * marks on hand-computed cases, coverage, cells and confidence intervals
 * over partially overlapping runs, the task list, the regression gate, and
 * the attempt pair's flips and patches.  The task set mirrors
 * tests/fixtures/compare.jsonl (tests/compare/compare-test). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchtop/action.h"
#include "benchtop/attempt.h"
#include "benchtop/diff.h"
#include "benchtop/metrics.h"
#include "benchtop/parse.h"
#include "benchtop/store.h"
#include "benchtop/model_compare.h"
#include "benchtop/model_compare_pair.h"
#include "tap.h"

/* ------------------------------------------------------------ Student's t */

static void
test_t_distribution(void)
{
	/* closed forms: df 1 (Cauchy) 1 - 2 atan(t)/pi, df 2 1 - t/sqrt(t^2+2),
	 * df 4 1 - t (t^2+6) / (t^2+4)^1.5 */
	tap_is_double(compare_t_pvalue(1, 1), 0.5, 1e-12, "df 1, t 1: p = 0.5");
	tap_is_double(compare_t_pvalue(3, 1), 1 - 2 * atan(3.0) / acos(-1.0), 1e-12, "df 1, t 3");
	tap_is_double(compare_t_pvalue(1, 2), 1 - 1 / sqrt(3.0), 1e-12, "df 2, t 1");
	tap_is_double(compare_t_pvalue(-1, 2), 1 - 1 / sqrt(3.0), 1e-12, "the test is two-sided");
	tap_is_double(compare_t_pvalue(2, 4), 1 - 2 * 10 / pow(8, 1.5), 1e-12, "df 4, t 2");
	tap_is_double(compare_t_pvalue(0, 4), 1, 1e-15, "t 0: p = 1");
	tap_is_double(compare_t_pvalue(INFINITY, 4), 0, 0, "an infinite t: p = 0");
	tap_is_double(compare_t_pvalue(1.959964, 1e7), 0.05, 1e-6, "large df: the normal's 1.96");
	/* df 2.5 by Simpson integration of the density */
	tap_is_double(compare_t_pvalue(1, 2.5), 0.404061, 1e-6, "a fractional df (Welch)");
	/* the textbook critical values */
	tap_is_double(compare_t_quantile(0.05, 1), 12.7062, 1e-4, "t(.975, 1) = 12.706");
	tap_is_double(compare_t_quantile(0.05, 2), 4.3027, 1e-4, "t(.975, 2) = 4.303");
	tap_is_double(compare_t_quantile(0.05, 3), 3.1824, 1e-4, "t(.975, 3) = 3.182");
	tap_is_double(compare_t_quantile(0.05, 4), 2.7764, 1e-4, "t(.975, 4) = 2.776");
	tap_is_double(compare_t_quantile(0.01, 4), 4.6041, 1e-4, "t(.995, 4) = 4.604");
}

static void
test_welch(void)
{
	struct cmp_test t;

	/* equal spreads above the floor, 2 attempts each: se = 0.1, df = 2 */
	t = compare_welch(0.5, 0.1, 2, 0.7, 0.1, 2);
	tap_ok(t.testable, "two attempts a side are testable");
	tap_is_double(t.t, 2.0, 1e-12, "t = (0.7 - 0.5) / 0.1");
	tap_is_double(t.df, 2.0, 1e-12, "Welch-Satterthwaite df = 2");
	tap_is_double(t.p, 1 - 2 / sqrt(6.0), 1e-12, "p = 1 - 2/sqrt(6)");
	tap_is_int(compare_mark(&t, 0.2), CMP_UNCHANGED, "p = 0.18: unchanged");

	/* 3/3 at 100% against 3/3 at 80%: both spreads 0, floored at 5 pp */
	t = compare_welch(1.0, 0, 3, 0.8, 0, 3);
	tap_is_double(t.t, -0.2 / sqrt(2 * 0.0025 / 3), 1e-9, "the floor sets the standard error");
	tap_is_double(t.df, 4.0, 1e-12, "df = 4");
	tap_is_double(t.p, 1 - sqrt(24.0) * 30 / pow(28, 1.5), 1e-12, "p = 0.0081 (df 4 closed form)");
	tap_is_int(compare_mark(&t, -0.2), CMP_REGRESSED, "a steady 20 pp drop regresses");

	/* 1, 1, 0 against 1, 1, 1: one failure in three is noise */
	t = compare_welch(2.0 / 3, sqrt(1.0 / 3), 3, 1.0, 0, 3);
	tap_is_double(t.df, pow(1.0 / 9 + 0.0025 / 3, 2) /
			    (pow(1.0 / 9, 2) / 2 + pow(0.0025 / 3, 2) / 2), 1e-12,
		      "Welch-Satterthwaite df with unequal spreads");
	tap_ok(t.p > 0.4 && t.p < 0.45, "p = %.4f", t.p);
	tap_is_int(compare_mark(&t, 1.0 / 3), CMP_UNCHANGED, "1/3 attempts failing is not a change");

	/* within the floor: 95 -> 90 with tight attempts */
	t = compare_welch(0.95, 0.01, 3, 0.90, 0.01, 3);
	tap_is_int(compare_mark(&t, -0.05), CMP_UNCHANGED, "5 pp with tight attempts: unchanged");
	t = compare_welch(0.95, 0.01, 3, 0.80, 0.01, 3);
	tap_is_int(compare_mark(&t, -0.15), CMP_REGRESSED, "15 pp with tight attempts: regressed");

	t = compare_welch(1.0, 0, 1, 0.0, 0, 3);
	tap_ok(!t.testable && t.p == 1.0, "one attempt: not testable, p = 1");
	tap_is_int(compare_mark(&t, -1.0), CMP_UNCHANGED, "untestable stays unchanged");
	t = compare_welch(0.6, 0.3, 3, 0.6, 0.3, 3);
	tap_is_double(t.p, 1.0, 1e-15, "no difference: p = 1");
}

static void
test_bucket(void)
{
	tap_is_int(compare_bucket(-0.10), 0, "-10 pp: the worst colour");
	tap_is_int(compare_bucket(0.9 - 1.0), 0, "0.9 - 1.0 is -10.0 as shown, not -9.99..");
	tap_is_int(compare_bucket(-0.05), 1, "-5 pp");
	tap_is_int(compare_bucket(-0.02), 2, "-2 pp is within the neutral band");
	tap_is_int(compare_bucket(0.0), 2, "0");
	tap_is_int(compare_bucket(0.021), 3, "+2.1 pp");
	tap_is_int(compare_bucket(0.0999), 4, "+9.99 pp shows as +10.0");
	tap_is_int(compare_bucket(0.5), 4, "+50 pp");
}

/* ------------------------------------------------------------ the model */

/* A task row from its attempts' strict A% (raw = strict; an attempt
 * succeeds at 100%). */
static struct task_row
row(const char *name, const double *strict, size_t n)
{
	struct attempt_outcome o[8];
	struct task_info ti;
	struct task_row r;
	char why[128];

	memset(&r, 0, sizeof(r));
	if (!task_parse_generation(name, &ti, why, sizeof(why)))
		tap_diag("bad task name %s: %s", name, why);
	snprintf(r.name, sizeof(r.name), "%s", name);
	snprintf(r.framework, sizeof(r.framework), "%s", ti.framework);
	r.level = ti.level;
	r.constraints = ti.constraints;
	for (size_t i = 0; i < n; i++)
		o[i] = (struct attempt_outcome){strict[i], strict[i], strict[i] == 1, strict[i] == 1};
	metrics_task_stats(o, n, &r.s);
	return r;
}

/* tests/fixtures/compare.jsonl: A = base, B = new */
static void
fixture_rows(struct task_row *a, size_t *na, struct task_row *b, size_t *nb)
{
	static const double one[] = {1, 1, 1}, zero[] = {0, 0, 0}, half[] = {.5, .5, .5},
			    two_of_three[] = {1, 1, 0}, eighty[] = {.8, .8, .8}, ninety[] = {.9, .9, .9};

	*na = *nb = 0;
	a[(*na)++] = row("flask-openapi-unconstrained", one, 3);
	b[(*nb)++] = row("flask-openapi-unconstrained", zero, 3);
	a[(*na)++] = row("flask-openapi-sqlite", half, 3);
	b[(*nb)++] = row("flask-openapi-sqlite", one, 3);
	a[(*na)++] = row("express-openapi-unconstrained", two_of_three, 3);
	b[(*nb)++] = row("express-openapi-unconstrained", one, 3);
	a[(*na)++] = row("express-openapi-clean_architecture-postgres-sequelize", one, 3);
	b[(*nb)++] = row("express-openapi-clean_architecture-postgres-sequelize", eighty, 3);
	a[(*na)++] = row("express-openapi-postgres", one, 3);
	b[(*nb)++] = row("fastapi-openapi-sqlite", ninety, 3);
}

static const struct cmp_task *
find(const struct compare_model *m, const char *name)
{
	for (size_t i = 0; i < m->n_tasks; i++)
		if (strcmp(m->tasks[i].in_a ? m->tasks[i].a.name : m->tasks[i].b.name, name) == 0)
			return &m->tasks[i];
	return NULL;
}

static void
test_model(void)
{
	struct task_row a[8], b[8];
	size_t na, nb;
	struct compare_model m;
	const struct cmp_cell *all, *l0;
	const struct cmp_task *t;

	fixture_rows(a, &na, b, &nb);
	memset(&m, 0, sizeof(m));
	compare_model_build(&m, a, na, b, nb);
	tap_is_int(m.n_tasks, 6, "six tasks in either run");
	tap_is_int(m.n_both, 4, "four in both");
	tap_is_int(m.n_only_a, 1, "one only in A");
	tap_is_int(m.n_only_b, 1, "one only in B");
	tap_is_int(m.n_mark[CMP_REGRESSED], 2, "two regressed");
	tap_is_int(m.n_mark[CMP_IMPROVED], 1, "one improved");
	tap_is_int(m.n_mark[CMP_UNCHANGED], 1, "one unchanged");
	t = find(&m, "flask-openapi-unconstrained");
	tap_ok(t && t->mark == CMP_REGRESSED && t->d[CMP_STRICT] == -1.0, "100%% -> 0%%: regressed");
	t = find(&m, "express-openapi-unconstrained");
	tap_ok(t && t->mark == CMP_UNCHANGED, "2/3 -> 3/3: unchanged");
	t = find(&m, "express-openapi-postgres");
	tap_ok(t && t->mark == CMP_ONLY_A && t->d[CMP_STRICT] == 0, "only in A: no difference");

	/* over the 4 common tasks: A (1 + .5 + 2/3 + 1)/4, B (0 + 1 + 1 + .8)/4 */
	all = &m.cell[CMP_ALL_FW][CMP_ALL_LV];
	tap_is_int(all->n, 4, "the overall cell has the common tasks only");
	tap_is_double(all->a[CMP_STRICT], (1 + .5 + 2.0 / 3 + 1) / 4, 1e-12, "A strict, all");
	tap_is_double(all->b[CMP_STRICT], .7, 1e-12, "B strict, all");
	tap_is_double(all->d[CMP_STRICT], -0.55 / 6, 1e-12, "B - A = -9.17 pp");
	tap_is_double(all->a[CMP_PASS1], (1 + 0 + 2.0 / 3 + 1) / 4, 1e-12, "A pass@1, all");
	tap_is_double(all->d[CMP_PASS1], 0.5 - 2.0 / 3, 1e-12, "B - A pass@1 = -16.7 pp");
	/* differences -1, +.5, +1/3, -.2: sample sd, t(.975, 3) */
	{
		double d[] = {-1, .5, 1.0 / 3, -.2}, mean = -0.55 / 6, ss = 0;
		for (int i = 0; i < 4; i++)
			ss += (d[i] - mean) * (d[i] - mean);
		tap_is_double(all->ci[CMP_STRICT], 3.182446 * sqrt(ss / 3) / 2, 1e-5,
			      "paired 95% CI half width");
	}
	l0 = &m.cell[CMP_ALL_FW][0];
	tap_is_int(l0->n, 2, "L0 has two common tasks");
	tap_is_double(l0->a[CMP_STRICT], (1 + 2.0 / 3) / 2, 1e-12, "A L0 = 83.3");
	tap_is_double(l0->d[CMP_STRICT], -1.0 / 3, 1e-12, "B - A L0 = -33.3 pp");
	tap_is_int(m.cell[CMP_ALL_FW][2].n, 0, "no L2 task");
	tap_is_double(m.cell[CMP_ALL_FW][3].d[CMP_PASS1], -1, 1e-12, "L3 pass@1 100 -> 0");
	tap_is_int(m.cell[5][1].n, 1, "Flask L1 (framework index 5) holds one task");
	tap_is_double(m.cell[5][1].d[CMP_STRICT], .5, 1e-12, "Flask L1 +50 pp");
	tap_is_double(m.cell[5][1].ci[CMP_STRICT], 0, 0, "one task: no interval");
	/* each run alone: A's L1 counts express-openapi-postgres too */
	tap_is_int(m.own_a[1].n, 2, "A alone has two L1 tasks");
	tap_is_double(m.own_a[1].v[CMP_STRICT], .75, 1e-12, "A alone, L1 = (.5 + 1)/2");
	tap_is_double(m.own_b[1].v[CMP_STRICT], .95, 1e-12, "B alone, L1 = (1 + .9)/2");
	tap_is_double(m.own_b[CMP_ALL_LV].v[CMP_STRICT], 3.7 / 5, 1e-12, "B alone, all");

	/* the list: regressed worst first, improved, unchanged, then one run's */
	tap_is_str(m.tasks[m.shown[0]].a.name, "flask-openapi-unconstrained", "1st: -100 pp");
	tap_is_str(m.tasks[m.shown[1]].a.name, "express-openapi-clean_architecture-postgres-sequelize",
		   "2nd: -20 pp");
	tap_is_str(m.tasks[m.shown[2]].a.name, "flask-openapi-sqlite", "3rd: the improved one");
	tap_is_int(m.tasks[m.shown[4]].mark, CMP_ONLY_A, "5th: only in A");
	tap_is_int(m.tasks[m.shown[5]].mark, CMP_ONLY_B, "6th: only in B");
	m.filter_mark = CMP_REGRESSED;
	compare_model_apply(&m);
	tap_is_int(m.n_shown, 2, "filter: the regressed");
	m.filter_mark = -1;
	snprintf(m.filter_fw, sizeof(m.filter_fw), "express");
	m.filter_level = 0;
	compare_model_apply(&m);
	tap_is_int(m.n_shown, 1, "filter: Express L0");
	m.filter_fw[0] = '\0';
	m.filter_level = -1;
	m.sort = CMP_SORT_DELTA;
	m.reverse = true;
	compare_model_apply(&m);
	tap_is_str(m.tasks[m.shown[m.n_shown - 1]].a.name, "flask-openapi-unconstrained",
		   "ΔA% reversed: the worst last");

	{
		char why[256];
		tap_is_int(compare_regresses(&m, false, 0, why, sizeof(why)), CMP_REGRESSES, "any regressed task fails");
		tap_is_str(why, "regression: 2 tasks regressed beyond the attempts' spread", "why");
		tap_is_int(compare_regresses(&m, true, 10, why, sizeof(why)), CMP_PASS, "-9.17 pp is within 10");
		tap_is_int(compare_regresses(&m, true, 9, why, sizeof(why)), CMP_REGRESSES, "-9.17 pp is beyond 9");
		tap_is_str(why, "strict A% on the 4 common tasks changes by -9.17 pp: a regression, a "
			   "drop of more than 9 pp", "the threshold's reason");
	}
	compare_model_free(&m);

	/* a run against itself: everything unchanged */
	memset(&m, 0, sizeof(m));
	compare_model_build(&m, a, na, a, na);
	tap_is_int(m.n_both, 5, "itself: every task in both");
	tap_is_int(m.n_mark[CMP_UNCHANGED], 5, "itself: every task unchanged");
	tap_is_double(m.cell[CMP_ALL_FW][CMP_ALL_LV].d[CMP_STRICT], 0, 0, "itself: B - A = 0");
	tap_is_double(m.cell[CMP_ALL_FW][CMP_ALL_LV].ci[CMP_STRICT], 0, 0, "itself: CI 0");
	{
		char why[256];
		tap_is_int(compare_regresses(&m, false, 0, why, sizeof(why)), CMP_PASS, "itself: no regression");
		tap_is_int(compare_regresses(&m, true, 0, why, sizeof(why)), CMP_PASS, "itself: within 0 pp");
	}
	compare_model_free(&m);

	/* disjoint runs: nothing in common, no difference */
	memset(&m, 0, sizeof(m));
	compare_model_build(&m, a + 4, 1, b + 4, 1);
	tap_is_int(m.n_both, 0, "disjoint: nothing in both");
	tap_is_int(m.cell[CMP_ALL_FW][CMP_ALL_LV].n, 0, "disjoint: an empty overall cell");
	{
		char why[256];
		tap_is_int(compare_regresses(&m, true, 1, why, sizeof(why)), CMP_NO_COMMON,
			   "disjoint: no verdict, with a threshold");
		tap_is_int(compare_regresses(&m, false, 0, why, sizeof(why)), CMP_NO_COMMON,
			   "disjoint: no verdict, by the spread");
		tap_is_str(why, "no task is in both runs: nothing to compare", "disjoint: why");
	}
	compare_model_free(&m);
}

/* ------------------------------------------------------------ the pair */

static void
add_request(struct attempt *a, int pos, const char *name, const char *pass, const char *fail)
{
	struct request *q = attempt_add_request(a);

	q->position = pos;
	q->name = xstrdup(name);
	q->method = xstrdup("GET");
	q->url = xstrdup("http://conduit:8080/api/x");
	q->code = 200;
	if (pass)
		strv_push(&q->passed, pass);
	if (fail)
		strv_push(&q->failed, fail);
}

static bool
doc_has(const struct pair_doc *d, const char *needle)
{
	for (size_t i = 0; i < d->n; i++)
		if (strstr(d->v[i].left, needle) || (d->v[i].right && strstr(d->v[i].right, needle)))
			return true;
	return false;
}

static void
test_pair(void)
{
	struct attempt a[2], b[1];
	struct pair_doc d;
	size_t sa, sb;
	static const char patch_a[] =
		"diff --git a/app.py b/app.py\nnew file mode 100644\n--- /dev/null\n+++ b/app.py\n"
		"@@ -0,0 +1,2 @@\n+import flask\n+app = flask.Flask(__name__)\n"
		"diff --git a/db.py b/db.py\nnew file mode 100644\n--- /dev/null\n+++ b/db.py\n"
		"@@ -0,0 +1 @@\n+import sqlite3\n";
	static const char patch_b[] =
		"diff --git a/app.py b/app.py\nnew file mode 100644\n--- /dev/null\n+++ b/app.py\n"
		"@@ -0,0 +1 @@\n+import flask\n";
	double sta[] = {0.5, 1.0, 1.0}, stb[] = {0.2, 0.1, 0.1};

	pair_default_selection(sta, 3, stb, 3, -0.5, &sa, &sb);
	tap_ok(sa == 1 && sb == 1, "B worse: A's best and B's worst (first of ties)");
	pair_default_selection(sta, 3, stb, 3, 0.5, &sa, &sb);
	tap_ok(sa == 0 && sb == 0, "B better: A's worst and B's best");

	for (int i = 0; i < 2; i++) {
		attempt_init(&a[i]);
		a[i].number = i;
		a[i].has_report = true;
	}
	attempt_init(&b[0]);
	b[0].has_report = true;
	b[0].number = 0;
	/* A run_0 passes p2 at #1; B run_0 fails it and passes q2 at #2; #3 is A's only */
	add_request(&a[0], 1, "Register", "p1", NULL);
	strv_push(&a[0].requests[0].passed, "p2");
	add_request(&a[0], 2, "Login", "q1", "q2");
	add_request(&a[0], 3, "Tags", "t1", NULL);
	add_request(&a[1], 1, "Register", "p1", "p2");
	add_request(&b[0], 1, "Register", "p1", "p2");
	add_request(&b[0], 2, "Login", "q1", NULL);
	strv_push(&b[0].requests[1].passed, "q2");

	struct pair_side A = {.run = "base", .v = a, .n = 2, .sel = 0, .patch = patch_a,
			      .patch_len = strlen(patch_a)};
	struct pair_side B = {.run = "new", .v = b, .n = 1, .sel = 0, .patch = patch_b,
			      .patch_len = strlen(patch_b)};
	pair_doc_build(&A, &B, &d);
	tap_is_int(d.lost, 2, "two assertions lost (p2 at #1, t1 at #3)");
	tap_is_int(d.gained, 1, "one gained (q2 at #2)");
	tap_ok(doc_has(&d, "#1 Register  GET /api/x"), "flips grouped under their request");
	tap_ok(doc_has(&d, "  lost    p2   A 1/2  B 0/1"), "a lost one with its counts");
	tap_ok(doc_has(&d, "  gained  q2   A 0/2  B 1/1"), "a gained one with its counts");
	tap_ok(doc_has(&d, "  lost    t1 (not run)   A 1/2  B 0/1"), "one B never ran");
	tap_ok(doc_has(&d, "app.py  new, +2 -0"), "A's file header");
	tap_ok(doc_has(&d, "app.py  new, +1 -0"), "B's file of the same path beside it");
	tap_ok(!doc_has(&d, "diff --git"), "the title says what the file headers say");
	tap_ok(doc_has(&d, "(not in B's patch)"), "A's file that B lacks");
	tap_ok(doc_has(&d, "A run_0 patch: 2 files, +3 -0"), "A's patch title");
	tap_ok(doc_has(&d, "+import sqlite3"), "the patch lines are there");
	pair_doc_free(&d);

	/* B never started its server: no list, a count */
	b[0].has_report = false;
	a[0].passed = 4;
	pair_doc_build(&A, &B, &d);
	tap_ok(doc_has(&d, "B run_0's server never answered: the 4 assertions A run_0 passes are "
			   "lost"), "no report: said so");
	tap_is_int(d.lost, 4, "no report: lost counts A's passed assertions");
	tap_ok(doc_has(&d, "no report: the server never ran the tests"), "the detail says it too");
	pair_doc_free(&d);
	for (int i = 0; i < 2; i++)
		attempt_free(&a[i]);
	attempt_free(&b[0]);
}

/* The compare keys share keys with other views without taking them away. */
static void
test_keys(void)
{
	struct keymap km;

	keymap_init(&km);
	tap_is_int(keymap_lookup(&km, "runs", ' '), ACT_MARK, "Space marks a run in the runs view");
	tap_is_int(keymap_lookup(&km, "plot", ' '), ACT_TOGGLE_SERIES, "and hides a series in the plot");
	tap_is_int(keymap_lookup(&km, "runs", 'c'), ACT_COMPARE, "c compares");
	tap_is_int(keymap_lookup(&km, "compare", 'o'), ACT_CHANGE_FILTER, "o cycles the changes shown");
	tap_is_int(keymap_lookup(&km, "tasks", 'o'), ACT_OUTCOME, "and the outcomes in the tasks view");
	tap_is_int(keymap_lookup(&km, "compare", '1'), ACT_TAB_SUMMARY, "1 shows the summary");
	tap_is_int(keymap_lookup(&km, "plot", '1'), ACT_SERIES_1, "and hides Aiohttp in the plot");
	tap_is_int(keymap_lookup(&km, "pair", 'a'), ACT_NEXT_ATTEMPT_A, "a: A's next attempt");
	tap_is_int(keymap_lookup(&km, "plot", 'a'), ACT_ALL_SERIES, "a shows every series in the plot");
	tap_is_int(keymap_lookup(&km, "compare", 's'), ACT_SORT, "s sorts the compared tasks");
	tap_is_int(keymap_lookup(&km, "compare", K_TAB), ACT_NEXT_TAB, "Tab: the next tab");
	tap_is_int(keymap_lookup(&km, "runs", '1'), ACT_NONE, "1 does nothing in the runs view");
}

int
main(void)
{
	test_t_distribution();
	test_welch();
	test_bucket();
	test_model();
	test_pair();
	test_keys();
	return tap_done();
}
