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
#include "benchtop/store.h"
#include "benchtop/metrics.h"

/* The selection a task list shows. */
struct task_filter {
	int64_t run_id;
	char framework[16];  /* "" = any */
	int level;           /* -1 = any */
	unsigned constraint; /* a TC_* bit, 0 = any */
	char outcome;        /* 0 any; 'P','F','V','N': a task with an attempt of that outcome */
	char category[32];   /* a judge category, "" any */
	char text[64];       /* a substring of the task name, "" any */
	enum task_kind kind; /* generation (the default) or feature tasks */
};

struct task_item {
	const struct task_row *row; /* the task and its statistics, attempt strip
				     * (P F V N in attempt order) and most frequent
				     * judge category; in the model's rows */
	int name_rank;              /* the task's place in name order */
};

enum tasks_sort { TASKS_SORT_NAME, TASKS_SORT_FRAMEWORK, TASKS_SORT_LEVEL, TASKS_SORT_A,
		  TASKS_SORT_RAW, TASKS_SORT_P1, TASKS_SORT_CATEGORY, TASKS_SORT_COUNT };

struct tasks_model {
	struct task_row *rows;    /* one run's tasks, as the store gave them, */
	struct task_rows *snap;   /* or every run's, shared with the store */
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
/* Parse "framework=flask level=2 outcome=failed constraint=sqlite category=logic_error
 * name=text" (or bare words: frameworks, L2, outcomes) into f; false with why. */
bool tasks_filter_parse(const char *text, struct task_filter *f, char *why, size_t whylen);
/* The filter as text ("framework=flask level=2"), "" when none. */
void tasks_filter_describe(const struct task_filter *f, struct buf *out);
const char *tasks_sort_name(enum tasks_sort s);
/* As runs_sort_parse ("raw" for raw A%, "pass1" for pass@1). */
int tasks_sort_parse(const char *name);
const char *tasks_outcome_name(char outcome);
void tasks_model_free(struct tasks_model *m);

#endif /* BENCHTOP_MODEL_TASKS_H */
