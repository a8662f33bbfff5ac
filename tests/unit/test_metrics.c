/* Metrics against the worked examples of upstream-format.md 4.2 and
 * hand-computed aggregates. */
#include "config.h"

#include <math.h>

#include <string.h>

#include "benchtop/attempt.h"
#include "benchtop/metrics.h"
#include "tap.h"

static void
test_pass_at_k(void)
{
	/* spec 4.2: n = 3, c = 0..3 -> (pass@1, pass@3, pass^3) */
	static const double want[4][3] = {
		{0, 0, 0}, {0.3333, 1, 0.0370}, {0.6667, 1, 0.2963}, {1, 1, 1},
	};
	for (int c = 0; c <= 3; c++) {
		char name[64];
		snprintf(name, sizeof(name), "pass@1 n=3 c=%d", c);
		tap_is_double(metrics_pass_at_k(3, c, 1), want[c][0], 5e-5, name);
		snprintf(name, sizeof(name), "pass@3 n=3 c=%d", c);
		tap_is_double(metrics_pass_at_k(3, c, 3), want[c][1], 5e-5, name);
		snprintf(name, sizeof(name), "pass^3 n=3 c=%d", c);
		tap_is_double(metrics_pass_power(3, c, 3), want[c][2], 5e-5, name);
	}
	/* n < k: 1 when anything succeeded */
	tap_is_double(metrics_pass_at_k(2, 1, 3), 1.0, 0, "pass@3 with n=2 c=1 is 1");
	tap_is_double(metrics_pass_at_k(2, 0, 3), 0.0, 0, "pass@3 with n=2 c=0 is 0");
	tap_is_double(metrics_pass_at_k(0, 0, 1), 0.0, 0, "pass@1 with no attempts is 0");
	/* n = 5, c = 2, k = 3: 1 - C(3,3)/C(5,3) = 1 - 1/10 */
	tap_is_double(metrics_pass_at_k(5, 2, 3), 0.9, 1e-12, "pass@3 n=5 c=2 = 0.9");
	tap_is_double(metrics_pass_at_k(5, 2, 1), 0.4, 1e-12, "pass@1 n=5 c=2 = c/n");
	tap_is_double(metrics_pass_power(5, 2, 3), 0.064, 1e-12, "pass^3 n=5 c=2 = (2/5)^3");
}

static void
test_mean_std(void)
{
	double v[] = {1.0, 0.5, 0.0}, mean, std;

	metrics_mean_std(v, 3, &mean, &std);
	tap_is_double(mean, 0.5, 1e-12, "mean of 1, .5, 0");
	tap_is_double(std, 0.5, 1e-12, "sample std of 1, .5, 0 is 0.5 (n-1)");
	metrics_mean_std(v, 1, &mean, &std);
	tap_is_double(std, 0.0, 0, "std of a single value is 0");
	metrics_mean_std(v, 0, &mean, &std);
	tap_is_double(mean, 0.0, 0, "mean of nothing is 0");
	tap_is_double(metrics_sem(0.5, 4), 0.25, 1e-12, "sem = std/sqrt(n)");
	tap_is_double(metrics_sem(0.5, 1), 0.0, 0, "sem of one value is 0");
}

static void
test_attempt_finish(void)
{
	struct attempt a;

	attempt_init(&a);
	a.has_report = true;
	a.total = 290;
	a.passed = 270;
	a.failed = 20;
	a.verdict[VERIFIER_DB].applicable = true;
	a.verdict[VERIFIER_DB].ok = true;
	attempt_finish(&a);
	tap_is_double(a.raw, 270.0 / 290.0, 1e-12, "raw A% = P/T");
	tap_is_double(a.strict, a.raw, 0, "strict = raw when verifiers pass");
	tap_ok(!a.tests_passed, "20 failures: tests not passed");

	a.failed = 0;
	a.passed = 290;
	a.verdict[VERIFIER_ARCH].applicable = true;
	a.verdict[VERIFIER_ARCH].ok = false;
	attempt_finish(&a);
	tap_ok(a.tests_passed, "no failures: tests passed");
	tap_is_double(a.strict, 0.0, 0, "a failing verifier zeroes strict A%");
	tap_ok(!a.succeeded, "a failing verifier fails the attempt");
	a.verdict[VERIFIER_ARCH].applicable = false;
	attempt_finish(&a);
	tap_ok(a.succeeded, "non-applicable verifiers are ignored");

	a.total = a.passed = a.failed = 0;
	attempt_finish(&a);
	tap_is_double(a.raw, 0.0, 0, "T = 0 gives A% 0");
	tap_ok(!a.tests_passed, "T = 0 is not a pass");
	attempt_free(&a);
}

