/* model.h: what the TUI's views show, computed without curses.
 *
 * Each model loads from the store's named queries, computes with the
 * metrics engine, and is unit-tested on its own.  The views only draw
 * models and turn keys into model operations.  Every model owns its
 * memory; the matching *_free() releases it.
 */
#ifndef BENCHTOP_MODEL_H
#define BENCHTOP_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "benchtop/attempt.h"
#include "benchtop/metrics.h"
#include "benchtop/store.h"

/* ------------------------------------------------------------ runs */

struct run_row {
	int64_t id;
	char name[128], agent[64], model[64], label[128];
	long attempts, tasks, feature_attempts;
	bool full;                /* covers the task set (spec 4.8's rule) */
	bool have[4];
	double a[4], p1[4];       /* strict A% and pass@1 per level, fractions */
	double a_all, raw_all, p1_all;
	bool have_delta;
	double delta;             /* A%(L3) - A%(L0) */
};

enum runs_sort { RUNS_SORT_NAME, RUNS_SORT_A, RUNS_SORT_DELTA, RUNS_SORT_P1, RUNS_SORT_TASKS,
		 RUNS_SORT_COUNT };

struct runs_model {
	struct run_row *rows;
	size_t n;
	long union_tasks;         /* distinct generation task names over every run */
	enum runs_sort sort;
	bool reverse;
};

int runs_model_load(struct runs_model *m, struct store *st, struct bt_error *err);
void runs_model_sort(struct runs_model *m, enum runs_sort sort, bool reverse);
const char *runs_sort_name(enum runs_sort s);
void runs_model_free(struct runs_model *m);

/* ------------------------------------------------------------ tasks */

/* The selection a task list shows. */
struct task_filter {
	int64_t run_id;
	char framework[16];  /* "" = any */
	int level;           /* -1 = any */
	unsigned constraint; /* a TC_* bit, 0 = any */
	char outcome;        /* 0 any; 'P','F','V','N': a task with an attempt of that outcome */
	char category[32];   /* a judge category, "" any */
	char text[64];       /* a substring of the task name, "" any */
};

struct task_item {
	struct task_row row;      /* the task and its statistics */
	char strip[16];           /* attempt outcomes in attempt order: P F V N */
	size_t n_attempts;
	char category[32];        /* the most frequent judge category of its attempts */
};

enum tasks_sort { TASKS_SORT_NAME, TASKS_SORT_FRAMEWORK, TASKS_SORT_LEVEL, TASKS_SORT_A,
		  TASKS_SORT_RAW, TASKS_SORT_P1, TASKS_SORT_CATEGORY, TASKS_SORT_COUNT };

struct tasks_model {
	struct task_item *all;    /* every task of the run */
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
const char *tasks_outcome_name(char outcome);
void tasks_model_free(struct tasks_model *m);

/* ------------------------------------------------------------ attempt */

/* The attempt view's document: lines with a role, some of which open
 * something (an artifact) when selected. */
enum doc_role {
	DOC_TEXT, DOC_HEADING, DOC_GOOD, DOC_BAD, DOC_WARN, DOC_DIM, DOC_REQUEST_FAIL,
	DOC_CASCADE, DOC_ARTIFACT,
};
struct doc_line {
	enum doc_role role;
	char *text;      /* untrusted parts are sanitized at draw time */
	int indent;
	int artifact;    /* DOC_ARTIFACT: the enum artifact_kind, else -1 */
};
struct attempt_doc {
	struct doc_line *v;
	size_t n, cap;
};

/* Build the document of a loaded attempt (store_load_attempt). */
void attempt_doc_build(const struct attempt *a, struct attempt_doc *d);
void attempt_doc_free(struct attempt_doc *d);
/* Is request r a cascade (a "{{slug}}" request after a failed Create
 * Article, or its URL holds "/null")? */
bool attempt_request_is_cascade(const struct attempt *a, size_t r);

/* ------------------------------------------------------------ text */

/* A read-only text artifact paged from the store: a line index built once
 * (so a 50 MB log opens fast), lines read on demand.  Lines longer than
 * TEXT_LINE_CAP bytes are shown cut (a 10 MB single line stays usable). */
#define TEXT_LINE_CAP (1u << 20)

struct text_model {
	struct store_blob *blob; /* owned */
	size_t size;
	size_t *starts;          /* byte offset of each line */
	size_t n_lines, cap;
	bool crlf;               /* lines end in \r\n: the \r is not shown */
};

/* Take ownership of blob and index its lines. */
int text_model_open(struct text_model *m, struct store_blob *blob, struct bt_error *err);
/* Line i without its line end (at most TEXT_LINE_CAP bytes) into out;
 * *cut is set when the line was longer. */
int text_model_line(struct text_model *m, size_t i, struct buf *out, bool *cut,
		    struct bt_error *err);
/* The first line after `from` (dir > 0; from may be -1) or before it
 * (dir < 0) that contains needle, wrapping around; -1 when none. */
long text_model_find(struct text_model *m, long from, const char *needle, int dir);
void text_model_close(struct text_model *m);

#endif
