/* model_tasks.h: the task list: filters, sorts, attempt strips (curses-free).
 *
 * A model loads from the store's named queries and computes with the
 * metrics engine; views only draw it.  Every model owns its memory and the
 * matching _free() or _close() releases it.
 */
#ifndef BENCHTOP_MODEL_TASKS_H
#define BENCHTOP_MODEL_TASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/util.h"
#include "benchtop/listtable.h"
#include "benchtop/model_memory.h"
#include "benchtop/store.h"
#include "benchtop/metrics.h"

/* A task's outcome over its attempts (an attempt succeeded when every
 * assertion and every required verifier passed). */
enum task_outcome {
	TASK_OUTCOME_ANY = 0,
	TASK_ALL_PASSED,     /* every attempt succeeded */
	TASK_FLAKY,          /* at least 2 attempts, some but not all succeeded */
	TASK_NEVER_PASSED,   /* none succeeded */
	TASK_NOT_ALL_PASSED, /* flaky or never passed */
};
/* The outcome a task row has (flaky before never-passed; a task with one
 * attempt is all-passed or never-passed). */
enum task_outcome tasks_outcome_of(const struct task_row *r);

/* The selection a task list shows. */
struct task_filter {
	int64_t run_id;
	char framework[16];  /* "" = any */
	int level;           /* -1 = any */
	unsigned constraint; /* a TC_* bit, 0 = any */
	enum task_outcome outcome; /* any, or a task outcome */
	unsigned has;        /* 0 any, else a TASK_HAS_* bit: a task with such an attempt */
	bool limits;         /* termination=limits: a task with an attempt that hit its limits */
	char category[32];   /* a judge category, "" any */
	char text[64];       /* a substring of the task name, "" any */
	char tag[33];        /* a tag of the task or of one of its attempts, "" any */
	enum task_kind kind; /* generation (the default) or feature tasks */
};

struct task_item {
	const struct task_row *row; /* the task and its statistics, attempt strip
				     * (P F V N in attempt order) and most frequent
				     * judge category; in the model's rows */
	int name_rank;              /* the task's place in name order */
	int limits;                 /* its attempts that ended in LimitsExceeded */
	const struct memory_entry *memo; /* its tags and notes (and its attempts'),
					  * in the model's memory; NULL none */
};

enum tasks_sort { TASKS_SORT_NAME, TASKS_SORT_FRAMEWORK, TASKS_SORT_LEVEL, TASKS_SORT_A,
		  TASKS_SORT_RAW, TASKS_SORT_P1, TASKS_SORT_CATEGORY, TASKS_SORT_COUNT };

/* The task list's columns (model-owned ui_column entries, hidden ones
 * included): the Run column only for every run's tasks. */
#define TASKS_MAX_COLUMNS 13
#define TASKS_RUN_COLUMN_W 16 /* the Run column of every run's tasks */

struct tasks_model {
	struct task_row *rows;    /* one run's tasks, as the store gave them, */
	struct task_rows *snap;   /* or every run's, shared with the store */
	struct run_summary *runs; /* every run's tasks: the runs, for their names */
	size_t n_runs;
	size_t *run_skip;         /* per run: the bytes of its name the explorer's
				   * Run column leaves out, so that names that would
				   * look the same cut in the middle stay apart */
	struct ui_column cols[TASKS_MAX_COLUMNS];
	int col_id[TASKS_MAX_COLUMNS];
	size_t ncols;
	struct memory_index memory; /* the store's tags and notes */
	struct task_item *all;    /* one per row */
	size_t n_all;
	size_t *shown;            /* indexes into all: the filtered, sorted list */
	size_t n_shown;
	struct task_filter filter;
	enum tasks_sort sort;
	bool reverse;
};

int tasks_model_load(struct tasks_model *m, struct store *st, const struct task_filter *f,
		     struct bt_error *err);
/* Re-apply m->filter, m->sort and m->reverse. */
void tasks_model_apply(struct tasks_model *m);
/* Parse "framework=Flask level=2 outcome=flaky has=no-server termination=limits
 * constraint=sqlite category=logic name=text tag=WORD has=note" (or bare
 * words: frameworks, L2, constraints, outcomes, has values) into f; false with why.  Values are the
 * ones the list shows, in any case; an unknown one is an error listing the
 * valid ones. */
bool tasks_filter_parse(const char *text, struct task_filter *f, char *why, size_t whylen);
/* Tab in the filter prompt: text with its last word completed (a key, or a
 * key's value) as far as the candidates agree, into out; when several
 * remain, them, space-separated, into choices (else it is empty). */
void tasks_filter_complete(const char *text, struct buf *out, struct buf *choices);
/* The filter as the list shows it ("framework=Flask level=2"), "" when none. */
void tasks_filter_describe(const struct task_filter *f, struct buf *out);
/* Each outcome= and has= value with the number of rows it would show, the
 * rest of the filter as it is, a line per key: "outcome: all-passed 31,
 * flaky 12, ...\nhas: no-server 3, ...". */
void tasks_filter_counts(const struct tasks_model *m, struct buf *out);
/* The next outcome of the cycle any, all-passed, flaky, never-passed,
 * not-all-passed. */
enum task_outcome tasks_outcome_next(enum task_outcome o);
/* A cell of the shown row `row` and column `col` of m->cols (ctx is the
 * model): the view draws these, `benchtop tasks` and exports write them. */
void tasks_model_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c);
/* The shown rows as a list table (borrowing m). */
void tasks_model_table(struct tasks_model *m, struct list_table *t);
/* The run of a row's name, "?" when unknown (every run's tasks only). */
const char *tasks_run_name(const struct tasks_model *m, int64_t run_id);
const char *tasks_sort_name(enum tasks_sort s);
/* As runs_sort_parse ("raw" for raw A%, "pass1" for pass@1). */
int tasks_sort_parse(const char *name);
const char *tasks_outcome_name(enum task_outcome outcome);
void tasks_model_free(struct tasks_model *m);

#endif /* BENCHTOP_MODEL_TASKS_H */