static void
test_task_stats(void)
{
	struct attempt_outcome o[3] = {
		{.raw = 1.0, .strict = 1.0, .tests_passed = true, .succeeded = true},
		{.raw = 0.9, .strict = 0.0, .tests_passed = false, .succeeded = false},
		{.raw = 1.0, .strict = 0.0, .tests_passed = true, .succeeded = false},
	};
	struct task_stats s;

	metrics_task_stats(o, 3, &s);
	tap_is_int(s.n_executed, 3, "n_executed");
	tap_is_int(s.n_succeeded, 1, "n_succeeded");
	tap_is_int(s.n_tests_passed, 2, "n_tests_passed");
	tap_is_double(s.raw, 2.9 / 3, 1e-12, "mean raw");
	tap_is_double(s.strict, 1.0 / 3, 1e-12, "mean strict");
	tap_is_double(s.strict_std, 0.5773502692, 1e-9, "sample std of 1,0,0");
	tap_is_double(s.raw_std, 0.0577350269, 1e-9, "sample std of 1,.9,1");
	tap_is_double(s.pass1, 1.0 / 3, 1e-12, "pass@1 from succeeded");
	tap_is_double(s.pass1_tests, 2.0 / 3, 1e-12, "tests-only pass@1");
	tap_is_double(s.pass3, 1.0, 0, "pass@3 c=1 n=3");
	tap_is_double(s.pow3, 1.0 / 27, 1e-12, "pass^3 c=1 n=3");
}

static struct task_row
row(const char *name, double strict, int n, int c)
{
	struct task_row t;
	char why[128];
	struct task_info ti;

	memset(&t, 0, sizeof(t));
	task_parse_generation(name, &ti, why, sizeof(why));
	snprintf(t.name, sizeof(t.name), "%s", name);
	snprintf(t.framework, sizeof(t.framework), "%s", ti.framework);
	snprintf(t.runtime, sizeof(t.runtime), "%s", ti.runtime);
	t.constraints = ti.constraints;
	t.level = ti.level;
	t.s.strict = strict;
	t.s.raw = strict;
	t.s.n_executed = n;
	t.s.n_succeeded = c;
	t.s.pass1 = metrics_pass_at_k(n, c, 1);
	t.s.pass3 = metrics_pass_at_k(n, c, 3);
	t.s.pow3 = metrics_pass_power(n, c, 3);
	return t;
}

