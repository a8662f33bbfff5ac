/* model_failures.h: the failure board: what fails across a run, two runs or
 * the whole store, ranked (curses-free).
 *
 * It counts from what the store keeps per attempt at import (its failed
 * requests and assertions and its first failure; store_failure_attempts),
 * over the tasks a task filter selects, so a board over 200,000 attempts
 * reads no request.  The model owns its memory; failures_model_free()
 * releases it.
 */
#ifndef BENCHTOP_MODEL_FAILURES_H
#define BENCHTOP_MODEL_FAILURES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "benchtop/listtable.h"
#include "benchtop/model_tasks.h"
#include "benchtop/store.h"

enum failure_by {
	FAIL_BY_REQUEST,     /* attempts with a failed assertion in the request */
	FAIL_BY_ASSERTION,   /* attempts where the named assertion failed */
	FAIL_BY_CATEGORY,    /* the judge's category of the failed attempts */
	FAIL_BY_SUBCATEGORY, /* its logic-error subcategory */
	FAIL_BY_FIRST,       /* the first failed request that is not a cascade */
	FAIL_BY_COUNT
};
/* "request", "assertion", "category", "subcategory", "first-failure". */
const char *failures_by_name(enum failure_by by);
/* The CSV key of a board's first column ("first_failure"). */
const char *failures_by_key(enum failure_by by);
/* A --by value; -1 when unknown. */
int failures_by_parse(const char *s);
/* The label of failed attempts the judge did not label. */
#define FAILURES_NO_JUDGEMENT "(no judgement)"
/* The first failure of an attempt whose server answered no request. */
#define FAILURES_NO_RESPONSE "(no response)"

/* One row of the board: a request, an assertion, a category ... */
struct failure_row {
	char key[192];         /* as shown: "All Articles (2)", "logic_error" */
	int64_t id;            /* the request key or assertion id; 0 for a label */
	char name[160];        /* a request's or an assertion's own name */
	int occurrence;        /* a request's occurrence (1 for the first) */
	int order;             /* collection order, for ties */
	long n[2];             /* attempts that failed it: run A (or the only run), run B */
	long tasks[2];         /* tasks those attempts are of */
	long fw[TASK_N_FRAMEWORKS], lv[4]; /* run A's attempts per framework, level */
	double share[2];       /* n over the side's denominator, fraction */
	double change;         /* share B - share A */
};

enum failures_sort { FAIL_SORT_ATTEMPTS, FAIL_SORT_CHANGE, FAIL_SORT_TASKS, FAIL_SORT_KEY,
		     FAIL_SORT_COUNT };

/* An attempt behind a row: side 0 (A) or 1 (B), and its index in set[side]. */
struct failure_ref {
	int side;
	size_t i;
};

#define FAILURES_MAX_COLUMNS 20

struct failures_model {
	int sides;                   /* 1, or 2: run A against run B */
	int64_t run[2];              /* run ids; 0: every run (one side) */
	char run_name[2][128];
	enum failure_by by;
	struct task_filter filter;   /* which tasks count (run_id and kind aside) */
	struct failure_set set[2];   /* every attempt of the side's run(s) */
	bool *selected[2];           /* per attempt: its task is in the filter */
	struct name_id *names;       /* request keys or assertion names */
	size_t n_names;
	long attempts[2];            /* attempts of the selected tasks */
	long denom[2];               /* those with a report (category: those that failed) */
	long fw_denom[TASK_N_FRAMEWORKS], lv_denom[4]; /* run A's denominator split */
	struct failure_row *rows;
	size_t n_rows;
	enum failures_sort sort;
	bool reverse;
	/* the list: columns for the screen at a width, or for the CLI */
	struct ui_column cols[FAILURES_MAX_COLUMNS];
	int col_id[FAILURES_MAX_COLUMNS];
	size_t ncols;
	bool ascii;                  /* bars in ASCII */
	unsigned loaded;             /* enum failure_load: what set[] holds */
	/* names, frameworks and levels of tasks, by task id; the runs */
	char (*task_name)[128];
	char (*task_fw)[16];
	int *task_level;
	int64_t n_task_ids;
	struct run_summary *runs;
	size_t n_runs;
};

/* Load the board of run_a (0: every run), against run_b when run_b > 0,
 * counting the attempts of the tasks `f` selects (its run_id is ignored;
 * its kind is the tasks' kind). */
int failures_model_load(struct failures_model *m, struct store *st, int64_t run_a,
			int64_t run_b, const struct task_filter *f, enum failure_by by,
			struct bt_error *err);
/* Count again by another key (reads the store only for what it lacks). */
int failures_model_set_by(struct failures_model *m, struct store *st, enum failure_by by,
			  struct bt_error *err);
/* Apply m->sort and m->reverse. */
void failures_model_sort(struct failures_model *m);
const char *failures_sort_name(enum failures_sort s);
/* The columns: for a screen `width` wide (bars below 140 columns, counts
 * per framework and level above), or for the CLI (width < 0: numbers only). */
void failures_model_columns(struct failures_model *m, int width);
void failures_model_cell(struct app *app, void *ctx, size_t row, size_t col, struct ui_cell *c);
void failures_model_table(struct failures_model *m, struct list_table *t);
/* The attempts behind row r: *out malloc'd, by side, run, task, number. */
size_t failures_model_behind(const struct failures_model *m, size_t r, struct failure_ref **out);
/* The attempt-view target of an attempt behind a row: its task, its index
 * among its task's attempts. */
void failures_model_target(const struct failures_model *m, struct failure_ref ref, int64_t *run_id,
			   int64_t *task_id, int *index);
/* Does the attempt fail the row's key (its request, assertion, ...)? */
bool failures_attempt_has(const struct failures_model *m, const struct failure_attempt *a,
			  const struct failure_row *row);
/* A task's name, a run's name (borrowed; "?" when unknown). */
const char *failures_task_name(const struct failures_model *m, int64_t task_id);
const char *failures_run_name(const struct failures_model *m, int64_t run_id);
void failures_model_free(struct failures_model *m);

#endif /* BENCHTOP_MODEL_FAILURES_H */
