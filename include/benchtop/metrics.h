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

#include "benchtop/attempt.h"
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
	TASK_HAS_NOTE = 1 << 4,              /* a note on the task or an attempt: never
					      * in task_row.has, the task list adds it
					      * from the notes (model_memory.h) */
};

/* The rows of one run in rows[] sorted by run id (as the store returns
 * them): *first gets the index of its first row; returns how many. */
size_t metrics_rows_of_run(const struct task_row *rows, size_t n, int64_t run_id, size_t *first);

/* One attempt with its task, as the upstream exports and the termination,
 * token and cost tables need it (store_attempt_facts() returns them). */
struct attempt_fact {
	int64_t run_id, task_id;
	enum task_kind kind;
	char name[128];
	char framework[16], runtime[16]; /* runtime: uv/node, or a feature task's folder */
	char difficulty[16];             /* feature tasks */
	unsigned constraints;
	int level;
	int number; /* N of run_N */
	long total, passed, failed;
	double raw, strict;
	bool tests_passed, succeeded;
	bool arch_ok, db_ok, orm_ok; /* true when the verifier does not apply */
	enum termination term;
	long tokens_in, tokens_out, calls; /* -1 when unknown */
	bool tokens_approx;                /* estimated from a Mini-SWE trajectory */
	double cost;                       /* USD the trajectory recorded, < 0 when unknown */
};

/* The task rows of facts sorted by run, then task (as the store returns
 * them), computed as the store computes its cached ones.  With
 * exclude_limits the attempts that ended in LimitsExceeded are left out
 * (spec 1.6, evaluation_tables_filtered.py) and a task left with none
 * disappears; *excluded (may be NULL) gets how many were left out.
 * Returns the number of rows; *out is malloc'd. */
size_t metrics_task_rows_from_facts(const struct attempt_fact *f, size_t n, bool exclude_limits,
				    struct task_row **out, size_t *excluded);

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
/* The step-by-step decay of spec 4.3 (decay_stats.csv, the summary table 2
 * of evaluation.py): A%(to) - A%(from) for L0->L1, L1->L2, L2->L3 and
 * L0->L3, over the per-level means of a run's tasks of the RAW A% [quirk:
 * Table 1 uses strict].  Only steps whose two levels exist; returns how many. */
struct decay_step {
	int from, to;
	double from_raw, to_raw, delta; /* fractions */
};
#define METRICS_DECAY_STEPS 4
size_t metrics_decay(const struct task_row *rows, size_t n,
		     struct decay_step out[METRICS_DECAY_STEPS]);
extern const int metrics_decay_levels[METRICS_DECAY_STEPS][2];
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

/* Run-level strict A% of the attempts at one framework's tasks (all
 * levels), as compute_sem.py and the RQ2 figure compute it: mean and SEM
 * (sample std / sqrt(n), 0 when n < 2) as fractions, *n the attempts;
 * exclude_limits leaves out the attempts that ended in LimitsExceeded. */
void metrics_run_level(const struct attempt_fact *f, size_t nf, const char *framework,
		       bool exclude_limits, double *mean, double *sem, size_t *n);

/* Pearson's r of (x[i], y[i]) (NAN when either does not vary), and
 * Spearman's rho: Pearson's r of the ranks, ties sharing their mean rank
 * (evaluation_subset_representativeness.py). */
double metrics_pearson(const double *x, const double *y, size_t n);
double metrics_spearman(const double *x, const double *y, size_t n);

/* A run is "full" (spec 4.8) when it covers at least 90% of the union of
 * task names seen in all runs and all 16 pipeline tasks of the subset. */
bool metrics_is_pipeline_task(const char *framework, unsigned constraints);
bool metrics_run_is_full(size_t run_tasks, size_t union_tasks, size_t pipeline_tasks);

/* Names as upstream's global_stats.csv writes them ("framework", ...). */
const char *metrics_agg_name(enum agg_by by);
/* Parse a --by value ("level", "framework,level", "constraint" ...); -1 if unknown. */
int metrics_agg_parse(const char *s);

#endif