static void
test_aggregate(void)
{
	struct task_row rows[] = {
		row("flask-openapi-unconstrained", 1.0, 3, 3),
		row("flask-openapi-sqlite", 0.5, 3, 1),
		row("flask-openapi-clean_architecture-sqlite", 0.25, 3, 0),
		row("koa-openapi-unconstrained", 0.8, 3, 2),
		row("koa-openapi-sqlite-sequelize", 0.2, 2, 0),
	};
	struct agg_row *out;
	size_t n;

	n = metrics_aggregate(rows, 5, AGG_FRAMEWORK, &out);
	tap_is_int(n, 2, "two frameworks");
	tap_is_str(out[0].group, "flask", "frameworks sorted by name (flask)");
	tap_is_double(out[0].strict, 1.75 / 3, 1e-12, "flask strict = unweighted task mean");
	tap_is_double(out[0].pass1, (1.0 + 1.0 / 3 + 0) / 3, 1e-12, "flask pass@1");
	tap_is_int(out[0].n_executed, 9, "flask n_executed is a sum");
	tap_is_int(out[0].n_succeeded, 4, "flask n_succeeded is a sum");
	tap_is_str(out[1].group, "koa", "then koa");
	tap_is_double(out[1].pass1, (2.0 / 3 + 0) / 2, 1e-12, "koa pass@1 (n=2 task counts once)");
	free(out);

	n = metrics_aggregate(rows, 5, AGG_LEVEL, &out);
	tap_is_int(n, 3, "three levels present");
	tap_is_int(out[0].level, 0, "level 0 first");
	tap_is_double(out[0].strict, 0.9, 1e-12, "L0 mean of 1.0 and 0.8");
	tap_is_double(out[1].strict, 0.5, 1e-12, "L1 one task");
	tap_is_double(out[2].strict, 0.225, 1e-12, "L2 mean of 0.25 and 0.2");
	tap_is_double(out[0].strict_sd, 0.1414213562, 1e-9, "L0 sd across tasks");
	free(out);

	n = metrics_aggregate(rows, 5, AGG_CONSTRAINT, &out);
	tap_is_int(n, 3, "constraint types present: clean_architecture, sequelize, sqlite");
	tap_is_str(out[0].group, "clean_architecture", "sorted by name");
	tap_is_str(out[1].group, "sequelize", "sequelize second");
	tap_is_str(out[2].group, "sqlite", "sqlite third");
	tap_is_int(out[2].n_tasks, 3, "a task counts under each of its types");
	tap_is_double(out[2].strict, (0.5 + 0.25 + 0.2) / 3, 1e-12, "sqlite mean");
	free(out);

	n = metrics_aggregate(rows, 5, AGG_FRAMEWORK_CONSTRAINT, &out);
	tap_is_int(n, 4, "framework:constraint groups");
	tap_is_str(out[0].group, "flask:clean_architecture", "fw:ct names");
	free(out);

	n = metrics_aggregate(rows, 5, AGG_RUNTIME_LEVEL, &out);
	tap_is_str(out[0].group, "node", "runtimes sorted: node before uv");
	tap_is_int(out[0].level, 0, "node L0 first");
	free(out);

	n = metrics_aggregate_means(rows, 5, AGG_LEVEL, &out);
	tap_ok(n == 3 && fabs(out[0].strict - 0.9) < 1e-12 && fabs(out[2].strict - 0.225) < 1e-12 &&
		       fabs(out[0].pass1 - (1.0 + 2.0 / 3) / 2) < 1e-12 &&
		       fabs(out[0].raw - 0.9) < 1e-12,
	       "means only: the same means");
	tap_ok(isnan(out[0].strict_sd) && isnan(out[0].pass3), "and NAN for the rest");
	free(out);

	/* ranks by name; ids index them */
	int *rank;
	for (int i = 0; i < 5; i++)
		rows[i].task_id = 10 - i;
	tap_is_int(metrics_distinct_tasks(rows, 5, &rank), 5, "five distinct tasks");
	tap_ok(rank[10] == 2 && rank[9] == 1 && rank[8] == 0 && rank[7] == 4 && rank[6] == 3,
	       "each task's place in name order, by id");
	free(rank);
	rows[3].task_id = 10; /* the same task in another run */
	tap_is_int(metrics_distinct_tasks(rows, 5, NULL), 4, "a task of two runs counts once");

	/* the 16-task pipeline: 4 frameworks x unconstrained -> + ORM */
	tap_ok(metrics_is_pipeline_task("aiohttp", 0) && metrics_is_pipeline_task("fastify", TC_ARCH) &&
		       metrics_is_pipeline_task("fastapi", TC_ARCH | TC_POSTGRES) &&
		       metrics_is_pipeline_task("aiohttp", TC_ARCH | TC_POSTGRES | TC_SQLALCHEMY) &&
		       metrics_is_pipeline_task("express", TC_ARCH | TC_POSTGRES | TC_SEQUELIZE),
	       "pipeline tasks");
	tap_ok(!metrics_is_pipeline_task("flask", 0) && !metrics_is_pipeline_task("fastapi", TC_SQLITE) &&
		       !metrics_is_pipeline_task("express", TC_ARCH | TC_POSTGRES | TC_SQLALCHEMY) &&
		       !metrics_is_pipeline_task("aiohttp", TC_POSTGRES),
	       "and not: another framework, sqlite, the other runtime's ORM, a skipped step");

	tap_is_int(metrics_agg_parse("framework,level"), AGG_FRAMEWORK_LEVEL, "--by framework,level");
	tap_is_int(metrics_agg_parse("nonsense"), -1, "unknown --by");
}

static struct attempt_fact
fact(int64_t run, int64_t task, const char *fw, int level, double strict, bool ok,
     enum termination term)
{
	struct attempt_fact f;

