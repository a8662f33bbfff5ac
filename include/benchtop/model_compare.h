/* model_compare.h: two runs compared over their common generation tasks (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_COMPARE_H
#define BENCHTOP_MODEL_COMPARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/store.h"
#include "benchtop/metrics.h"
#include "benchtop/plot.h"

/* Two runs side by side: run A (the baseline) and run B.  Only generation
 * tasks that both runs have enter a difference; every difference is B - A.
 * The rule that marks a task changed is CMP_RULE (the help screen, --help
 * and benchtop(1) print it). */
#define CMP_ALPHA 0.05    /* two-sided significance level of a task's test */
#define CMP_SD_FLOOR 0.05 /* the least standard deviation assumed per run (5 pp) */
#define CMP_RULE                                                                              \
	"A task is marked improved or regressed only when Welch's t-test on its attempts' "  \
	"strict A% (B against A, two-sided, Welch-Satterthwaite degrees of freedom) gives "  \
	"p < 0.05. Each run's standard deviation counts as at least 5 pp, since three "       \
	"attempts that agree do not prove there is no noise: with 3 attempts a side a task "  \
	"has to move by more than 11 pp to change. A task with fewer than 2 attempts in "     \
	"either run stays unchanged."

enum cmp_mark { CMP_REGRESSED, CMP_IMPROVED, CMP_UNCHANGED, CMP_ONLY_A, CMP_ONLY_B, CMP_MARKS };
/* The metrics compared, in the order of enum plot_metric. */
enum cmp_metric { CMP_STRICT, CMP_RAW, CMP_PASS1, CMP_METRICS };

struct cmp_test {
	bool testable;   /* both runs have at least 2 attempts */
	double t, df, p; /* Welch's t of B - A, its degrees of freedom, the two-sided p-value */
};

/* One task of either run. */
struct cmp_task {
	struct task_row a, b;  /* the task in A and in B (zeroed where absent) */
	bool in_a, in_b;
	double d[CMP_METRICS]; /* B - A as fractions, when in both */
	struct cmp_test test;  /* on strict A%, when in both */
	enum cmp_mark mark;
};

/* One run alone over a group of its tasks: unweighted means, fractions. */
struct cmp_mean {
	int n;                  /* tasks in the group; 0: none */
	double v[CMP_METRICS];
};

/* A group of the common tasks: a framework x level cell, a level, or all. */
struct cmp_cell {
	int n;                            /* common tasks in the group */
	double a[CMP_METRICS], b[CMP_METRICS]; /* unweighted means over them, fractions */
	double d[CMP_METRICS];            /* mean of the per-task differences B - A */
	double ci[CMP_METRICS];           /* half width of its paired 95% confidence
					   * interval (Student's t); 0 when n < 2 */
};

#define CMP_ALL_FW TASK_N_FRAMEWORKS /* cell row of every framework */
#define CMP_ALL_LV 4                 /* cell column of every level */

enum cmp_sort { CMP_SORT_CHANGE, CMP_SORT_DELTA, CMP_SORT_P, CMP_SORT_NAME, CMP_SORT_COUNT };

struct compare_model {
	int64_t run_a, run_b;
	char name_a[128], name_b[128];
	struct cmp_task *tasks;   /* every generation task of either run, by name */
	size_t n_tasks;
	size_t n_both, n_only_a, n_only_b;
	size_t n_mark[CMP_MARKS];
	/* [framework index or CMP_ALL_FW][level or CMP_ALL_LV], common tasks only */
	struct cmp_cell cell[TASK_N_FRAMEWORKS + 1][CMP_ALL_LV + 1];
	/* each run over all of its generation tasks (its Table 1 row as it stands
	 * alone): [level or CMP_ALL_LV] */
	struct cmp_mean own_a[CMP_ALL_LV + 1], own_b[CMP_ALL_LV + 1];
	/* the task list: indexes into tasks, filtered and sorted */
	size_t *shown, n_shown;
	int filter_mark;          /* -1 any, else an enum cmp_mark */
	char filter_fw[16];       /* "" any */
	int filter_level;         /* -1 any */
	enum cmp_sort sort;
	bool reverse;
};

/* Load both runs' generation tasks from the store and build the model (the
 * two ids may be equal: a run compared with itself). */
int compare_model_load(struct compare_model *m, struct store *st, int64_t run_a, int64_t run_b,
		       struct bt_error *err);
/* Build from task rows (each run's own; copied): coverage, cells, tests and
 * marks; the task list unfiltered, sorted by change. */
void compare_model_build(struct compare_model *m, const struct task_row *a, size_t na,
			 const struct task_row *b, size_t nb);
/* Re-apply the filter and sort fields to the task list. */
void compare_model_apply(struct compare_model *m);
void compare_model_free(struct compare_model *m);

/* Welch's t-test of B against A from means, sample standard deviations
 * (floored at CMP_SD_FLOOR) and attempt counts. */
struct cmp_test compare_welch(double mean_a, double sd_a, int n_a, double mean_b, double sd_b,
			      int n_b);
/* Student's t: the two-sided p-value of t with df degrees of freedom, and
 * the t whose two-sided p-value is p. */
double compare_t_pvalue(double t, double df);
double compare_t_quantile(double p, double df);
/* The mark of a common task from its test and difference. */
enum cmp_mark compare_mark(const struct cmp_test *t, double d_strict);
/* The colour bucket of a difference (fraction): 0 <= -10 pp, 1 < -2 pp,
 * 2 within +/-2 pp, 3 < +10 pp, 4 >= +10 pp. */
int compare_bucket(double d);
const char *compare_mark_name(enum cmp_mark m);
const char *compare_sort_name(enum cmp_sort s);
/* The CI gate's verdict. */
enum cmp_verdict {
	CMP_PASS,       /* B does not regress */
	CMP_REGRESSES,  /* B regresses */
	CMP_NO_COMMON,  /* no task in both runs: no verdict is possible */
};
/* Does B regress?  With a threshold (percentage points): when strict A%
 * over the common tasks drops by more than it; without: when any task is
 * marked regressed.  why gets a one-line reason either way. */
enum cmp_verdict compare_regresses(const struct compare_model *m, bool have_threshold,
				   double threshold_pp, char *why, size_t whylen);

#endif /* BENCHTOP_MODEL_COMPARE_H */
