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
#include "benchtop/diff.h"
#include "benchtop/metrics.h"
#include "benchtop/parse.h"
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
/* A sort key by its name ("A%", "delta" for ΔA%, "pass1" for pass@1, ...),
 * case-insensitive; -1 when there is none. */
int runs_sort_parse(const char *name);
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

/* ------------------------------------------------------------ compare */

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

/* ------------------------------------------------------------ compare: attempt pair */

/* One side of an attempt pair: every attempt of the task in one run, and
 * the one shown in detail with its patch.  Pointers are borrowed. */
struct pair_side {
	const char *run;
	const struct attempt *v;  /* store_load_attempt()ed, in attempt order */
	size_t n, sel;
	const char *patch;        /* the selected attempt's patch, NULL when none */
	size_t patch_len;
	bool patch_cut;           /* only the start of a longer patch */
};

/* A line of the pair document: two columns (left | right), or one line
 * across both when right is NULL.  Untrusted text is sanitized when drawn. */
struct pair_line {
	enum doc_role role, right_role;
	char *left, *right;       /* owned */
};
struct pair_doc {
	struct pair_line *v;
	size_t n, cap;
	long lost, gained;        /* assertion flips between the selected attempts */
};

/* Counts, verdicts and categories of every attempt, the selected pair's
 * details, the assertions that pass in one and not in the other grouped
 * by request position, then the two patches file by file. */
void pair_doc_build(const struct pair_side *a, const struct pair_side *b, struct pair_doc *d);
void pair_doc_free(struct pair_doc *d);
/* The attempts to show first: when B is worse (d < 0) A's best and B's
 * worst by strict A%, when better A's worst and B's best, else the first
 * of each. */
void pair_default_selection(const double *strict_a, size_t na, const double *strict_b,
			    size_t nb, double d, size_t *sel_a, size_t *sel_b);

/* ------------------------------------------------------------ diff viewer */

/* A patch paged from the store: the text model's line index and the diff
 * index (diff.h) are built in one pass over the blob, so a 1 MB patch opens
 * in a few milliseconds and memory stays at 9 bytes a line plus the file
 * and hunk tables.  Verifier evidence is placed on the lines it came from. */
struct diff_note {
	size_t line;                 /* 0-based patch line */
	enum verifier_kind verifier;
	const char *label, *detail;  /* borrowed from the attempt's evidence */
	bool bad;                    /* this finding is why the verifier failed */
};
struct diff_file_info {
	char layer[16];              /* the architecture layer the verifier gave, "" */
	int notes, bad;              /* findings on the file's lines */
};
/* Side by side: one row shows an old line and a new line (a removal next
 * to its replacement); a context line is both; other lines span the row. */
#define DIFF_NO_LINE UINT32_MAX
struct diff_pair {
	uint32_t left, right;
};
struct diff_model {
	struct text_model text;      /* owns the blob */
	struct diff d;
	struct diff_file_info *info; /* d.n_files entries */
	struct diff_note *notes;     /* sorted by line */
	size_t n_notes;
	struct diff_pair *pairs;     /* built by diff_model_pairs() */
	size_t n_pairs;
};

/* Take ownership of blob; index it. */
int diff_model_open(struct diff_model *m, struct store_blob *blob, struct bt_error *err);
/* Place a's evidence (store_load_attempt) on the lines; a must outlive m's
 * notes.  A database or ORM label counts as bad when its verifier failed
 * and the reason names it as the other side's evidence ("Also found ...");
 * every import that broke the layer direction is bad. */
void diff_model_set_evidence(struct diff_model *m, const struct attempt *a);
/* The notes on a line: returns how many, *first the index of the first. */
size_t diff_model_notes_at(const struct diff_model *m, size_t line, size_t *first);
/* Where to go from `line` (dir > 0: forward): the first line of the next
 * file (backward: this file's start when past it, else the previous
 * file's), of the next or previous hunk, of the next or previous finding
 * (`from` may be -1).  -1 when there is none. */
long diff_model_next_file(const struct diff_model *m, size_t line, int dir);
long diff_model_next_hunk(const struct diff_model *m, size_t line, int dir);
long diff_model_next_note(const struct diff_model *m, long from, int dir);
/* Build the side-by-side rows (once). */
void diff_model_pairs(struct diff_model *m);
/* The side-by-side row showing a line. */
size_t diff_model_pair_of(const struct diff_model *m, size_t line);
void diff_model_close(struct diff_model *m);

/* ------------------------------------------------------------ log viewer */

enum log_class {
	LOG_PLAIN,
	LOG_ACCESS,       /* an HTTP access line with a status below 500 */
	LOG_ACCESS_FAIL,  /* an access line with a 5xx status */
	LOG_WARN,         /* WARNING lines */
	LOG_TRACE,        /* traceback frames, "    at ..." lines, chained-exception notes */
	LOG_ERROR,        /* "Traceback", "...Error: ...", "Exception", "npm ERR!", "FATAL" */
};
/* A server or setup log paged from the store with one class byte per line. */
struct log_model {
	struct text_model text;      /* owns the blob */
	unsigned char *cls;          /* enum log_class per line */
	size_t *errors;              /* the first line of every error block */
	size_t n_errors;
};
/* The class of one line; *in_traceback says whether a Python traceback
 * is open and is updated.  Only the first 4 KB of a line are read. */
enum log_class log_classify(const char *s, size_t n, bool *in_traceback);
/* An access line (werkzeug, uvicorn, aiohttp, django, morgan, koa, hono):
 * "GET /api/articles HTTP/1.1" 500 ... or GET /api/x 200 ...; the method
 * is copied (at most 15 bytes), the path points into s. */
struct log_access {
	char method[16];
	const char *path;
	size_t path_len;
	int status;
};
bool log_access_parse(const char *s, size_t n, struct log_access *out);
int log_model_open(struct log_model *m, struct store_blob *blob, struct bt_error *err);
/* The access line of the occurrence-th (0-based) request with this method
 * and path (a URL's path and query; "http://host" is dropped); when the
 * log has fewer, the last one; -1 when none. */
long log_model_find_request(struct log_model *m, const char *method, const char *url,
			    int occurrence);
/* The next (dir > 0) or previous error block from line `from` (which may
 * be -1), wrapping around; -1 when the log has none. */
long log_model_next_error(const struct log_model *m, long from, int dir);
void log_model_close(struct log_model *m);

/* ------------------------------------------------------------ trajectory viewer */

/* A parsed trajectory with, per step, its line count and the byte range
 * of its first non-blank line. */
struct traj_model {
	struct trajectory t;
	struct traj_line_info {
		size_t lines;             /* '\n'-separated lines of the text */
		size_t first, first_len;  /* its first non-blank line */
		size_t bytes;
	} *info;                     /* t.n entries */
};
/* Read the whole trajectory artifact (format "mini" or "openhands") from
 * blob (closed here) and parse it; BT_EINPUT when it is not readable. */
int traj_model_open(struct traj_model *m, struct store_blob *blob, const char *format,
		    struct bt_error *err);
/* The next match of needle in reading order after line `from_line` of
 * step `from` (dir > 0), or the previous one before it (dir < 0),
 * wrapping around the steps; a step's role and tool count as its line 0.
 * Returns the step (and *line) or -1 when nothing matches.  from may be -1. */
long traj_model_find(const struct traj_model *m, long from, long from_line, const char *needle,
		     int dir, long *line);
/* Is the step an observation (a tool's output, folded when long)? */
bool traj_step_is_observation(const struct traj_model *m, size_t step);
void traj_model_close(struct traj_model *m);

#endif