	memset(&f, 0, sizeof(f));
	f.run_id = run;
	f.task_id = task;
	snprintf(f.framework, sizeof(f.framework), "%s", fw);
	snprintf(f.name, sizeof(f.name), "%s-openapi-%d", fw, (int)task);
	f.level = level;
	f.raw = f.strict = strict;
	f.tests_passed = f.succeeded = ok;
	f.term = term;
	return f;
}

/* Task rows from attempts, with and without the limit hits (spec 1.6),
 * the step decay of raw A% and the run-level mean and SEM (compute_sem.py). */
static void
test_facts(void)
{
	struct attempt_fact f[] = {
		fact(1, 10, "flask", 0, 1.0, true, TERM_SUBMITTED),
		fact(1, 10, "flask", 0, 0.5, false, TERM_LIMITS),
		fact(1, 11, "flask", 3, 0.2, false, TERM_LIMITS),
		fact(1, 12, "koa", 1, 0.6, false, TERM_SUBMITTED),
		fact(2, 10, "flask", 0, 0.8, false, TERM_NO_TRAJECTORY),
	};
	struct task_row *rows;
	struct decay_step d[METRICS_DECAY_STEPS];
	size_t excluded, n = metrics_task_rows_from_facts(f, 5, false, &rows, &excluded);
	double mean, sem;
	size_t k;

	tap_is_int((long)n, 4, "one row per (run, task)");
	tap_is_int((long)excluded, 0, "nothing left out");
	tap_is_double(rows[0].s.raw, 0.75, 1e-12, "a task's mean over its attempts");
	tap_is_double(rows[0].s.pass1, 0.5, 1e-12, "and its pass@1");
	k = metrics_decay(rows, 3, d);
	tap_is_int((long)k, 2, "run 1 has L0, L1 and L3: L0->L1 and L0->L3 only");
	tap_ok(d[0].from == 0 && d[0].to == 1 && fabs(d[0].delta - (0.6 - 0.75)) < 1e-12,
	       "L0->L1 = raw(L1) - raw(L0)");
	tap_ok(d[1].from == 0 && d[1].to == 3 && fabs(d[1].delta - (0.2 - 0.75)) < 1e-12, "L0->L3");
	free(rows);
	n = metrics_task_rows_from_facts(f, 5, true, &rows, &excluded);
	tap_is_int((long)excluded, 2, "--exclude-limits leaves out the two limit hits");
	tap_is_int((long)n, 3, "and the task left with none");
	tap_is_double(rows[0].s.raw, 1.0, 0, "the task keeps its other attempt");
	free(rows);
	metrics_run_level(f, 4, "flask", false, &mean, &sem, &k);
	tap_is_int((long)k, 3, "run-level: every attempt at the framework's tasks");
	tap_is_double(mean, (1.0 + 0.5 + 0.2) / 3, 1e-12, "their mean strict A%");
	tap_is_double(sem, sqrt(((1.0 - mean) * (1.0 - mean) + (0.5 - mean) * (0.5 - mean) +
				 (0.2 - mean) * (0.2 - mean)) / 2) / sqrt(3), 1e-12,
		      "SEM = sample std / sqrt(n)");
	metrics_run_level(f, 4, "koa", false, &mean, &sem, &k);
	tap_ok(k == 1 && sem == 0, "one attempt: SEM 0");
}

static void
test_correlation(void)
{
	static const double x[] = {1, 2, 3, 4}, y[] = {2, 4, 5, 9}, c[] = {5, 5, 5, 5};
	static const double tx[] = {1, 2, 2, 3}, ty[] = {1, 2, 3, 4};

	tap_is_double(metrics_pearson(x, y, 4), 0.9647638212, 1e-9, "Pearson's r");
	tap_is_double(metrics_spearman(x, y, 4), 1.0, 1e-12, "Spearman: monotone is 1");
	tap_ok(isnan(metrics_pearson(x, c, 4)), "r of a constant is NaN");
	/* ranks 1, 2.5, 2.5, 4 against 1..4 */
	tap_is_double(metrics_spearman(tx, ty, 4), 0.9486832981, 1e-9, "ties share their mean rank");
}

int
main(void)
{
	test_facts();
	test_correlation();
	test_pass_at_k();
	test_mean_std();
	test_attempt_finish();
	test_task_stats();
	test_aggregate();
	return tap_done();
}
