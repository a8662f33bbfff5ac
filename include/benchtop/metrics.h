/* metrics.h: the benchmark's metrics as pure functions (upstream-format.md
 * section 4): pass@k, pass^k, means and sample standard deviations, task
 * statistics and the unweighted-mean-over-tasks aggregates.
 *
 * Nothing here does I/O; only metrics_aggregate*() and
 * metrics_distinct_tasks() allocate, an output array the caller frees with
 * free().
 */
#ifndef BENCHTOP_METRICS_H
#define BENCHTOP_METRICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/task.h"

/* pass@k, the unbiased estimator of Chen et al.: 1 - C(n-c,k)/C(n,k);
 * when n < k it is 1 if c > 0 else 0. */
double metrics_pass_at_k(int n, int c, int k);
/* pass^k as upstream computes it: the plug-in power (c/n)^k, 0 when n = 0. */
double metrics_pass_power(int n, int c, int k);
/* The mean with the values summed exactly and rounded once (as Python's
 * statistics.mean, which upstream uses); 0 when n = 0. */
double metrics_mean(const double *v, size_t n);
/* Mean and sample (n-1) standard deviation; std is 0 when n < 2, both 0 when n = 0. */
void metrics_mean_std(const double *v, size_t n, double *mean, double *std);
/* Standard error of the mean: std / sqrt(n), 0 when n < 2. */
double metrics_sem(double std, size_t n);

/* The per-attempt values a task statistic needs. */
struct attempt_outcome {
	double raw, strict;
	bool tests_passed, succeeded;
};

struct task_stats {
	int n_executed;     /* attempts (run folders) */
	int n_succeeded;    /* tests passed and every applicable verifier passed */
	int n_tests_passed; /* tests passed, verifiers ignored */
	double raw, raw_std;       /* mean raw A% over attempts, sample std */
	double strict, strict_std; /* mean strict A% over attempts, sample std */
	double pass1, pass3, pow3; /* from n_succeeded */
	double pass1_tests;        /* pass@1 from n_tests_passed (Table 1-raw, feature tasks) */
};

void metrics_task_stats(const struct attempt_outcome *a, size_t n, struct task_stats *out);

/* One task of one run with its statistics, as the store hands it over. */
struct task_row {
	int64_t run_id, task_id;
	enum task_kind kind;
	char name[128];
	char framework[16], runtime[16];
	unsigned constraints;
	int level;
	struct task_stats s;
	/* for the task list: the attempts' outcomes in attempt order (P
	 * succeeded, F tests failed, V a verifier failed, N no server) and the
	 * judge's most frequent category, kept by the store at import time */
	char strip[16];
	char category[32];
	unsigned has;       /* enum task_has: the kinds of bad attempt it has */
};

/* What went wrong in at least one attempt of a task (task_row.has). */
enum task_has {
	TASK_HAS_NO_SERVER = 1 << 0,         /* a report, but no request got a response */
	TASK_HAS_VERIFIER_FAILED = 1 << 1,   /* an applicable verifier failed */
	TASK_HAS_ASSERTIONS_FAILED = 1 << 2, /* a report with a failed assertion */
	TASK_HAS_NO_REPORT = 1 << 3,         /* no Newman report at all */
};

/* The rows of one run in rows[] sorted by run id (as the store returns
 * them): *first gets the index of its first row; returns how many. */
size_t metrics_rows_of_run(const struct task_row *rows, size_t n, int64_t run_id, size_t *first);

enum agg_by {
	AGG_FRAMEWORK,
	AGG_FRAMEWORK_LEVEL,
	AGG_RUNTIME,
	AGG_RUNTIME_LEVEL,
	AGG_GLOBAL,
	AGG_LEVEL,                /* "global, all, level" */
	AGG_CONSTRAINT,           /* constraint_type; a task counts under each of its types */
	AGG_FRAMEWORK_CONSTRAINT, /* "fw:ct" */
	AGG_COUNT
};

/* One aggregate row: unweighted means over tasks, sums of counts. */
struct agg_row {
	enum agg_by by;
	char group[48]; /* framework, runtime, "all", constraint or "fw:ct" */
	int level;      /* -1 when the row is not split by level */
	int n_tasks;
	double pass1, pass3, pow3, raw, strict, pass1_tests;
	/* standard deviation across the tasks of the group, for error bars */
	double raw_sd, strict_sd, pass1_sd;
	long n_succeeded, n_executed;
};

/* Aggregate rows by one granularity, in upstream's order (groups sorted by
 * name, then level).  Returns the number of rows; *out is malloc'd. */
size_t metrics_aggregate(const struct task_row *rows, size_t n, enum agg_by by,
			 struct agg_row **out);
/* Only the means of raw, strict and pass1 (the other fields NAN): exact
 * means take most of the time, and a view of many runs shows only these. */
size_t metrics_aggregate_means(const struct task_row *rows, size_t n, enum agg_by by,
			       struct agg_row **out);
/* How many distinct tasks rows hold.  With name_rank, *name_rank gets a
 * malloc'd array indexed by task id: each task's place in name order, the
 * same for tasks of the same name (for sorting many rows by name without
 * comparing strings). */
size_t metrics_distinct_tasks(const struct task_row *rows, size_t n, int **name_rank);
/* Table 2a (spec 4.5): the marginal effect of one constraint, by matched
 * pairs.  For every task of a run whose constraint set holds `bit`, the
 * sibling is the same framework's task without it; when the same run has
 * the sibling, the pair gives delta = strict(task) - strict(sibling).  All
 * rows are pooled (every run).  mean/std/sem are fractions; std and sem are
 * 0 with fewer than two pairs. */
struct pair_stats {
	int n;
	double mean, std, sem;
};
void metrics_marginal_effect(const struct task_row *rows, size_t n, unsigned bit,
			     struct pair_stats *out);

/* A run is "full" (spec 4.8) when it covers at least 90% of the union of
 * task names seen in all runs and all 16 pipeline tasks of the subset. */
bool metrics_is_pipeline_task(const char *framework, unsigned constraints);
bool metrics_run_is_full(size_t run_tasks, size_t union_tasks, size_t pipeline_tasks);

/* Names as upstream's global_stats.csv writes them ("framework", ...). */
const char *metrics_agg_name(enum agg_by by);
/* Parse a --by value ("level", "framework,level", "constraint" ...); -1 if unknown. */
int metrics_agg_parse(const char *s);

#endif
